package org.airgap.server.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.airgap.audit.AuditEntry;

/**
 * The metadata database's tables (docs/server.md, "Storage") and the migrations that create and change
 * them. Each migration runs once, in order, and is recorded in {@code schema_version} in the same
 * transaction. H2 commits DDL statements on its own, so every statement must be safe to run again
 * ({@code IF NOT EXISTS}): a migration cut off by a crash is simply run again on the next start.
 */
final class Schema {

    /** One step of the schema, applied to databases that have an older version. */
    record Migration(int version, String description, List<String> statements) {
    }

    static final List<Migration> MIGRATIONS = List.of(new Migration(1, "users, definitions, runs, versions, audit",
            List.of("""
                    CREATE TABLE IF NOT EXISTS users (
                      name VARCHAR(64) PRIMARY KEY,
                      role VARCHAR(20) NOT NULL,
                      salt VARBINARY(64) NOT NULL,
                      iterations INT NOT NULL,
                      hash VARBINARY(64) NOT NULL,
                      created TIMESTAMP WITH TIME ZONE NOT NULL)""", """
                    CREATE TABLE IF NOT EXISTS folders (
                      id VARCHAR(200) PRIMARY KEY,
                      parent_id VARCHAR(200) REFERENCES folders(id),
                      json CHARACTER LARGE OBJECT NOT NULL)""", """
                    CREATE TABLE IF NOT EXISTS components (
                      id VARCHAR(200) PRIMARY KEY,
                      folder_id VARCHAR(200) NOT NULL REFERENCES folders(id),
                      json CHARACTER LARGE OBJECT NOT NULL)""", """
                    CREATE TABLE IF NOT EXISTS jobs (
                      id VARCHAR(200) PRIMARY KEY,
                      component_id VARCHAR(200) NOT NULL REFERENCES components(id),
                      json CHARACTER LARGE OBJECT NOT NULL)""", """
                    CREATE TABLE IF NOT EXISTS assignments (
                      job_id VARCHAR(200) NOT NULL REFERENCES jobs(id),
                      user_name VARCHAR(64) NOT NULL REFERENCES users(name),
                      PRIMARY KEY (job_id, user_name))""", """
                    CREATE TABLE IF NOT EXISTS runs (
                      id VARCHAR(200) PRIMARY KEY,
                      job_id VARCHAR(200) NOT NULL REFERENCES jobs(id),
                      component_id VARCHAR(200) NOT NULL REFERENCES components(id),
                      user_name VARCHAR(64) NOT NULL,
                      run_start TIMESTAMP WITH TIME ZONE NOT NULL,
                      run_json CHARACTER LARGE OBJECT NOT NULL,
                      committed TIMESTAMP WITH TIME ZONE NOT NULL,
                      server_version_result VARCHAR(20) NOT NULL,
                      previous_backup_result VARCHAR(20) NOT NULL,
                      snapshot_id VARCHAR(100),
                      version_number INT,
                      version_created BOOLEAN NOT NULL)""",
                    "CREATE INDEX IF NOT EXISTS runs_by_component ON runs(component_id, run_start)", """
                    CREATE TABLE IF NOT EXISTS versions (
                      component_id VARCHAR(200) NOT NULL REFERENCES components(id),
                      number INT NOT NULL,
                      time TIMESTAMP WITH TIME ZONE NOT NULL,
                      user_name VARCHAR(64) NOT NULL,
                      comment CHARACTER LARGE OBJECT NOT NULL,
                      snapshot_id VARCHAR(100) NOT NULL,
                      run_id VARCHAR(200),
                      PRIMARY KEY (component_id, number))""", """
                    CREATE TABLE IF NOT EXISTS audit (
                      hash CHAR(64) PRIMARY KEY,
                      user_name VARCHAR(64) NOT NULL,
                      sequence BIGINT NOT NULL,
                      time TIMESTAMP WITH TIME ZONE NOT NULL,
                      action VARCHAR(50) NOT NULL,
                      subject CHARACTER LARGE OBJECT NOT NULL,
                      details CHARACTER LARGE OBJECT NOT NULL,
                      entry_json CHARACTER LARGE OBJECT NOT NULL,
                      received TIMESTAMP WITH TIME ZONE NOT NULL)""")),
            // The latest backup is the latest committed on the server's clock, not the laptop's; how far the
            // laptop's clock was off is kept with the run. Audit rows name the entry's user and, apart, who
            // uploaded it (rows of migration 1 recorded the uploader as user_name: it is copied over, the
            // entry's own user of those rows is in entry_json).
            new Migration(2, "run clock skew, latest backup by commit time, audit uploader", List.of(
                    "ALTER TABLE runs ADD COLUMN IF NOT EXISTS clock_skew_seconds BIGINT",
                    "CREATE INDEX IF NOT EXISTS runs_by_commit ON runs(component_id, committed)",
                    "ALTER TABLE audit ADD COLUMN IF NOT EXISTS uploaded_by VARCHAR(64)",
                    "UPDATE audit SET uploaded_by = user_name WHERE uploaded_by IS NULL",
                    // To find a second entry after the same one (a fork); rows of migration 1 have none.
                    "ALTER TABLE audit ADD COLUMN IF NOT EXISTS previous_hash CHAR(64)",
                    "CREATE INDEX IF NOT EXISTS audit_by_previous ON audit(previous_hash)")),
            new Migration(3, "server audit trail (logins)", List.of("""
                    CREATE TABLE IF NOT EXISTS server_audit (
                      id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
                      time TIMESTAMP WITH TIME ZONE NOT NULL,
                      kind VARCHAR(20) NOT NULL,
                      user_name VARCHAR(64) NOT NULL,
                      client_address VARCHAR(100) NOT NULL,
                      outcome VARCHAR(20) NOT NULL)""")),
            // Why a run did not become the automatic version its job asks for (a different device), kept
            // with the run and, with its details, in the server's own audit trail.
            new Migration(4, "refused automatic versions", List.of(
                    "ALTER TABLE runs ADD COLUMN IF NOT EXISTS version_refusal CHARACTER LARGE OBJECT",
                    "ALTER TABLE server_audit ADD COLUMN IF NOT EXISTS details CHARACTER LARGE OBJECT")),
            // The plant on the running server: a deleted component with versions, or a deleted job with runs,
            // is archived (hidden from syncs, job lists and technicians; restorable), not removed.
            new Migration(5, "archived components and jobs", List.of(
                    "ALTER TABLE components ADD COLUMN IF NOT EXISTS archived TIMESTAMP WITH TIME ZONE",
                    "ALTER TABLE jobs ADD COLUMN IF NOT EXISTS archived TIMESTAMP WITH TIME ZONE")),
            // Users an administrator disabled, their last login, and the folders a folder-scoped administrator
            // manages (with their descendants). No foreign key to folders: a folder deleted later only drops
            // out of the scope, it does not block the deletion.
            new Migration(6, "disabled users, last login, folder-scoped administrators", List.of(
                    "ALTER TABLE users ADD COLUMN IF NOT EXISTS disabled BOOLEAN DEFAULT FALSE NOT NULL",
                    "ALTER TABLE users ADD COLUMN IF NOT EXISTS last_login TIMESTAMP WITH TIME ZONE", """
                    CREATE TABLE IF NOT EXISTS user_scopes (
                      user_name VARCHAR(64) NOT NULL REFERENCES users(name),
                      folder_id VARCHAR(200) NOT NULL,
                      PRIMARY KEY (user_name, folder_id))""")),
            // The administrator's run list (RunHistory): filtered by component, job, technician or outcome,
            // newest backup first, one page at a time. The backup time is the laptop's run start corrected
            // by its clock skew when known (VersionPolicy.backupTime); rows before it get it and their
            // outcome from their columns and JSON. A version's source run is found by its id.
            new Migration(7, "run history: outcome, backup time, indexes", List.of(
                    "ALTER TABLE runs ADD COLUMN IF NOT EXISTS outcome VARCHAR(20)",
                    "ALTER TABLE runs ADD COLUMN IF NOT EXISTS backup_time TIMESTAMP WITH TIME ZONE",
                    "UPDATE runs SET outcome = REGEXP_SUBSTR(run_json, '\"outcome\"\\s*:\\s*\"([A-Z_]+)\"', 1, 1, NULL, 1)"
                            + " WHERE outcome IS NULL",
                    "UPDATE runs SET backup_time = DATEADD(SECOND, -COALESCE(clock_skew_seconds, 0), run_start)"
                            + " WHERE backup_time IS NULL",
                    "CREATE INDEX IF NOT EXISTS runs_by_backup ON runs(backup_time DESC, id DESC)",
                    "CREATE INDEX IF NOT EXISTS runs_by_component_backup ON runs(component_id, backup_time DESC, id DESC)",
                    "CREATE INDEX IF NOT EXISTS runs_by_job_backup ON runs(job_id, backup_time DESC, id DESC)",
                    "CREATE INDEX IF NOT EXISTS runs_by_user_backup ON runs(user_name, backup_time DESC, id DESC)",
                    "CREATE INDEX IF NOT EXISTS runs_by_outcome_backup ON runs(outcome, backup_time DESC, id DESC)",
                    "CREATE INDEX IF NOT EXISTS versions_by_run ON versions(run_id)")),
            // The server's own trail becomes a hash chain like a laptop's (ServerAuditChain): each row its
            // sequence number, subject, the previous entry's hash and its own; the one row of server_audit_head
            // the last sequence number and hash, which every append updates (serialising the writers). Rows
            // written before are chained once at the next start, in one transaction (legacy_chained).
            new Migration(8, "server audit trail as a hash chain", List.of(
                    "ALTER TABLE server_audit ADD COLUMN IF NOT EXISTS sequence BIGINT",
                    "ALTER TABLE server_audit ADD COLUMN IF NOT EXISTS subject CHARACTER LARGE OBJECT",
                    "ALTER TABLE server_audit ADD COLUMN IF NOT EXISTS previous_hash CHAR(64)",
                    "ALTER TABLE server_audit ADD COLUMN IF NOT EXISTS hash CHAR(64)",
                    "ALTER TABLE server_audit ALTER COLUMN kind SET DATA TYPE VARCHAR(50)",
                    "CREATE UNIQUE INDEX IF NOT EXISTS server_audit_by_sequence ON server_audit(sequence)",
                    "CREATE INDEX IF NOT EXISTS server_audit_by_time ON server_audit(time)",
                    "CREATE INDEX IF NOT EXISTS audit_by_time ON audit(time)",
                    "CREATE INDEX IF NOT EXISTS audit_by_sequence ON audit(sequence)", """
                    CREATE TABLE IF NOT EXISTS server_audit_head (
                      id INT PRIMARY KEY,
                      sequence BIGINT NOT NULL,
                      hash CHAR(64) NOT NULL,
                      legacy_chained BOOLEAN NOT NULL)""",
                    "INSERT INTO server_audit_head (id, sequence, hash, legacy_chained) SELECT 1, 0, '"
                            + AuditEntry.GENESIS_HASH + "', FALSE WHERE NOT EXISTS (SELECT 1 FROM server_audit_head)")),
            // Retention policies per folder or component (issue 13). No foreign key: the target's kind says
            // which table it is in, and a policy of a target deleted since simply applies to nothing.
            new Migration(9, "retention policies", List.of("""
                    CREATE TABLE IF NOT EXISTS retention_policies (
                      target_kind VARCHAR(20) NOT NULL,
                      target_id VARCHAR(200) NOT NULL,
                      keep_versions INT,
                      keep_versions_seconds BIGINT,
                      keep_run_snapshots_seconds BIGINT,
                      set_by VARCHAR(64) NOT NULL,
                      set_at TIMESTAMP WITH TIME ZONE NOT NULL,
                      PRIMARY KEY (target_kind, target_id))""",
                    // A run whose snapshot gc let go keeps its id here: a retried commit still finds its own run.
                    "ALTER TABLE runs ADD COLUMN IF NOT EXISTS dropped_snapshot_id VARCHAR(100)")),
            // The overview (JobRunSummaries) finds each job's last run in one aggregate by job and commit time,
            // then reads only the runs committed since, with the run's outcome (the column of V7).
            new Migration(10, "overview: runs by job and commit time, definition hashes", List.of(
                    "CREATE INDEX IF NOT EXISTS runs_by_job ON runs(job_id, committed)",
                    "CREATE INDEX IF NOT EXISTS runs_by_commit_time ON runs(committed)",
                    // Which definitions changed since the overview parsed them (ParsedDefinitions).
                    "ALTER TABLE components ADD COLUMN IF NOT EXISTS json_sha256 BINARY(32)"
                            + " GENERATED ALWAYS AS (HASH('SHA-256', json))",
                    "ALTER TABLE jobs ADD COLUMN IF NOT EXISTS json_sha256 BINARY(32)"
                            + " GENERATED ALWAYS AS (HASH('SHA-256', json))")),
            // Laptop keys (issue 12): each workspace's Ed25519 public key, registered per user and laptop at an
            // online login, revoked per laptop by an administrator. A run keeps who ran it (the signed
            // technician; user_name stays the uploader), the laptop that signed it and how it was signed.
            new Migration(11, "laptop keys, run technician and signature", List.of("""
                    CREATE TABLE IF NOT EXISTS laptops (
                      laptop_id VARCHAR(100) NOT NULL,
                      user_name VARCHAR(64) NOT NULL REFERENCES users(name),
                      public_key VARCHAR(400) NOT NULL,
                      registered TIMESTAMP WITH TIME ZONE NOT NULL,
                      revoked TIMESTAMP WITH TIME ZONE,
                      revoked_by VARCHAR(64),
                      PRIMARY KEY (laptop_id, user_name))""",
                    "ALTER TABLE runs ADD COLUMN IF NOT EXISTS technician VARCHAR(64)",
                    "ALTER TABLE runs ADD COLUMN IF NOT EXISTS laptop_id VARCHAR(100)",
                    "ALTER TABLE runs ADD COLUMN IF NOT EXISTS signature VARCHAR(20)",
                    "ALTER TABLE runs ADD COLUMN IF NOT EXISTS audit_head VARCHAR(64)")));

    private Schema() {
    }

    static int latestVersion() {
        return MIGRATIONS.get(MIGRATIONS.size() - 1).version();
    }

    /**
     * Brings the database to the latest version.
     *
     * @throws IllegalStateException when the database is newer than this server
     */
    static void migrate(Connection connection, String databaseName) throws SQLException {
        migrate(connection, databaseName, Migration::statements);
    }

    /** The same, with each migration's statements in the database's own form ({@link PostgresMigrations}). */
    static void migrate(Connection connection, String databaseName, Function<Migration, List<String>> dialect)
            throws SQLException {
        try (Statement sql = connection.createStatement()) {
            sql.execute("""
                    CREATE TABLE IF NOT EXISTS schema_version (
                      version INT PRIMARY KEY,
                      description VARCHAR(200) NOT NULL,
                      applied TIMESTAMP WITH TIME ZONE NOT NULL)""");
        }
        List<Integer> applied = appliedVersions(connection);
        int current = applied.isEmpty() ? 0 : applied.get(applied.size() - 1);
        if (current > latestVersion()) {
            throw new IllegalStateException("the database " + databaseName + " has schema version " + current
                    + ", newer than this server knows (" + latestVersion() + "): run a newer airgap-server on it");
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            for (Migration migration : MIGRATIONS) {
                if (migration.version() <= current) {
                    continue;
                }
                try (Statement sql = connection.createStatement()) {
                    for (String statement : dialect.apply(migration)) {
                        sql.execute(statement);
                    }
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO schema_version (version, description, applied) VALUES (?, ?, ?)")) {
                    insert.setInt(1, migration.version());
                    insert.setString(2, migration.description());
                    insert.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
                    insert.executeUpdate();
                }
                connection.commit();
            }
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** The versions recorded in schema_version, ascending. */
    static List<Integer> appliedVersions(Connection connection) throws SQLException {
        List<Integer> versions = new ArrayList<>();
        try (Statement sql = connection.createStatement();
                ResultSet rows = sql.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
            while (rows.next()) {
                versions.add(rows.getInt(1));
            }
        }
        return versions;
    }
}
