package org.airgap.workspace;

import java.time.Instant;

import org.airgap.model.CompareResult;
import org.airgap.model.Job;
import org.airgap.model.Run;

/**
 * One job as the technician's overview shows it ({@link JobRepository#overview}): its last run here, when
 * its device was last backed up, and whether that is too long ago.
 *
 * @param job           the job; for a job only the server lists, its id, name and component with default
 *                      options
 * @param componentName the component's name; {@code null} when the component is not known
 * @param deviceType    the component's driver id; {@code null} when not known
 * @param lastRun       the job's newest run in this workspace; {@code null} when it never ran here
 * @param uploadPending whether that run waits for upload
 * @param lastBackup    when the component was last backed up successfully as far as this workspace knows
 *                      (a run here or the server's latest version); {@code null} when unknown
 * @param ageWarning    why the backup is too old for the job's limit, in words that say what to do;
 *                      {@code null} when it is not
 * @param synced        true for the jobs of this workspace; false for jobs the server lists that the last
 *                      sync did not bring (they cannot run here yet)
 */
public record JobOverview(Job job, String componentName, String deviceType, Run lastRun, boolean uploadPending,
        Instant lastBackup, String ageWarning, boolean synced) {

    public String id() {
        return job.id();
    }

    public String name() {
        return job.name();
    }

    public String componentId() {
        return job.componentId();
    }

    /** The last run's result against the server version; {@code null} when the job never ran here. */
    public CompareResult serverVersionResult() {
        return lastRun == null ? null : lastRun.serverVersionResult();
    }

    /** The last run's result against the previous backup; {@code null} when the job never ran here. */
    public CompareResult previousBackupResult() {
        return lastRun == null ? null : lastRun.previousBackupResult();
    }
}
