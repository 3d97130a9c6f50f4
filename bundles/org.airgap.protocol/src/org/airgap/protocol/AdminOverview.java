package org.airgap.protocol;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.airgap.model.RunOutcome;

/**
 * GET /api/admin/overview: the plant as far as the administrator manages it, with each folder's worst
 * status rolled up, and the jobs and technicians that need attention.
 *
 * @param time           the server's time of the overview (ages are measured to it)
 * @param counts         how many components have each status
 * @param folders        every folder, its status the worst of all components below it
 * @param components     every component, its status the worst of its jobs'
 * @param neverRun       jobs without any uploaded run
 * @param failedLastRun  jobs whose last uploaded run failed or was cancelled
 * @param staleBackups   jobs whose latest backup is older than their {@code warnIfBackupOlderThan}
 * @param pendingUploads technicians with runs planned for upload but not committed yet
 */
public record AdminOverview(Instant time, Map<OverviewStatus, Integer> counts, List<Folder> folders,
        List<Component> components, List<Job> neverRun, List<Job> failedLastRun, List<Job> staleBackups,
        List<PendingUploads> pendingUploads) {

    public AdminOverview {
        counts = Map.copyOf(counts);
        folders = List.copyOf(folders);
        components = List.copyOf(components);
        neverRun = List.copyOf(neverRun);
        failedLastRun = List.copyOf(failedLastRun);
        staleBackups = List.copyOf(staleBackups);
        pendingUploads = List.copyOf(pendingUploads);
    }

    /** This overview with the technicians' pending uploads. */
    public AdminOverview withPendingUploads(List<PendingUploads> pending) {
        return new AdminOverview(time, counts, folders, components, neverRun, failedLastRun, staleBackups, pending);
    }

    /**
     * A folder; {@code parentId} may name a folder outside the administrator's part (then it is a root).
     *
     * @param components how many components are below it, subfolders included
     */
    public record Folder(String id, String name, String parentId, OverviewStatus status, int components) {
    }

    /** @param latestBackup the start of its latest run with a backup (the laptop's clock), {@code null} for none */
    public record Component(String id, String name, String folderId, OverviewStatus status, int jobs,
            Instant latestBackup) {
    }

    /**
     * A job that needs attention.
     *
     * @param lastRun      when its last uploaded run started, {@code null} when it never ran
     * @param lastOutcome  how that run ended
     * @param latestBackup the start of its latest run with a backup, {@code null} for none
     * @param warnAge      the job's {@code warnIfBackupOlderThan}, {@code null} for none
     */
    public record Job(String id, String name, String componentId, Instant lastRun, RunOutcome lastOutcome,
            Instant latestBackup, Duration warnAge) {
    }

    /**
     * A technician's runs on the server that were planned for upload but not committed yet (the laptop
     * stopped midway, or is still sending).
     *
     * @param oldest when the oldest of them was planned (the server's clock)
     */
    public record PendingUploads(String user, int runs, Instant oldest) {
    }
}
