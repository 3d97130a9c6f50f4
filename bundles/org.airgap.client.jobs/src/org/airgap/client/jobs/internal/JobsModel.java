package org.airgap.client.jobs.internal;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.airgap.client.events.ServerJobs;
import org.airgap.runner.check.CheckService;
import org.airgap.workspace.JobOverview;
import org.airgap.workspace.JobRepository;
import org.airgap.workspace.ServerJob;

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
     * Reads the overview of the job repository: the synced jobs and the runs on this laptop, and the jobs
     * the server listed that are not synced yet and those syncs removed, both not runnable.
     *
     * @param serverJobs the jobs the server listed at the last online login; {@code null} when not known
     * @param check      the pre-flight check that marks jobs this laptop cannot run; {@code null} when not available
     */
    static JobsModel load(JobRepository repository, ServerJobs serverJobs, CheckService check, Instant now)
            throws IOException {
        Map<String, String> cannotRun = new HashMap<>();
        if (check != null) {
            check.preflight().blocked().forEach(job -> cannotRun.put(job.jobId(), String.join("\n", job.problems())));
        }
        List<ServerJob> listed = serverJobs == null ? List.of() : serverJobs.jobs().stream()
                .map(entry -> new ServerJob(entry.id(), entry.name(), entry.componentId(), entry.componentName(),
                        entry.deviceType()))
                .toList();
        List<JobRow> rows = new ArrayList<>();
        for (JobOverview job : repository.overview(listed, now)) {
            rows.add(new JobRow(job.job(), job.componentId(),
                    job.componentName() == null ? job.componentId() : job.componentName(),
                    job.deviceType() == null ? "" : job.deviceType(), job.lastRun(), job.lastBackup(),
                    job.ageWarning(), job.synced(), job.synced() ? cannotRun.get(job.id()) : null));
        }
        return new JobsModel(RemovedJobRows.add(rows, repository));
    }

    /** The line under the table: how many jobs are shown and selected, and which need attention. */
    String summary(int shownCount, int selectedCount) {
        if (rows.isEmpty()) {
            return "No jobs on this laptop yet: sync with the server to get the jobs assigned to you.";
        }
        String text = shownCount == rows.size() ? rows.size() + " jobs" : shownCount + " of " + rows.size() + " jobs shown";
        if (selectedCount > 0) {
            text += " \u00b7 " + selectedCount + " selected";
        }
        long warnings = rows.stream().filter(row -> row.ageWarning() != null).count();
        long serverOnly = rows.stream().filter(row -> !row.runnable() && row.removed() == null).count();
        List<JobRow> removed = rows.stream().filter(row -> row.removed() != null).toList();
        long blocked = rows.stream().filter(row -> row.cannotRun() != null).count();
        if (serverOnly > 0) {
            text += " \u00b7 " + serverOnly + " only on the server (greyed): sync to run " + (serverOnly == 1 ? "it" : "them");
        }
        if (!removed.isEmpty()) {
            int held = removed.stream().mapToInt(JobRow::heldRuns).sum();
            text += " \u00b7 " + (removed.size() == 1 ? "'" + removed.get(0).name() + "'" : removed.size() + " jobs")
                    + " removed: no longer assigned to you" + (held == 0 ? "" : held == 1 ? ", 1 run held"
                            : ", " + held + " runs held") + " (greyed, the tooltip says more)";
        }
        if (blocked > 0) {
            text += " \u00b7 " + blocked + (blocked == 1 ? " job cannot" : " jobs cannot") + " run on this laptop "
                    + "(\u2716, the tooltip says why)";
        }
        if (warnings > 0) {
            text += " \u00b7 " + warnings + (warnings == 1 ? " job needs" : " jobs need") + " a backup (\u26a0)";
        }
        return text;
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
