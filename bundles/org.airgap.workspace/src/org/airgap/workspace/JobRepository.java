package org.airgap.workspace;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Lock;

import org.airgap.audit.AuditTrail;
import org.airgap.model.Baseline;
import org.airgap.model.Job;
import org.airgap.model.Run;
import org.airgap.model.RunOutcome;
import org.airgap.model.Version;
import org.airgap.store.ContentStore;
import org.eclipse.core.runtime.IProgressMonitor;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The technician's local job repository (one workspace folder, one process at a time). Every change is
 * written atomically before the call returns: killing the process at any instant leaves a repository
 * that opens and is consistent, and a run that did not finish is never shown as complete (it opens as
 * failed, "interrupted"). Runs and audit entries stay until the server has acknowledged their upload.
 */
@ProviderType
public interface JobRepository {

    /**
     * The framework or system property naming the workspace folder of the DS service, when its
     * configuration names none ({@code airgap --workspace DIR} sets it).
     */
    String WORKSPACE_PROPERTY = "airgap.workspace";

    /** The environment variable naming the workspace folder, after {@link #WORKSPACE_PROPERTY}. */
    String WORKSPACE_ENVIRONMENT = "AIRGAP_WORKSPACE";

    Path location();

    /** What the last sync brought; {@link SyncedData#NONE} before the first sync. */
    SyncedData synced();

    /** Replaces what sync brought, all or nothing, and records the sync in the audit trail. */
    void replaceSynced(SyncedData data, String user) throws IOException;

    Optional<Job> job(String jobId);

    /** Records a new run of a synced job as running, and the start in the audit trail. */
    Run startRun(String jobId, String user) throws IOException;

    /** Saves the progress of a running run (attempts, messages, device identity). */
    void saveRun(Run run) throws IOException;

    /**
     * Records a run's end (it must be complete, and its snapshot, if any, already stored), queues it for
     * upload, and records the end in the audit trail.
     */
    Run finishRun(Run run, String user) throws IOException;

    /** All runs that can be read, newest first ({@link #unreadableRuns} names the others). */
    List<Run> runs() throws IOException;

    /**
     * Runs whose record cannot be read — damaged, or a plain file put into an encrypted workspace from
     * outside — by id with the reason, in id order. {@link #runs} and {@link #pendingUploads} leave them out, so
     * that one bad file does not stop the others from showing and uploading; they stay where they are.
     *
     * @param waitingForUpload only those still waiting for upload
     * @since 0.2
     */
    Map<String, String> unreadableRuns(boolean waitingForUpload) throws IOException;

    Optional<Run> run(String runId) throws IOException;

    /**
     * The basis of "Server version &harr; Backup" for a component: the snapshot of its latest version on the
     * server as of the last sync; empty when the server has no version of it (or it was not synced).
     */
    default Optional<String> serverVersionSnapshot(String componentId) {
        return synced().baselines().stream().filter(baseline -> baseline.componentId().equals(componentId))
                .findFirst().map(Baseline::serverVersion).map(Version::snapshotId);
    }

    /**
     * The basis of "Prev. backup &harr; Backup" for a run: the snapshot of the latest successful backup of the
     * same job on this laptop that started before it, else the latest backup of the job's component the
     * server held at the last sync; empty when there is neither. The job runner compares with this when a
     * run finishes, and the compare view shows the same basis later.
     */
    default Optional<String> previousBackupSnapshot(Run run) throws IOException {
        for (Run candidate : runs()) {
            boolean startedBefore = candidate.start().isBefore(run.start())
                    || candidate.start().equals(run.start()) && candidate.id().compareTo(run.id()) < 0;
            if (startedBefore && candidate.jobId().equals(run.jobId()) && candidate.outcome() == RunOutcome.SUCCEEDED
                    && candidate.snapshotId() != null) {
                return Optional.of(candidate.snapshotId());
            }
        }
        Optional<String> componentId = job(run.jobId()).map(Job::componentId);
        return synced().baselines().stream().filter(baseline -> componentId.orElse("").equals(baseline.componentId()))
                .findFirst().map(Baseline::previousBackupSnapshot);
    }

    /**
     * The jobs overview: each synced job with its last run, the upload state of that run and the age
     * warning of its component's newest backup, followed by the jobs {@code serverJobs} lists that are not
     * synced yet. The Jobs view and {@code airgap jobs} only format these rows.
     *
     * @param serverJobs what the server lists for the technician; empty when not known
     * @param now        the time the backup ages are measured at
     * @since 0.2
     */
    default List<JobOverview> overview(List<ServerJob> serverJobs, Instant now) throws IOException {
        return JobOverviews.read(this, serverJobs, now);
    }

    /** Finished runs the server has not acknowledged yet and that can be read, oldest first. */
    List<Run> pendingUploads() throws IOException;

    /** The server acknowledged the run: it leaves the upload queue (the run itself stays). */
    void uploaded(String runId, String user) throws IOException;

    /**
     * The laptop's signing identity; the first call makes the key pair (at the workspace's first online
     * login) and signs the runs then waiting for upload as {@link org.airgap.model.RunSigning#BEFORE_KEY}.
     * From then on {@link #finishRun} signs every run it queues.
     *
     * @param user who is logged in, the technician of a waiting run whose end the audit trail does not name
     * @since 0.2
     */
    LaptopIdentity laptopIdentity(String user) throws IOException;

    /**
     * The laptop's signature of a run; empty for a run recorded before the laptop had a key.
     *
     * @since 0.2
     */
    Optional<RunSeal> runSeal(String runId) throws IOException;

    /**
     * The server refused the run's upload: it stays queued, with {@code reason}, and the refusal is recorded
     * in the audit trail.
     *
     * @since 0.2
     */
    void uploadRefused(String runId, String reason, String user) throws IOException;

    /**
     * Why the server refused the queued run's last upload; empty when it did not.
     *
     * @since 0.2
     */
    Optional<String> uploadRefusal(String runId) throws IOException;

    /**
     * Removes the snapshots of runs the server acknowledged that are no longer a baseline, then the blobs
     * no kept snapshot uses: kept are the latest backup of every job, the baselines of the last sync and
     * every snapshot of a run not acknowledged yet. The runs stay, with their results;
     * {@link #snapshotPruned} tells a pruned snapshot from a missing one. A prune cut off at any point leaves
     * a consistent workspace. Recorded in the audit trail when it removed something.
     *
     * @since 0.2
     */
    PruneReport pruneUploadedSnapshots(String user, IProgressMonitor monitor) throws IOException;

    /**
     * Whether the snapshot is no longer in the store because {@link #pruneUploadedSnapshots} removed it
     * after its run was uploaded (the server keeps it).
     *
     * @since 0.2
     */
    boolean snapshotPruned(String snapshotId);

    /**
     * The lock a job runner holds from committing a run's snapshot until {@link #finishRun} has recorded the
     * run (runs share it). {@link #pruneUploadedSnapshots} takes it exclusively: a backup identical to an
     * uploaded one finds that snapshot stored at its commit, and a prune must not remove it before the new
     * run names it. Not held during the backup itself, so a prune waits only for a run's last step.
     *
     * @since 0.2
     */
    Lock finishingLock();

    /**
     * The workspace's settings, read now: another process on the folder may have changed them.
     *
     * @since 0.2
     */
    default WorkspaceSettings settings() throws IOException {
        return WorkspaceSettings.read(location());
    }

    /**
     * Replaces the workspace's settings atomically.
     *
     * @since 0.2
     */
    default void saveSettings(WorkspaceSettings settings) throws IOException {
        settings.write(location());
    }

    /** The snapshots: backups, and the baselines received at sync. */
    ContentStore store();

    // ---- encryption at rest (docs/formats.md "Key slots", "Sealed files")

    /**
     * Whether the workspace is encrypted: it has key slots ({@link WorkspaceKeys}), and its sealed data
     * opens only after {@link #unlock}.
     *
     * @since 0.2
     */
    default boolean encrypted() {
        return WorkspaceKeys.of(location()).exists();
    }

    /**
     * Encrypts this workspace from now on: creates its data key with {@code user}'s key slot and returns the
     * key, to be passed to {@link #unlock}, which seals what is still plain.
     *
     * @since 0.2
     */
    default byte[] createDataKey(String user, char[] password) throws IOException {
        throw new UnsupportedOperationException("this repository is not encrypted");
    }

    /**
     * Unlocks the sealed data with the workspace's data key (from a key slot) for this process, sealing
     * first whatever a migration has not sealed yet.
     *
     * @since 0.2
     */
    default void unlock(byte[] dataKey) throws IOException {
        throw new UnsupportedOperationException("this repository is not encrypted");
    }

    /**
     * Forgets the data key (the session ended): sealed data no longer opens in this process.
     *
     * @since 0.2
     */
    default void lock() {
    }

    /**
     * Whether the sealed data opens in this process now.
     *
     * @since 0.2
     */
    default boolean unlocked() {
        return false;
    }

    /**
     * The workspace's trust files (pins, offline logins, laptop key), sealed under the data key while it is
     * unlocked; locked without it once the workspace is encrypted.
     *
     * @since 0.2
     */
    default SealedFiles sealedFiles() {
        return SealedFiles.of(location(), (byte[]) null);
    }

    AuditTrail audit();

    /** What opening the workspace repaired after a crash (interrupted runs, a torn audit line); empty normally. */
    List<String> recoveryNotes();
}
