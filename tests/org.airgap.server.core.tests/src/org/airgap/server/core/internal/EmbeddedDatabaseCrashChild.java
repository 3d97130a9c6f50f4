package org.airgap.server.core.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.airgap.testing.ChildJvm;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * The server's embedded database under {@link EmbeddedDatabaseCrashTest}: a plain JVM that opens the database
 * file with the server's own JDBC URL through H2's pool, as {@code RepositoryDatabase} does, and commits from
 * several threads, as concurrent requests do — each commit inserts a row and updates its thread's counter row
 * (so that earlier chunks of the file die and their space is reused) — printing {@code acked ID end} after
 * each commit returned. Arguments: database path, {@code kill} (commit until killed) or {@code close} (commit
 * {@code COUNT} times per thread, close the pool, print {@code closed}), first id, threads, count.
 */
public final class EmbeddedDatabaseCrashChild {

    static final String ACKED = "acked ";
    static final String CLOSED = "closed";
    /**
     * Dead chunks may be overwritten after one second instead of H2's 45: the space reuse that a server
     * running for minutes does happens within the test's seconds.
     */
    static final String SHORT_RETENTION = ";RETENTION_TIME=1000";

    private EmbeddedDatabaseCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        ChildJvm.endWithParent(System.in);
        Path database = Path.of(args[0]);
        boolean untilKilled = args[1].equals("kill");
        long firstId = Long.parseLong(args[2]);
        int threads = Integer.parseInt(args[3]);
        int count = Integer.parseInt(args[4]);
        JdbcConnectionPool pool = JdbcConnectionPool.create(RepositoryDatabase.h2Url(database) + SHORT_RETENTION,
                RepositoryDatabase.H2_USER, "");
        try (Connection connection = pool.getConnection()) {
            connection.createStatement().execute("CREATE TABLE IF NOT EXISTS acknowledged (id BIGINT PRIMARY KEY,"
                    + " payload VARCHAR(4000))");
            connection.createStatement().execute("CREATE TABLE IF NOT EXISTS counters (writer BIGINT PRIMARY KEY,"
                    + " commits BIGINT)");
        }
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long base = firstId + t * 1_000_000L;
            Thread writer = new Thread(() -> commit(pool, base, untilKilled ? Long.MAX_VALUE : count), "writer " + t);
            writers.add(writer);
            writer.start();
        }
        for (Thread writer : writers) {
            writer.join();
        }
        pool.dispose();
        System.out.println(CLOSED);
    }

    private static void commit(JdbcConnectionPool pool, long base, long count) {
        try {
            for (long i = 0; i < count; i++) {
                try (Connection connection = pool.getConnection()) {
                    connection.setAutoCommit(false);
                    try (PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO acknowledged (id, payload) VALUES (?, ?)");
                            PreparedStatement counter = connection.prepareStatement(
                                    "MERGE INTO counters (writer, commits) KEY (writer) VALUES (?, ?)")) {
                        insert.setLong(1, base + i);
                        insert.setString(2, "x".repeat((int) (i * 37 % 3000)));
                        insert.executeUpdate();
                        counter.setLong(1, base);
                        counter.setLong(2, i + 1);
                        counter.executeUpdate();
                    }
                    connection.commit();
                }
                synchronized (System.out) {
                    System.out.println(ACKED + (base + i) + " end");
                }
                Thread.sleep(5);
            }
        } catch (SQLException | InterruptedException e) {
            e.printStackTrace();
            Runtime.getRuntime().halt(2);
        }
    }
}
