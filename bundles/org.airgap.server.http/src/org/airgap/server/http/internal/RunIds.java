package org.airgap.server.http.internal;

import java.util.Objects;

import org.airgap.model.Run;
import org.airgap.protocol.UserInfo;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.airgap.server.core.ServerRepository.CommittedRun;

/**
 * A run id names one run: once committed, the id answers only its own run again (the same user, job
 * and snapshot: a retry is idempotent). Any other upload under it is refused, so that nobody learns
 * another run's result through its id, and the laptop keeps its run queued instead of taking another
 * run's commit for its own. Before the commit, a planned run's id is held for the user who planned it:
 * another user's plan would replace theirs, and their commit would then find no upload.
 */
final class RunIds {

    private RunIds() {
    }

    /**
     * @param run the run being uploaded under {@code runId}, or {@code null} when only its id is known
     *            (a commit whose upload was already cleaned up): then only the user is compared
     * @throws ServerException CONFLICT, without a word about the committed run
     */
    static void requireSameRun(CommittedRun committed, String runId, UserInfo user, Run run) throws ServerException {
        boolean same = committed.user().equals(user.name()) && (run == null
                || committed.jobId().equals(run.jobId()) && Objects.equals(committed.snapshotId(), run.snapshotId()));
        if (!same) {
            throw taken(runId);
        }
    }

    /**
     * A plan may replace a plan of the same user (a laptop planning its run again), or of the same run: the
     * same job and snapshot, as a laptop shared by several technicians sends it again under another login.
     * Plans kept by older servers name no user and may be replaced.
     *
     * @throws ServerException CONFLICT, the same answer as for a committed run
     */
    static void requireOwnPlan(PendingUpload planned, String runId, UserInfo user, Run run) throws ServerException {
        boolean sameRun = planned.run().jobId().equals(run.jobId())
                && Objects.equals(planned.run().snapshotId(), run.snapshotId());
        if (!plannedBy(planned, user) && !sameRun) {
            throw taken(runId);
        }
    }

    /** Whether the user planned the upload (plans kept by older servers name nobody and count as anyone's). */
    static boolean plannedBy(PendingUpload planned, UserInfo user) {
        return planned.user() == null || planned.user().equals(user.name());
    }

    private static ServerException taken(String runId) {
        return new ServerException(Kind.CONFLICT, "the run id " + runId + " is already taken on the server by"
                + " another upload; this run was not uploaded and stays on the laptop — tell the"
                + " administrator, who can check the server's runs for this id");
    }
}
