package org.airgap.protocol;

import java.time.Instant;

import org.airgap.model.CompareResult;
import org.airgap.model.RunOutcome;

/**
 * A committed run as the administrator lists it ({@code GET /api/admin/runs}): who ran which job when, how
 * it ended, the server's two compare results, how far the laptop's clock was off and the version it made.
 *
 * @param start                the run's start by the laptop's clock
 * @param end                  its end by the laptop's clock; null when none was recorded
 * @param backupTime           when the backup was taken by the server's clock: {@code start} corrected by
 *                             the clock skew when known, else {@code start}; runs are listed by it, newest first
 * @param committed            when the server stored the run (its own clock)
 * @param snapshotId           the backup's snapshot; null for a run without one
 * @param serverVersionResult  the server's compare with the component's latest version at the commit
 * @param previousBackupResult the server's compare with the component's previous backup at the commit
 * @param clockSkewSeconds     the laptop's clock minus the server's when it uploaded; null when it did not say
 * @param version              the version the run became (automatically or checked in by hand); null if none
 * @param versionRefusal       why the automatic version its job asks for was not made; null otherwise
 * @param technician           who ran it, as its laptop signed it (since 0.2; {@code user} is who uploaded it);
 *                             null for runs committed before laptop keys
 * @param signature            how its laptop vouched for it (since 0.2): {@code RUN_END}, {@code BEFORE_KEY}
 *                             (recorded before the laptop had its key) or {@code UNSIGNED}; null for runs
 *                             committed before laptop keys
 */
public record AdminRun(String id, String jobId, String componentId, String user, RunOutcome outcome, int attempts,
        Instant start, Instant end, Instant backupTime, Instant committed, String snapshotId,
        CompareResult serverVersionResult, CompareResult previousBackupResult, Long clockSkewSeconds,
        Integer version, String versionRefusal, String technician, String signature) {

    /** A run without technician and signature, as servers before laptop keys answer. */
    public AdminRun(String id, String jobId, String componentId, String user, RunOutcome outcome, int attempts,
            Instant start, Instant end, Instant backupTime, Instant committed, String snapshotId,
            CompareResult serverVersionResult, CompareResult previousBackupResult, Long clockSkewSeconds,
            Integer version, String versionRefusal) {
        this(id, jobId, componentId, user, outcome, attempts, start, end, backupTime, committed, snapshotId,
                serverVersionResult, previousBackupResult, clockSkewSeconds, version, versionRefusal, null, null);
    }
}
