package org.airgap.server.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.airgap.protocol.AuditLogEntry;
import org.airgap.protocol.AuditTrailCheck;
import org.airgap.server.core.AuditFilter;
import org.airgap.server.core.AuditFilter.Source;
import org.airgap.server.core.LoginRecord.Outcome;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server's own audit trail as a hash chain in a real H2 file: appended in the writer's transaction,
 * never forked by concurrent writers, rows of the older table chained once at start, and every edit of
 * a stored row found by the verification.
 */
class ServerAuditChainTest {

    private static final Instant T0 = ServerFixtures.T0;

    @TempDir
    Path dir;
    private ServerSettings settings;
    private H2ServerRepository repository;
    private final ServerFixtures.MovableClock clock = new ServerFixtures.MovableClock(T0.plusNanos(123_456_789));

    @BeforeEach
    void open() throws Exception {
        settings = ServerFixtures.settings(dir.resolve("data"));
        repository = H2ServerRepository.open(settings, clock);
    }

    @AfterEach
    void close() {
        repository.deactivate();
    }

    private void change(String user, String action, String subject, String details) throws ServerException {
        repository.jdbc().transaction(connection -> {
            ServerAudit.recordChange(connection, clock.instant(), user, action, subject, details);
            return null;
        });
    }

    private AuditTrailCheck serverCheck() {
        return repository.verifyAuditTrails(Source.SERVER).get(0);
    }

    private List<AuditLogEntry> serverEntries() throws ServerException {
        return repository.auditTrail(new AuditFilter(null, null, null, null, null, Source.SERVER, 1000, null))
                .entries();
    }

    /** Runs SQL on the database file while the repository is closed, as someone with the file could. */
    private void tamper(String... statements) throws Exception {
        repository.deactivate();
        try (Connection connection = ServerFixtures.connectDirectly(settings);
                Statement sql = connection.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
        repository = H2ServerRepository.open(settings, clock);
    }

    @Test
    void loginsChangesAndCommitsFormOneIntactChain() throws Exception {
        repository.recordLogin("admin", "10.0.0.5", Outcome.SUCCEEDED);
        change("admin", "FOLDER_CREATE", "folder plant", "created \"Plant Nord\"");
        repository.recordLogin("mallory", "10.0.0.6", Outcome.FAILED);

        List<AuditLogEntry> entries = serverEntries();
        assertEquals(List.of(1L, 2L, 3L), entries.stream().map(AuditLogEntry::sequence).toList());
        assertEquals(List.of("LOGIN", "FOLDER_CREATE", "LOGIN"), entries.stream().map(AuditLogEntry::action).toList());
        assertEquals("SUCCEEDED from 10.0.0.5", entries.get(0).details());
        assertEquals("folder plant", entries.get(1).subject());
        assertEquals(T0.plusMillis(123), entries.get(1).time(), "times are kept to the millisecond the hash covers");
        assertEquals(new AuditTrailCheck("server", List.of(), 3, true, 0, null), serverCheck());
        assertEquals(2, repository.logins(10).size(), "the login list still reads its rows");
    }

    @Test
    void aChangeIsRecordedOnlyWhenItsTransactionCommits() throws Exception {
        change("admin", "FOLDER_CREATE", "folder plant", "created");
        assertThrows(ServerException.class, () -> repository.jdbc().transaction(connection -> {
            ServerAudit.recordChange(connection, clock.instant(), "admin", "FOLDER_DELETE", "folder plant", "deleted");
            throw new ServerException(ServerException.Kind.CONFLICT, "refused after recording");
        }));
        change("admin", "USER_DISABLE", "user tech1", "disabled");
        assertEquals(List.of("FOLDER_CREATE", "USER_DISABLE"), serverEntries().stream().map(AuditLogEntry::action)
                .toList());
        assertTrue(serverCheck().intact(), "the rolled back entry left no gap: " + serverCheck());
        assertThrows(IllegalArgumentException.class, () -> change("admin", "folder create", "folder x", ""));
    }

    @Test
    void concurrentWritersNeverForkTheChain() throws Exception {
        int threads = 8;
        int each = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            String user = "admin" + t;
            done.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < each; i++) {
                    if (i % 5 == 0) {
                        repository.recordLogin(user, "10.0.0." + i, Outcome.SUCCEEDED);
                    } else {
                        int n = i;
                        repository.jdbc().transaction(connection -> {
                            // Two entries in one transaction: they stay next to each other in the chain.
                            ServerAudit.recordChange(connection, clock.instant(), user, "ASSIGN", "job j" + n, "first");
                            ServerAudit.recordChange(connection, clock.instant(), user, "UNASSIGN", "job j" + n,
                                    "second");
                            return null;
                        });
                    }
                }
                return null;
            }));
        }
        start.countDown();
        for (Future<?> future : done) {
            future.get();
        }
        pool.shutdown();
        List<AuditLogEntry> entries = new ArrayList<>();
        String after = null;
        do {
            var page = repository.auditTrail(new AuditFilter(null, null, null, null, null, Source.SERVER, 1000, after));
            entries.addAll(page.entries());
            after = page.next();
        } while (after != null);
        int expected = threads * (each / 5 + (each - each / 5) * 2);
        assertEquals(expected, entries.size());
        assertEquals(expected, new HashSet<>(entries.stream().map(AuditLogEntry::sequence).toList()).size());
        AuditTrailCheck check = serverCheck();
        assertTrue(check.intact(), check.problem());
        assertEquals(expected, check.entries());
        List<AuditLogEntry> bySequence = entries.stream()
                .sorted((a, b) -> Long.compare(a.sequence(), b.sequence())).toList();
        for (int i = 0; i < bySequence.size(); i++) {
            if (bySequence.get(i).action().equals("ASSIGN")) {
                AuditLogEntry second = bySequence.get(i + 1);
                assertEquals("UNASSIGN " + bySequence.get(i).user() + " " + bySequence.get(i).subject(),
                        second.action() + " " + second.user() + " " + second.subject());
            }
        }
    }

    @Test
    void rowsWrittenBeforeTheChainAreChainedOnceAtStartInTheirOrder() throws Exception {
        // The table as schema 3 and 4 left it: rows without sequence, subject or hashes, and a head not yet chained.
        tamper("INSERT INTO server_audit (time, kind, user_name, client_address, outcome) VALUES"
                + " (TIMESTAMP WITH TIME ZONE '2026-02-01 08:00:00.5+00', 'LOGIN', 'admin', '10.0.0.1', 'SUCCEEDED')",
                "INSERT INTO server_audit (time, kind, user_name, client_address, outcome, details) VALUES"
                        + " (TIMESTAMP WITH TIME ZONE '2026-02-01 09:00:00+00', 'AUTO_VERSION', 'tech1', '', 'REFUSED',"
                        + " 'run r1 of job j: another device')",
                "UPDATE server_audit_head SET legacy_chained = FALSE");
        List<AuditLogEntry> entries = serverEntries();
        assertEquals(List.of("1 LOGIN SUCCEEDED from 10.0.0.1", "2 AUTO_VERSION run r1 of job j: another device"),
                entries.stream().map(e -> e.sequence() + " " + e.action() + " " + e.details()).toList());
        assertTrue(serverCheck().intact(), serverCheck().problem());

        // Chained once: a row added without a hash later is outside the chain, not chained at the next start.
        tamper("INSERT INTO server_audit (time, kind, user_name, client_address, outcome) VALUES"
                + " (TIMESTAMP WITH TIME ZONE '2026-02-01 10:00:00+00', 'LOGIN', 'mallory', '', 'SUCCEEDED')");
        AuditTrailCheck check = serverCheck();
        assertFalse(check.intact());
        assertEquals(1, check.brokenSequence());
        assertTrue(check.problem().contains("added or changed outside the server"), check.problem());
    }

    @Test
    void anEditedRowBreaksTheChainAtItsEntryAndTheServerStillStartsAndAppends() throws Exception {
        repository.recordLogin("admin", "10.0.0.5", Outcome.SUCCEEDED);
        change("admin", "USER_ROLE", "user tech1", "TECHNICIAN to ADMIN");
        change("admin", "GC", "store", "removed 3 blobs");

        tamper("UPDATE server_audit SET user_name = 'someone-else' WHERE sequence = 2");
        AuditTrailCheck check = serverCheck();
        assertFalse(check.intact());
        assertEquals(2, check.brokenSequence());
        assertTrue(check.problem().startsWith("entry 2 (USER_ROLE by someone-else"), check.problem());
        repository.recordLogin("admin", "10.0.0.5", Outcome.SUCCEEDED);
        assertEquals(4, serverEntries().size(), "the server keeps appending after the broken entry");
        assertEquals(2, serverCheck().brokenSequence());
    }

    @Test
    void anEditedLoginAddressARemovedRowAndACutOffEndAreFound() throws Exception {
        repository.recordLogin("admin", "10.0.0.5", Outcome.SUCCEEDED);
        repository.recordLogin("tech1", "10.0.0.6", Outcome.FAILED);
        change("admin", "GC", "store", "removed 3 blobs");
        change("admin", "GC", "store", "removed 1 blob");

        tamper("UPDATE server_audit SET outcome = 'SUCCEEDED' WHERE sequence = 2");
        assertEquals(2, serverCheck().brokenSequence(), serverCheck().problem());
        tamper("UPDATE server_audit SET outcome = 'FAILED' WHERE sequence = 2", "DELETE FROM server_audit WHERE sequence = 3");
        AuditTrailCheck removed = serverCheck();
        assertEquals(3, removed.brokenSequence());
        assertTrue(removed.problem().startsWith("entry 3 is missing"), removed.problem());
        tamper("DELETE FROM server_audit WHERE sequence = 4");
        AuditTrailCheck cut = serverCheck();
        assertEquals(3, cut.brokenSequence());
        assertTrue(cut.problem().contains("entries at the end were removed"), cut.problem());
    }
}
