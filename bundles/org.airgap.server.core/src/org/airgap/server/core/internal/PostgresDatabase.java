package org.airgap.server.core.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.airgap.server.core.DatabaseSettings;
import org.postgresql.ds.PGSimpleDataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;

/**
 * The server's metadata in PostgreSQL ({@code [Database]} of server.ini, docs/scale-out.md): a HikariCP
 * pool over the driver's own data source (no {@code DriverManager}, whose service lookup depends on the
 * caller's class loader under OSGi), migrated with the same {@link Schema} as H2 in PostgreSQL's form
 * ({@link PostgresMigrations}). Several server nodes may start at once on one database: the migrations
 * run under a PostgreSQL advisory lock, so one node applies them and the others find them applied.
 */
final class PostgresDatabase {

    /** Connections of one node; PostgreSQL's default limit (100) leaves room for several nodes. */
    static final int MAX_CONNECTIONS = 16;
    /** The advisory lock key of schema migrations ("airgap" in ASCII). */
    static final long MIGRATION_LOCK = 0x616972676170L;

    private PostgresDatabase() {
    }

    /**
     * Opens the pool and brings the schema to the latest version.
     *
     * @throws IOException when the password file cannot be read
     * @throws SQLException when the database cannot be reached, refuses the login or a migration fails
     */
    static HikariDataSource open(DatabaseSettings database) throws IOException, SQLException {
        PGSimpleDataSource driver = new PGSimpleDataSource();
        driver.setURL(database.url());
        driver.setUser(database.user());
        driver.setPassword(new String(database.readPassword()));
        driver.setApplicationName("airgap-server");
        HikariConfig config = new HikariConfig();
        config.setDataSource(driver);
        config.setPoolName("airgap-metadata");
        config.setMaximumPoolSize(MAX_CONNECTIONS);
        config.setMinimumIdle(1);
        // As with H2 (LOCK_TIMEOUT): a writer waits up to 10 s for another's row lock, then fails.
        config.setConnectionInitSql("SET lock_timeout = '10s'");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw new SQLException("the PostgreSQL database " + database.displayUrl() + " cannot be opened as "
                        + database.user() + ": " + sql.getMessage(), sql.getSQLState(), sql);
            }
            throw e;
        }
        try (Connection connection = pool.getConnection()) {
            migrate(connection, database.displayUrl());
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw e;
        }
        return pool;
    }

    /** Migrates under the advisory lock, which ends with the session if this node dies meanwhile. */
    static void migrate(Connection connection, String name) throws SQLException {
        try (Statement lock = connection.createStatement()) {
            lock.execute("SELECT pg_advisory_lock(" + MIGRATION_LOCK + ")");
        }
        try {
            Schema.migrate(connection, name, PostgresMigrations::statements);
        } finally {
            try (Statement unlock = connection.createStatement()) {
                unlock.execute("SELECT pg_advisory_unlock(" + MIGRATION_LOCK + ")");
            }
        }
    }
}
