package org.airgap.server.core.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

import org.airgap.model.DeviceIdentity;
import org.airgap.model.RunOutcome;
import org.airgap.model.Version;
import org.airgap.protocol.AdminVersion;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.airgap.server.core.SnapshotHold;
import org.airgap.server.core.VersionPolicy;

/**
 * The administrator's side of the versions: a component's history with the runs the versions came from,
 * a version's comment changed, and a committed run checked in as the next version by hand (for jobs that do
 * not create versions automatically). Both changes are audited in their transaction; a check-in takes the
 * component's version lock of {@link RunsAndVersions}, so numbers stay without gaps or duplicates. The
 * stale rule ({@link VersionPolicy#staleRefusal}) applies to automatic versions and check-ins alike. A
 * check-in holds the run's snapshot ({@link SnapshotHolds}) from its check until the version is in the
 * database, so that a gc dropping the run's snapshot meanwhile keeps its files: the new version never names a
 * removed blob, and a snapshot gc removed before the check is refused, saying so.
 */
final class VersionCheckins {

    static final String VERSION_CHECKIN = "VERSION_CHECKIN";
    static final String VERSION_COMMENT = "VERSION_COMMENT";
    /** The longest comment kept, in characters. */
    static final int MAX_COMMENT = 2000;

    /** The latest version of a component and the backup time of the run it came from (null when unknown). */
    record VersionSource(int number, String runId, String snapshotId, Instant backupTime) {
    }

    private final Jdbc jdbc;
    private final RunsAndVersions runs;
    private final SnapshotHolds holds;
    /** Runs once the run's snapshot is held, before the version is written: a seam for tests of gc beside it. */
    volatile Runnable whileHeld = () -> {
    };

    VersionCheckins(Jdbc jdbc, RunsAndVersions runs, SnapshotHolds holds) {
        this.jdbc = jdbc;
        this.runs = runs;
        this.holds = holds;
    }

    /** The component's versions, newest first. */
    List<AdminVersion> history(String componentId) {
        return jdbc.read(connection -> Jdbc.list(connection, "SELECT component_id, number, time, user_name, comment,"
                + " snapshot_id, run_id, (SELECT r.technician FROM runs r WHERE r.id = versions.run_id) FROM versions WHERE component_id = ? ORDER BY number DESC",
                VersionCheckins::adminVersion, componentId));
    }

    /**
     * Makes the run's backup the component's next version, with {@code comment}, as {@code user}.
     *
     * @throws ServerException NOT_FOUND for an unknown run; CONFLICT for a run that did not succeed, has no
     *                         backup, whose snapshot is no longer stored, that is a version already (naming
     *                         it), whose backup is the latest version's, or that is older than the backup the
     *                         latest version came from; BAD_REQUEST for a bad comment
     */
    AdminVersion checkIn(String runId, String comment, String user) throws ServerException {
        String text = checkedComment(comment);
        record Candidate(String componentId, String snapshotId, String outcome, Instant backupTime) {
        }
        Candidate run = jdbc.read(connection -> Jdbc.first(connection, "SELECT component_id, snapshot_id, outcome,"
                + " backup_time FROM runs WHERE id = ?", row -> new Candidate(row.getString(1), row.getString(2),
                        row.getString(3), Jdbc.instant(row, 4)), runId))
                .orElseThrow(() -> new ServerException(Kind.NOT_FOUND, "no run " + runId + " on the server"));
        if (!RunOutcome.SUCCEEDED.name().equals(run.outcome())) {
            throw new ServerException(Kind.CONFLICT, "run " + runId + " ended " + run.outcome()
                    + ": only a successful backup can become a version");
        }
        if (run.snapshotId() == null) {
            throw new ServerException(Kind.CONFLICT, "run " + runId + " has no backup to check in");
        }
        SnapshotHold hold = heldBackup(runId, run.snapshotId());
        ReentrantLock lock = runs.componentLock(run.componentId());
        lock.lock();
        try {
            whileHeld.run();
            return jdbc.transaction(connection -> {
                RunsAndVersions.lockComponent(connection, run.componentId());
                Optional<Integer> already = Jdbc.first(connection, "SELECT number FROM versions WHERE run_id = ?",
                        row -> row.getInt(1), runId);
                if (already.isPresent()) {
                    throw new ServerException(Kind.CONFLICT, "run " + runId + " is version " + already.get()
                            + " of component " + run.componentId() + " already");
                }
                Optional<VersionSource> latest = latestSource(connection, run.componentId());
                if (latest.isPresent()) {
                    requireNewer(runId, run.snapshotId(), run.backupTime(), latest.get());
                }
                Instant now = jdbc.now();
                Version version = new Version(run.componentId(), latest.map(v -> v.number() + 1).orElse(1), now, user,
                        text, run.snapshotId(), DeviceIdentity.UNKNOWN);
                RunsAndVersions.insertVersion(connection, version, runId);
                ServerAudit.recordChange(connection, now, user, VERSION_CHECKIN, "component " + run.componentId(),
                        "version " + version.number() + " checked in from run " + runId + ": " + text);
                // COALESCE: a run committed before laptop keys has none (Jdbc.first takes no null value).
                String technician = Jdbc.first(connection, "SELECT COALESCE(technician, '') FROM runs WHERE id = ?",
                        row -> row.getString(1), runId).filter(name -> !name.isEmpty()).orElse(null);
                return new AdminVersion(version.componentId(), version.number(), now, user, text,
                        version.snapshotId(), runId, technician);
            });
        } finally {
            lock.unlock();
            hold.close();
        }
    }

    /** The run's backup held for the check-in; refused, saying why, when gc removed it already. */
    private SnapshotHold heldBackup(String runId, String snapshotId) throws ServerException {
        try {
            return holds.hold(snapshotId, "the backup of run " + runId);
        } catch (IOException e) {
            throw new UncheckedIOException("the backup of run " + runId + " could not be read: " + e.getMessage(), e);
        }
    }

    private static void requireNewer(String runId, String snapshotId, Instant backupTime, VersionSource latest)
            throws ServerException {
        if (latest.snapshotId().equals(snapshotId)) {
            throw new ServerException(Kind.CONFLICT, "the backup of run " + runId + " is version " + latest.number()
                    + " already (the same snapshot): nothing to check in");
        }
        String stale = VersionPolicy.staleRefusal(backupTime, latest.number(), latest.runId(), latest.backupTime());
        if (stale != null) {
            throw new ServerException(Kind.CONFLICT, "run " + runId + " cannot be checked in: " + stale);
        }
    }

    /**
     * Replaces the comment of version {@code number} of the component, as {@code user}.
     *
     * @throws ServerException NOT_FOUND for an unknown version; BAD_REQUEST for a bad comment
     */
    AdminVersion comment(String componentId, int number, String comment, String user) throws ServerException {
        String text = checkedComment(comment);
        return jdbc.transaction(connection -> {
            String before = Jdbc.first(connection, "SELECT comment FROM versions WHERE component_id = ? AND number = ?",
                    row -> row.getString(1), componentId, number).orElseThrow(() -> new ServerException(
                            Kind.NOT_FOUND, "component " + componentId + " has no version " + number));
            Jdbc.update(connection, "UPDATE versions SET comment = ? WHERE component_id = ? AND number = ?", text,
                    componentId, number);
            ServerAudit.recordChange(connection, jdbc.now(), user, VERSION_COMMENT, "component " + componentId,
                    "version " + number + ": comment '" + before + "' changed to '" + text + "'");
            return Jdbc.first(connection, "SELECT component_id, number, time, user_name, comment, snapshot_id, run_id,"
                    + " (SELECT r.technician FROM runs r WHERE r.id = versions.run_id) FROM versions WHERE component_id = ? AND number = ?", VersionCheckins::adminVersion,
                    componentId, number).orElseThrow();
        });
    }

    /**
     * Why a run backed up at {@code backupTime} does not become the automatic version of the component (its
     * latest version came from a newer backup), for {@code CommitResult.versionRefusal}; {@code null} if it may.
     */
    static String staleAutomaticVersion(Connection connection, String componentId, Instant backupTime)
            throws SQLException {
        Optional<VersionSource> latest = latestSource(connection, componentId);
        String stale = latest.isEmpty() ? null : VersionPolicy.staleRefusal(backupTime, latest.get().number(),
                latest.get().runId(), latest.get().backupTime());
        return stale == null ? null : "no automatic version: " + stale + ". The run is kept without a version.";
    }

    static Optional<VersionSource> latestSource(Connection connection, String componentId) throws SQLException {
        return Jdbc.first(connection, "SELECT v.number, v.run_id, v.snapshot_id, r.backup_time FROM versions v"
                + " LEFT JOIN runs r ON r.id = v.run_id WHERE v.component_id = ? ORDER BY v.number DESC LIMIT 1",
                row -> new VersionSource(row.getInt(1), row.getString(2), row.getString(3),
                        row.getObject(4) == null ? null : Jdbc.instant(row, 4)), componentId);
    }

    /** A comment is one to a few lines of text: not blank, not longer than {@link #MAX_COMMENT}, no control characters. */
    static String checkedComment(String comment) throws ServerException {
        if (comment == null || comment.isBlank()) {
            throw new ServerException(Kind.BAD_REQUEST, "a version needs a comment that says what it is");
        }
        if (comment.length() > MAX_COMMENT) {
            throw new ServerException(Kind.BAD_REQUEST, "the comment has " + comment.length()
                    + " characters; at most " + MAX_COMMENT + " are kept");
        }
        if (comment.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\t')) {
            throw new ServerException(Kind.BAD_REQUEST, "the comment has a control character: only text, tabs and"
                    + " line breaks");
        }
        return comment.strip();
    }

    private static AdminVersion adminVersion(ResultSet row) throws SQLException {
        return new AdminVersion(row.getString(1), row.getInt(2), Jdbc.instant(row, 3), row.getString(4),
                row.getString(5), row.getString(6), row.getString(7), row.getString(8));
    }
}
