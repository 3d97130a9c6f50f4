package org.airgap.server.core;

import java.util.Objects;
import java.util.Optional;

import org.airgap.model.CompareResult;
import org.airgap.model.Job;
import org.airgap.model.Run;
import org.airgap.model.RunOutcome;
import org.airgap.model.Version;

/**
 * The server's rules for making a version of a component from a backup: whether a committed run
 * becomes version N+1. The endpoints ask here and store what it decides
 * ({@link ServerRepository#commit}); further check-in rules belong in this class too.
 */
public final class VersionPolicy {

    /**
     * What to do with a committed run's snapshot.
     *
     * @param createVersion whether the snapshot becomes the component's next version
     * @param comment       the new version's comment; {@code null} when no version is made
     */
    public record Decision(boolean createVersion, String comment) {

        /** Keep the run, make no version. */
        public static final Decision NO_VERSION = new Decision(false, null);
    }

    private VersionPolicy() {
    }

    /**
     * The automatic version on upload: made when the job creates versions automatically, the run
     * succeeded with a snapshot, and the component has no version yet or the snapshot differs from its
     * latest one.
     *
     * @param latest              the component's latest version, if any
     * @param serverVersionResult the run's snapshot compared on the server with {@code latest}
     */
    public static Decision onCommit(Job job, Run run, Optional<Version> latest, CompareResult serverVersionResult) {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(run, "run");
        boolean differs = latest.isEmpty() || serverVersionResult == CompareResult.DIFFERENT;
        if (job.options().createVersionAutomatically() && run.outcome() == RunOutcome.SUCCEEDED
                && run.snapshotId() != null && differs) {
            return new Decision(true, "automatic version from run " + run.id());
        }
        return Decision.NO_VERSION;
    }
}
