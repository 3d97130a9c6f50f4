package org.airgap.server.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;

import org.airgap.server.core.DatabaseSettings;
import org.airgap.server.core.ServerIni;
import org.airgap.server.core.ServerIniException;
import org.airgap.server.core.ServerSettings;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;

import com.zaxxer.hikari.HikariDataSource;

/**
 * The metadata database of a server, opened and migrated: the embedded H2 file of the data directory (the
 * default), or PostgreSQL when server.ini's {@code [Database]} names one ({@link PostgresDatabase}).
 *
 * @param jdbc  the aggregates' access to it
 * @param close closes its connection pool
 */
record RepositoryDatabase(Jdbc jdbc, Runnable close) {

    /** The user of the embedded H2 database (no password). */
    static final String H2_USER = "airgap";
    private static final int MAX_H2_CONNECTIONS = 16;

    static RepositoryDatabase open(ServerSettings settings, Clock clock) throws IOException, SQLException {
        Optional<DatabaseSettings> postgres;
        try {
            postgres = ServerIni.database(settings.dataDirectory());
        } catch (ServerIniException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        if (postgres.isPresent()) {
            HikariDataSource pool = PostgresDatabase.open(postgres.get());
            return new RepositoryDatabase(new Jdbc(pool, settings, clock, postgres.get().displayUrl()), pool::close);
        }
        JdbcConnectionPool pool = openH2(settings);
        return new RepositoryDatabase(new Jdbc(pool, settings, clock), pool::dispose);
    }

    /** The embedded database file of the data directory, migrated. */
    private static JdbcConnectionPool openH2(ServerSettings settings) throws IOException, SQLException {
        Path database = settings.databaseFile().toAbsolutePath();
        Files.createDirectories(database.getParent());
        JdbcConnectionPool opened = JdbcConnectionPool.create(h2Url(database), H2_USER, "");
        opened.setMaxConnections(MAX_H2_CONNECTIONS);
        try (Connection connection = opened.getConnection()) {
            Schema.migrate(connection, database + ".mv.db");
        } catch (SQLException e) {
            opened.dispose();
            if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
                throw new IllegalStateException("the database " + database + ".mv.db is in use by another process:"
                        + " is airgap-server running on " + settings.dataDirectory() + "? On a running server use"
                        + " the airgap admin commands (docs/administration.md); stop it first to bootstrap", e);
            }
            throw e;
        }
        return opened;
    }

    /**
     * The JDBC URL of the H2 database file. No H2 shutdown hook: the framework's stop closes the pool
     * (deactivate) after the last request; every commit is written to the file at once (WRITE_DELAY=0),
     * so a killed server loses nothing it acknowledged. Writers of the server's audit trail wait for each
     * other's transactions (ServerAuditChain): up to 10 s rather than H2's default of 2 s.
     */
    static String h2Url(Path database) {
        return "jdbc:h2:file:" + database.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;LOCK_TIMEOUT=10000";
    }
}
