package org.airgap.server.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.airgap.model.CompareResult;
import org.airgap.model.IdentityCheck;
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
     * @param refusal       why the automatic version the job asks for is not made, for the technician and
     *                      the server's audit trail; {@code null} when nothing was refused
     */
    public record Decision(boolean createVersion, String comment, String refusal) {

        /** Keep the run, make no version. */
        public static final Decision NO_VERSION = new Decision(false, null);

        /** A decision that refuses nothing. */
        public Decision(boolean createVersion, String comment) {
            this(createVersion, comment, null);
        }
    }

    private VersionPolicy() {
    }

    /**
     * The automatic version on upload: made when the job creates versions automatically, the run
     * succeeded with a snapshot, the component has no version yet or the snapshot differs from its
     * latest one, and the run was read from the same device. The server compares the run's identity with
     * its latest version's itself ({@link IdentityCheck}); a different device found by the laptop (against
     * its previous backup, when the version's device is not known) refuses it too.
     *
     * @param latest              the component's latest version, if any, with the device it was read from
     * @param serverVersionResult the run's snapshot compared on the server with {@code latest}
     */
    public static Decision onCommit(Job job, Run run, Optional<Version> latest, CompareResult serverVersionResult) {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(run, "run");
        boolean differs = latest.isEmpty() || serverVersionResult == CompareResult.DIFFERENT;
        if (!job.options().createVersionAutomatically() || run.outcome() != RunOutcome.SUCCEEDED
                || run.snapshotId() == null || !differs) {
            return Decision.NO_VERSION;
        }
        IdentityCheck check = latest.map(version -> IdentityCheck.of(version.device(), run.device(),
                "version " + version.number())).orElse(null);
        if (check == null && run.differentDevice()) {
            check = run.identityCheck();
        }
        if (check != null && !check.allowsAutomaticVersion()) {
            return new Decision(false, null, "no automatic version: " + check.describe()
                    + " The run is kept without a version: check the device and the cable.");
        }
        return new Decision(true, "automatic version from run " + run.id());
    }

    /**
     * When a run's backup was taken, by the server's clock: the laptop's run start corrected by how far its
     * clock was off (its clock minus the server's) when the laptop said; else the run start as it is.
     */
    public static Instant backupTime(Instant runStart, Duration clockSkew) {
        Objects.requireNonNull(runStart, "runStart");
        return clockSkew == null ? runStart : runStart.minus(clockSkew);
    }

    /**
     * The stale check-in rule (as octoplant's): a backup taken before the backup the latest version came from
     * does not become a version, automatically or by hand. Backups taken at the same time may.
     *
     * @param backupTime       the run's {@link #backupTime}
     * @param latestNumber     the component's latest version
     * @param latestRunId      the run that version came from
     * @param latestBackupTime that run's {@link #backupTime}
     * @return why the run may not become a version (the server version is newer); {@code null} when it may
     */
    public static String staleRefusal(Instant backupTime, int latestNumber, String latestRunId,
            Instant latestBackupTime) {
        if (latestBackupTime == null || !backupTime.isBefore(latestBackupTime)) {
            return null;
        }
        return "the server version is newer: version " + latestNumber + " comes from run " + latestRunId
                + ", backed up at " + latestBackupTime + ", after this backup (" + backupTime
                + ", server time); an older backup never replaces a newer version";
    }
}
