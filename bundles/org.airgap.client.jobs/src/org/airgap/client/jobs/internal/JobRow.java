package org.airgap.client.jobs.internal;

import java.time.Instant;

import org.airgap.model.CompareResult;
import org.airgap.model.Job;
import org.airgap.model.Run;

/**
 * One line of the Jobs view.
 *
 * @param job           the job
 * @param componentId   its component
 * @param componentName the component's name, or its id when the component was not synced
 * @param deviceType    the component's driver id, empty when unknown
 * @param lastRun       the job's newest run on this laptop, {@code null} when it never ran here
 * @param lastBackup    when the component was last backed up successfully, as far as this laptop knows;
 *                      {@code null} when unknown
 * @param ageWarning    why the backup is too old for the job's limit, {@code null} when it is not
 * @param runnable      whether this laptop can run it: true for synced jobs. Jobs that exist only on the
 *                      server (the sync service will list them) are shown greyed with {@code false}.
 * @param cannotRun     why the pre-flight check says this laptop cannot run the job (driver missing, a
 *                      parameter invalid), {@code null} when it can or the check is not available
 * @param removed       why a sync removed the job from this laptop (the server no longer gives it to the
 *                      technician), {@code null} for every other job; such a row is not runnable
 * @param heldRuns      runs of a removed job waiting for upload, held here until it is assigned again
 */
record JobRow(Job job, String componentId, String componentName, String deviceType, Run lastRun, Instant lastBackup,
        String ageWarning, boolean runnable, String cannotRun, String removed, int heldRuns) {

    /** A row of a job that is not removed. */
    JobRow(Job job, String componentId, String componentName, String deviceType, Run lastRun, Instant lastBackup,
            String ageWarning, boolean runnable, String cannotRun) {
        this(job, componentId, componentName, deviceType, lastRun, lastBackup, ageWarning, runnable, cannotRun, null,
                0);
    }

    String id() {
        return job.id();
    }

    String name() {
        return job.name();
    }

    /** Last run's result against the server version; Not compared when the job never ran here. */
    CompareResult serverResult() {
        return lastRun == null ? CompareResult.NOT_COMPARED : lastRun.serverVersionResult();
    }

    /** Last run's result against the previous backup; Not compared when the job never ran here. */
    CompareResult previousResult() {
        return lastRun == null ? CompareResult.NOT_COMPARED : lastRun.previousBackupResult();
    }

    Instant lastRunTime() {
        return lastRun == null ? null : lastRun.end() != null ? lastRun.end() : lastRun.start();
    }
}
