package org.airgap.server.core.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerSettings;

/**
 * The JDBC boilerplate of the server repository, written once: a connection per call, transactions
 * that commit all or nothing, statements with bound parameters, rows mapped to records, and the
 * translation of {@link SQLException} into the repository's failures. Only standard SQL and JDBC:
 * nothing here depends on H2 or PostgreSQL.
 */
final class Jdbc {

    /** Work inside one transaction; may refuse the request with a {@link ServerException}. */
    @FunctionalInterface
    interface Transaction<T> {
        T run(Connection connection) throws SQLException, ServerException;
    }

    /** Work that only reads. */
    @FunctionalInterface
    interface Query<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Maps the current row of a result. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet row) throws SQLException;
    }

    /** SQLSTATE of a unique or primary key violation, the same in H2 and PostgreSQL. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final ServerSettings settings;
    private final Clock clock;
    private final String databaseName;
    private volatile DataSource dataSource;
    private final AtomicLong runDeletions = new AtomicLong();

    Jdbc(DataSource dataSource, ServerSettings settings, Clock clock) {
        this(dataSource, settings, clock, settings.databaseFile().toString());
    }

    /** @param databaseName the database as failures name it: H2's file, PostgreSQL's URL */
    Jdbc(DataSource dataSource, ServerSettings settings, Clock clock, String databaseName) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.clock = clock;
        this.databaseName = databaseName;
    }

    /**
     * Records that committed runs were deleted (a purge), after the deleting transaction committed: what
     * keeps run data in memory ({@link JobRunSummaries}) reads it again.
     */
    void runsDeleted() {
        runDeletions.incrementAndGet();
    }

    /** How often committed runs were deleted since the start. */
    long runDeletions() {
        return runDeletions.get();
    }

    /** Refuses every later call; the caller disposes of the data source. */
    void close() {
        dataSource = null;
    }

    /** Runs {@code work} in one transaction: all of it is committed, or nothing. */
    <T> T transaction(Transaction<T> work) throws ServerException {
        try (Connection connection = connection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | ServerException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    <T> T read(Query<T> work) {
        try (Connection connection = connection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    /**
     * The time to store, in milliseconds: what a commit answers must equal what it answers again from
     * the database, whose timestamps are coarser than the clock.
     */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The rows of {@code sql} with {@code parameters} bound in order ({@link #bind}). */
    static <T> List<T> list(Connection connection, String sql, RowMapper<T> mapper, Object... parameters)
            throws SQLException {
        try (PreparedStatement query = prepare(connection, sql, parameters); ResultSet rows = query.executeQuery()) {
            List<T> result = new ArrayList<>();
            while (rows.next()) {
                result.add(mapper.map(rows));
            }
            return result;
        }
    }

    /** The first row of {@code sql}, if any. */
    static <T> Optional<T> first(Connection connection, String sql, RowMapper<T> mapper, Object... parameters)
            throws SQLException {
        try (PreparedStatement query = prepare(connection, sql, parameters); ResultSet rows = query.executeQuery()) {
            return rows.next() ? Optional.of(mapper.map(rows)) : Optional.empty();
        }
    }

    static boolean exists(Connection connection, String sql, Object... parameters) throws SQLException {
        return first(connection, sql, row -> Boolean.TRUE, parameters).isPresent();
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the number of rows it changed. */
    static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    static boolean isUniqueViolation(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState());
    }

    static Instant instant(ResultSet row, int column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                bind(statement, i + 1, parameters[i]);
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /** Instants are stored as UTC timestamps; everything else as JDBC maps it ({@code null}: SQL NULL). */
    private static void bind(PreparedStatement statement, int index, Object value) throws SQLException {
        if (value instanceof Instant instant) {
            statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
        } else {
            statement.setObject(index, value);
        }
    }

    private Connection connection() throws SQLException {
        DataSource current = dataSource;
        if (current == null) {
            throw new IllegalStateException("the server repository on " + settings.dataDirectory() + " is closed");
        }
        return current.getConnection();
    }

    private IllegalStateException failed(SQLException e) {
        return new IllegalStateException("the server database " + databaseName + " failed: "
                + e.getMessage(), e);
    }
}
