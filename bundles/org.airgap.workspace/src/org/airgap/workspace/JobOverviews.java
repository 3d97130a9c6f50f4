package org.airgap.workspace;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.airgap.model.Baseline;
import org.airgap.model.Component;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.model.Run;
import org.airgap.model.RunOutcome;

/** The query behind {@link JobRepository#overview}: one pass over what sync brought and the runs. */
final class JobOverviews {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);

    private JobOverviews() {
    }

    static List<JobOverview> read(JobRepository repository, List<ServerJob> serverJobs, Instant now)
            throws IOException {
        SyncedData synced = repository.synced();
        Map<String, Component> components = index(synced.components(), Component::id);
        Map<String, Baseline> baselines = index(synced.baselines(), Baseline::componentId);
        Map<String, String> componentOfJob = new HashMap<>();
        synced.jobs().forEach(job -> componentOfJob.put(job.id(), job.componentId()));
        Map<String, Run> lastRunByJob = new HashMap<>();
        Map<String, Instant> lastBackupByComponent = new HashMap<>();
        for (Run run : repository.runs()) { // newest first
            lastRunByJob.putIfAbsent(run.jobId(), run);
            String componentId = componentOfJob.get(run.jobId());
            if (componentId != null && run.outcome() == RunOutcome.SUCCEEDED && run.end() != null) {
                lastBackupByComponent.merge(componentId, run.end(), JobOverviews::later);
            }
        }
        // A version on the server is a backup too: the newest one counts when it is newer than ours.
        for (Baseline baseline : baselines.values()) {
            if (baseline.serverVersion() != null) {
                lastBackupByComponent.merge(baseline.componentId(), baseline.serverVersion().time(),
                        JobOverviews::later);
            }
        }
        Set<String> pending = repository.pendingUploads().stream().map(Run::id).collect(Collectors.toSet());
        List<JobOverview> rows = new ArrayList<>(synced.jobs().size());
        for (Job job : synced.jobs()) {
            Component component = components.get(job.componentId());
            Run lastRun = lastRunByJob.get(job.id());
            Instant lastBackup = lastBackupByComponent.get(job.componentId());
            Baseline baseline = baselines.get(job.componentId());
            boolean serverHasBackup = baseline != null && baseline.previousBackupSnapshot() != null;
            rows.add(new JobOverview(job, component == null ? null : component.name(),
                    component == null ? null : component.deviceType(), lastRun,
                    lastRun != null && pending.contains(lastRun.id()), lastBackup,
                    ageWarning(job, lastBackup, serverHasBackup, now), true));
        }
        Set<String> shown = new HashSet<>(componentOfJob.keySet());
        for (ServerJob listed : serverJobs) {
            if (shown.add(listed.id())) {
                Job job = new Job(listed.id(), listed.componentId(), listed.name(), Map.of(), JobOptions.defaults());
                rows.add(new JobOverview(job, listed.componentName(), listed.deviceType(), null, false, null, null,
                        false));
            }
        }
        return rows;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static <T> Map<String, T> index(List<T> values, Function<T, String> key) {
        Map<String, T> index = new HashMap<>();
        values.forEach(value -> index.put(key.apply(value), value));
        return index;
    }

    /**
     * The warning for a component whose newest backup is older than the job allows. No warning when the
     * age is unknown (the server holds a backup of unknown time).
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
        return "The last backup is " + describe(age) + " old (" + TIME.format(LocalDateTime.ofInstant(lastBackup,
                ZoneId.systemDefault())) + "); the job asks for one at least every " + describe(limit) + ". Run it.";
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
}
