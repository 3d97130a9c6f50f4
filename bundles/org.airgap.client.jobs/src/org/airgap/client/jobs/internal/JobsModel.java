package org.airgap.client.jobs.internal;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.airgap.client.events.ServerJobs;
import org.airgap.model.Baseline;
import org.airgap.model.Component;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.model.Run;
import org.airgap.model.RunOutcome;
import org.airgap.workspace.JobRepository;
import org.airgap.workspace.SyncedData;

/**
 * The rows of the Jobs view, read from the job repository in one go (off the UI thread), and the
 * filtered, sorted views of them the table shows. Reading is the only slow part; filtering and sorting
 * 5,000 rows takes milliseconds.
 */
final class JobsModel {

    /** The table's columns, in order, with how each sorts. */
    enum Column {
        JOB("Job", 180, Comparator.comparing(JobRow::name, String.CASE_INSENSITIVE_ORDER)),
        COMPONENT("Component", 140, Comparator.comparing(JobRow::componentName, String.CASE_INSENSITIVE_ORDER)),
        DEVICE_TYPE("Device type", 95, Comparator.comparing(JobRow::deviceType, String.CASE_INSENSITIVE_ORDER)),
        LAST_RUN("Last run", 185, Comparator.comparing(JobRow::lastRunTime,
                Comparator.nullsFirst(Comparator.naturalOrder()))),
        SERVER_RESULT("Server version \u2194 Backup", 180, Comparator.comparing(JobRow::serverResult)),
        PREVIOUS_RESULT("Prev. backup \u2194 Backup", 165, Comparator.comparing(JobRow::previousResult));

        final String title;
        final int width;
        final Comparator<JobRow> order;

        Column(String title, int width, Comparator<JobRow> order) {
            this.title = title;
            this.width = width;
            this.order = order;
        }
    }

    static final JobsModel EMPTY = new JobsModel(List.of());

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private final List<JobRow> rows;

    JobsModel(List<JobRow> rows) {
        this.rows = List.copyOf(rows);
    }

    List<JobRow> rows() {
        return rows;
    }

    /**
     * Reads the synced jobs and the runs on this laptop, and adds the jobs the server listed that are not
     * synced yet, not runnable.
     *
     * @param serverJobs the jobs the server listed at the last online login; {@code null} when not known
     */
    static JobsModel load(JobRepository repository, ServerJobs serverJobs, Instant now) throws IOException {
        SyncedData synced = repository.synced();
        Map<String, Component> components = index(synced.components(), Component::id);
        Map<String, Baseline> baselines = index(synced.baselines(), Baseline::componentId);
        Map<String, Run> lastRunByJob = new HashMap<>();
        Map<String, Instant> lastBackupByComponent = new HashMap<>();
        Map<String, String> componentOfJob = new HashMap<>();
        for (Job job : synced.jobs()) {
            componentOfJob.put(job.id(), job.componentId());
        }
        for (Run run : repository.runs()) { // newest first
            lastRunByJob.putIfAbsent(run.jobId(), run);
            String componentId = componentOfJob.get(run.jobId());
            if (componentId != null && run.outcome() == RunOutcome.SUCCEEDED && run.end() != null) {
                lastBackupByComponent.merge(componentId, run.end(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        // A version on the server is a backup too: the newest one counts when it is newer than ours.
        baselines.values().forEach(baseline -> {
            if (baseline.serverVersion() != null) {
                lastBackupByComponent.merge(baseline.componentId(), baseline.serverVersion().time(),
                        (a, b) -> a.isAfter(b) ? a : b);
            }
        });
        List<JobRow> rows = new ArrayList<>(synced.jobs().size());
        for (Job job : synced.jobs()) {
            Component component = components.get(job.componentId());
            Instant lastBackup = lastBackupByComponent.get(job.componentId());
            Baseline baseline = baselines.get(job.componentId());
            boolean serverHasBackup = baseline != null && baseline.previousBackupSnapshot() != null;
            rows.add(new JobRow(job, job.componentId(), component == null ? job.componentId() : component.name(),
                    component == null ? "" : component.deviceType(), lastRunByJob.get(job.id()), lastBackup,
                    ageWarning(job, lastBackup, serverHasBackup, now), true));
        }
        if (serverJobs != null) {
            Set<String> shown = new HashSet<>(componentOfJob.keySet());
            for (ServerJobs.Entry entry : serverJobs.jobs()) {
                if (shown.add(entry.id())) {
                    Job job = new Job(entry.id(), entry.componentId(), entry.name(), Map.of(), JobOptions.defaults());
                    rows.add(new JobRow(job, entry.componentId(), entry.componentName(),
                            entry.deviceType() == null ? "" : entry.deviceType(), null, null, null, false));
                }
            }
        }
        return new JobsModel(rows);
    }

    private static <T> Map<String, T> index(List<T> values, Function<T, String> key) {
        Map<String, T> index = new HashMap<>();
        values.forEach(value -> index.put(key.apply(value), value));
        return index;
    }

    /**
     * The warning for a component whose newest backup is older than the job allows, in words that say
     * what to do. No warning when the age is unknown (the server holds a backup of unknown time).
     */
    static String ageWarning(Job job, Instant lastBackup, boolean serverHasBackup, Instant now) {
        Duration limit = job.options().warnIfBackupOlderThan();
        if (limit == null) {
            return null;
        }
        if (lastBackup == null) {
            return serverHasBackup ? null : "No backup of this device yet; the job asks for one at least every "
                    + describe(limit) + ". Run it.";
        }
        Duration age = Duration.between(lastBackup, now);
        if (age.compareTo(limit) <= 0) {
            return null;
        }
        return "The last backup is " + describe(age) + " old (" + format(lastBackup) + "); the job asks for one at "
                + "least every " + describe(limit) + ". Run it.";
    }

    /** "3 days", "5 hours", "20 minutes": the largest whole unit. */
    static String describe(Duration duration) {
        if (duration.toDays() >= 1) {
            return plural(duration.toDays(), "day");
        }
        if (duration.toHours() >= 1) {
            return plural(duration.toHours(), "hour");
        }
        return plural(Math.max(1, duration.toMinutes()), "minute");
    }

    private static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    static String format(Instant time) {
        return TIME.format(LocalDateTime.ofInstant(time, ZoneId.systemDefault()));
    }

    /**
     * The rows to show: those in {@code scope} (all when empty) whose job, component or device type
     * contains {@code filter} (ignoring case), sorted by {@code column}.
     */
    JobRow[] view(String filter, Set<String> scope, Column column, boolean ascending) {
        String text = filter.trim().toLowerCase(Locale.ROOT);
        Comparator<JobRow> order = column.order.thenComparing(JobRow::name, String.CASE_INSENSITIVE_ORDER)
                .thenComparing(JobRow::id);
        return rows.stream()
                .filter(row -> scope.isEmpty() || scope.contains(row.componentId()))
                .filter(row -> text.isEmpty() || contains(row.name(), text) || contains(row.componentName(), text)
                        || contains(row.deviceType(), text))
                .sorted(ascending ? order : order.reversed())
                .toArray(JobRow[]::new);
    }

    private static boolean contains(String value, String lowerCaseText) {
        return value.toLowerCase(Locale.ROOT).contains(lowerCaseText);
    }
}
