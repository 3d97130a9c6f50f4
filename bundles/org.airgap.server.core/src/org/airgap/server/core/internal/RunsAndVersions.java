package org.airgap.server.core.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.airgap.model.CompareResult;
import org.airgap.model.DeviceIdentity;
import org.airgap.model.Job;
import org.airgap.model.ModelFormatException;
import org.airgap.model.ModelJson;
import org.airgap.model.Run;
import org.airgap.model.RunSigning;
import org.airgap.model.Version;
import org.airgap.protocol.CommitResult;
import org.airgap.server.core.RunOrigin;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.airgap.server.core.ServerRepository.CommittedRun;
import org.airgap.store.ContentStore;

/**
 * The runs and versions aggregate (tables {@code runs} and {@code versions}): committed runs with their
 * compare results, and the numbered versions of each component. Version numbers are handed out under the
 * component's row lock in the database ({@link #lockComponent}), which holds across server nodes sharing a
 * PostgreSQL database; a lock per component in this process keeps its own threads from queueing in the
 * database; the (component, number) primary key is the last guard. Whether a run makes a version is decided before, by
 * {@link org.airgap.server.core.VersionPolicy}.
 */
final class RunsAndVersions {

    /** A version with the run it came from, whose JSON holds the device its backup was read from. */
    private static final String VERSION_COLUMNS = "SELECT v.component_id, v.number, v.time, v.user_name, v.comment,"
            + " v.snapshot_id, r.run_json FROM versions v LEFT JOIN runs r ON r.id = v.run_id ";

    private final Jdbc jdbc;
    private final JobDefinitions definitions;
    private final ContentStore store;
    private final Map<String, ReentrantLock> componentLocks = new ConcurrentHashMap<>();

    RunsAndVersions(Jdbc jdbc, JobDefinitions definitions, ContentStore store) {
        this.jdbc = jdbc;
        this.definitions = definitions;
        this.store = store;
    }

    Optional<Version> latestVersion(String componentId) {
        return jdbc.read(connection -> findLatestVersion(connection, componentId));
    }

    List<Version> versions(String componentId) {
        return jdbc.read(connection -> Jdbc.list(connection,
                VERSION_COLUMNS + "WHERE v.component_id = ? ORDER BY v.number", RunsAndVersions::version, componentId));
    }

    Optional<Version> version(String componentId, int number) {
        return jdbc.read(connection -> findVersion(connection, componentId, number));
    }

    /**
     * The snapshot of the component's latest committed backup, if any: latest by the server's commit time,
     * as a run's own times are the laptop's clock and one run dated in the future would stay latest.
     */
    Optional<String> latestBackupSnapshot(String componentId) {
        return jdbc.read(connection -> Jdbc.first(connection, "SELECT snapshot_id FROM runs WHERE component_id = ?"
                + " AND snapshot_id IS NOT NULL ORDER BY committed DESC, run_start DESC LIMIT 1",
                row -> row.getString(1), componentId));
    }

    Optional<Duration> clockSkew(String runId) {
        return jdbc.read(connection -> Jdbc.first(connection, "SELECT clock_skew_seconds FROM runs WHERE id = ?"
                + " AND clock_skew_seconds IS NOT NULL", row -> Duration.ofSeconds(row.getLong(1)), runId));
    }

    Optional<CommitResult> committed(String runId) {
        return jdbc.read(connection -> findCommitted(connection, runId));
    }

    Optional<CommittedRun> committedRun(String runId) {
        // A snapshot gc let go (retention) still names the run: a retried commit of it is the same run.
        return jdbc.read(connection -> Jdbc.first(connection, "SELECT job_id, COALESCE(snapshot_id,"
                + " dropped_snapshot_id), user_name FROM runs WHERE id = ?", result -> new CommittedRun(result.getString(1), result.getString(2),
                        result.getString(3)), runId));
    }

    /**
     * Stores the run, its results and, when {@code createVersion}, the next version of its component, in
     * one transaction. A run committed before returns its stored result and changes nothing.
     * {@code clockSkew} (the laptop's clock minus the server's, or {@code null}) is kept in whole seconds.
     */
    CommitResult commit(Run run, String user, Duration clockSkew, CommitResult results, boolean createVersion,
            String comment)
            throws ServerException {
        return commit(run, user, clockSkew, results, createVersion, comment, null);
    }

    /** {@link #commit(Run, String, Duration, CommitResult, boolean, String)} keeping who ran it and how it was signed. */
    CommitResult commit(Run run, String user, Duration clockSkew, CommitResult results, boolean createVersion,
            String comment, RunOrigin origin)
            throws ServerException {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(results, "results");
        Optional<CommitResult> earlier = committed(run.id());
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Job job = definitions.job(run.jobId()).orElseThrow(() -> new ServerException(Kind.NOT_FOUND, "run "
                + run.id() + " is of job '" + run.jobId() + "', which the server does not know"));
        if (run.snapshotId() != null && !store.hasSnapshot(run.snapshotId())) {
            throw new ServerException(Kind.BAD_REQUEST, "the snapshot " + run.snapshotId() + " of run " + run.id()
                    + " is not on the server: upload its manifest and blobs before committing");
        }
        if (createVersion && run.snapshotId() == null) {
            throw new ServerException(Kind.BAD_REQUEST, "run " + run.id() + " has no snapshot to make a version of");
        }
        String componentId = job.componentId();
        ReentrantLock lock = componentLock(componentId);
        lock.lock();
        try {
            return jdbc.transaction(connection -> {
                lockComponent(connection, componentId);
                Optional<CommitResult> meanwhile = findCommitted(connection, run.id());
                if (meanwhile.isPresent()) {
                    return meanwhile.get();
                }
                Instant now = jdbc.now();
                Version version = findLatestVersion(connection, componentId).orElse(null);
                // A backup older than the one the latest version came from never replaces it (stale check-in).
                String stale = createVersion ? VersionCheckins.staleAutomaticVersion(connection, componentId,
                        RunHistory.backupTime(run, clockSkew)) : null;
                boolean makeVersion = createVersion && stale == null;
                String versionRefusal = stale != null ? stale : results.versionRefusal();
                if (makeVersion) {
                    version = new Version(componentId, version == null ? 1 : version.number() + 1, now, user, comment,
                            run.snapshotId(), run.device());
                    insertVersion(connection, version, run.id());
                }
                Jdbc.update(connection, "INSERT INTO runs (id, job_id, component_id, user_name, run_start, run_json,"
                        + " committed, server_version_result, previous_backup_result, snapshot_id, version_number,"
                        + " version_created, clock_skew_seconds, version_refusal)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        run.id(), run.jobId(),
                        componentId, user, run.start(), ModelJson.write(run), now,
                        orNotCompared(results.serverVersionResult()).name(),
                        orNotCompared(results.previousBackupResult()).name(), run.snapshotId(),
                        version == null ? null : version.number(), makeVersion,
                        clockSkew == null ? null : clockSkew.toSeconds(), versionRefusal);
                RunHistory.recordListColumns(connection, run, clockSkew);
                if (origin != null) {
                    Jdbc.update(connection, "UPDATE runs SET technician = ?, laptop_id = ?, signature = ?, audit_head = ?"
                            + " WHERE id = ?", origin.technician(), origin.laptopId(), origin.signature(),
                            origin.auditHead(), run.id());
                    if (RunSigning.BEFORE_KEY.equals(origin.signature())) {
                        ServerAudit.recordChange(connection, now, user, "RUN_BEFORE_KEY", "run " + run.id(), "run "
                                + run.id() + " of job " + run.jobId() + " is unsigned (recorded before laptop keys):"
                                + " laptop " + origin.laptopId() + " signed it when its key was made, not when it ended");
                    }
                }
                ServerAudit.recordChange(connection, now, user, ServerAudit.COMMIT, "component " + componentId,
                        "run " + run.id() + " of job " + run.jobId() + " (" + run.outcome() + "): "
                                + (makeVersion ? "version " + version.number() + " created" : "no version"));
                if (versionRefusal != null) {
                    ServerAudit.recordRefusedVersion(connection, now, user, run.id(), run.jobId(), versionRefusal);
                }
                return new CommitResult(run.id(), results.serverVersionResult(), results.previousBackupResult(),
                        version, makeVersion, versionRefusal);
            });
        } finally {
            lock.unlock();
        }
    }

    /** The lock under which the component's next version number is handed out (commits and check-ins). */
    ReentrantLock componentLock(String componentId) {
        return componentLocks.computeIfAbsent(componentId, id -> new ReentrantLock());
    }

    /**
     * Locks the component's row until the transaction ends: whoever holds it hands out the component's next
     * version number, on every node using the same database. Then the transaction reads the latest version
     * and the runs committed meanwhile (by another node too: both databases read committed rows anew in
     * each statement).
     */
    static void lockComponent(Connection connection, String componentId) throws SQLException {
        Jdbc.exists(connection, "SELECT id FROM components WHERE id = ? FOR UPDATE", componentId);
    }

    static void insertVersion(Connection connection, Version version, String runId) throws SQLException {
        Jdbc.update(connection, "INSERT INTO versions (component_id, number, time, user_name, comment, snapshot_id,"
                + " run_id) VALUES (?, ?, ?, ?, ?, ?, ?)", version.componentId(), version.number(), version.time(),
                version.user(), version.comment(), version.snapshotId(), runId);
    }

    private static Optional<CommitResult> findCommitted(Connection connection, String runId) throws SQLException {
        record Row(String componentId, CompareResult serverVersion, CompareResult previousBackup, Integer number,
                boolean versionCreated, String versionRefusal) {
        }
        Optional<Row> row = Jdbc.first(connection, "SELECT component_id, server_version_result, previous_backup_result,"
                + " version_number, version_created, version_refusal FROM runs WHERE id = ?",
                result -> new Row(result.getString(1), CompareResult.valueOf(result.getString(2)),
                        CompareResult.valueOf(result.getString(3)), result.getObject(4, Integer.class),
                        result.getBoolean(5), result.getString(6)),
                runId);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        // The version may have been let go by a retention policy since (gc): then the result names none.
        Version version = row.get().number() == null ? null
                : findVersion(connection, row.get().componentId(), row.get().number()).orElse(null);
        return Optional.of(new CommitResult(runId, row.get().serverVersion(), row.get().previousBackup(), version,
                row.get().versionCreated(), row.get().versionRefusal()));
    }

    private static Optional<Version> findLatestVersion(Connection connection, String componentId) throws SQLException {
        return Jdbc.first(connection, VERSION_COLUMNS + "WHERE v.component_id = ? ORDER BY v.number DESC LIMIT 1",
                RunsAndVersions::version, componentId);
    }

    private static Optional<Version> findVersion(Connection connection, String componentId, int number)
            throws SQLException {
        return Jdbc.first(connection, VERSION_COLUMNS + "WHERE v.component_id = ? AND v.number = ?", RunsAndVersions::version,
                componentId, number);
    }

    private static Version version(ResultSet row) throws SQLException {
        String runJson = row.getString(7);
        return new Version(row.getString(1), row.getInt(2), Jdbc.instant(row, 3), row.getString(4), row.getString(5),
                row.getString(6), runJson == null ? DeviceIdentity.UNKNOWN : deviceOf(runJson));
    }

    /** The device a stored run read; the server wrote that JSON itself, so it reads back. */
    private static DeviceIdentity deviceOf(String runJson) throws SQLException {
        try {
            return ModelJson.read(Run.class, runJson).device();
        } catch (ModelFormatException e) {
            throw new SQLException("a stored run's JSON does not read back: " + e.getMessage(), e);
        }
    }

    private static CompareResult orNotCompared(CompareResult result) {
        return result == null ? CompareResult.NOT_COMPARED : result;
    }
}
