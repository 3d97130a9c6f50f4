package org.airgap.sync;

import java.io.IOException;
import java.util.List;

import org.airgap.protocol.JobSummary;
import org.airgap.session.ClientSession;
import org.eclipse.core.runtime.IProgressMonitor;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Syncs the workspace (the {@code JobRepository} service) with the server of an online session (a DS
 * service). Errors: a {@link org.airgap.session.SessionException} when the session is offline or the
 * server refused its token (reason from the server, e.g. RESTARTED; the local session is ended then),
 * {@link SyncException} for every other failure with the server's message or the network problem.
 * Cancelling through the monitor throws {@link org.eclipse.core.runtime.OperationCanceledException} and
 * leaves everything resumable.
 */
@ProviderType
public interface SyncService {

    /**
     * GET /api/sync, then every baseline snapshot (manifest and blobs) the local store lacks, then
     * replaces the synced data of the workspace. All or nothing: on failure the previous synced data
     * stays (snapshots already fetched stay in the store and are not fetched again). Also stores the
     * offline-login verifier and session policy through the session service, deletes the offline logins of
     * users the server says are disabled or gone, and remembers the jobs the server no longer gives
     * ({@link RemovedJob}) to say why they are gone.
     */
    PullReport pull(ClientSession session, IProgressMonitor monitor) throws IOException;

    /** GET /api/jobs: every job on the server the user may see, synced or not. */
    List<JobSummary> serverJobs(ClientSession session) throws IOException;

    /**
     * Uploads every pending run (oldest first): the blobs the server lacks in chunks, resuming where the
     * server's received offset says, then the commit. A run leaves the upload queue only once the server
     * answered the commit. Then sends the audit entries the server has not acknowledged yet. Stops at
     * the first run that fails (the exception names it); runs committed before stay committed. Runs of a
     * job removed from the laptop ({@link RemovedJob}) stay queued, unsent: {@link PushReport#held()}.
     * When the workspace setting {@code prune.after.upload} is on (the default), the snapshots of uploaded
     * runs that are no longer a baseline are pruned after the runs went up ({@link PushReport#pruned()}).
     */
    PushReport push(ClientSession session, IProgressMonitor monitor) throws IOException;
}
