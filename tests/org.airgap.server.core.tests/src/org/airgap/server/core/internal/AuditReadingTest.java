package org.airgap.server.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.airgap.audit.AuditAction;
import org.airgap.audit.AuditEntry;
import org.airgap.protocol.AuditLogEntry;
import org.airgap.protocol.AuditPage;
import org.airgap.protocol.AuditTrailCheck;
import org.airgap.protocol.Role;
import org.airgap.server.core.AuditFilter;
import org.airgap.server.core.AuditFilter.Source;
import org.airgap.server.core.LoginRecord.Outcome;
import org.airgap.server.core.ServerException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the server's trail and the laptops' together: filters, pages, commits, each trail verified. */
class AuditReadingTest {

    private static final Instant T0 = ServerFixtures.T0;

    @TempDir
    Path dir;
    private H2ServerRepository repository;
    private final ServerFixtures.MovableClock clock = new ServerFixtures.MovableClock(T0);
    private AuditEntry laptopFirst;
    private AuditEntry laptopSecond;

    @BeforeEach
    void open() throws Exception {
        repository = H2ServerRepository.open(ServerFixtures.settings(dir.resolve("data")), clock);
        repository.addUser("tech1", Role.TECHNICIAN, "password one".toCharArray());
        repository.addUser("tech2", Role.TECHNICIAN, "password two".toCharArray());
        repository.importDefinitions(ServerFixtures.plant());
        repository.recordLogin("admin", "10.0.0.5", Outcome.SUCCEEDED); // T0
        clock.advance(java.time.Duration.ofMinutes(1));
        repository.jdbc().transaction(connection -> {
            ServerAudit.recordChange(connection, clock.instant(), "admin", "ASSIGN", "job job-plc", "to tech1");
            return null;
        }); // T0 + 1 min
        clock.advance(java.time.Duration.ofMinutes(1));
        String snapshot = ServerFixtures.snapshot(repository.store(), "program v1");
        repository.commit(ServerFixtures.run("run-1", "job-plc", snapshot), "tech1", ServerFixtures.results("run-1"),
                true, "first"); // T0 + 2 min
        laptopFirst = AuditEntry.create(1, T0.plusSeconds(30), "tech1", AuditAction.LOGIN, "server", "",
                AuditEntry.GENESIS_HASH);
        laptopSecond = AuditEntry.create(2, T0.plusSeconds(90), "tech1", AuditAction.JOB_FINISHED, "job-plc",
                "SUCCEEDED", laptopFirst.hash());
        repository.storeAudit("tech1", List.of(laptopFirst, laptopSecond));
    }

    @AfterEach
    void close() {
        repository.deactivate();
    }

    private static AuditFilter filter(String user, String subject, String action, Source source) {
        return new AuditFilter(user, subject, action, null, null, source, 100, null);
    }

    private static List<String> lines(AuditPage page) {
        return page.entries().stream().map(e -> e.source() + " " + e.sequence() + " " + e.user() + " " + e.action()
                + " " + e.subject()).toList();
    }

    @Test
    void bothSourcesInTimeOrderWithTheCommitAndEveryTrailVerified() throws Exception {
        AuditPage page = repository.auditTrail(AuditFilter.all());
        assertEquals(List.of("server 1 admin LOGIN ", "laptop 1 tech1 LOGIN server", "server 2 admin ASSIGN job job-plc",
                "laptop 2 tech1 JOB_FINISHED job-plc", "server 3 tech1 COMMIT component plc-1"), lines(page));
        AuditLogEntry commit = page.entries().get(4);
        assertEquals("run run-1 of job job-plc (SUCCEEDED): version 1 created", commit.details());
        assertNull(commit.uploadedBy());
        assertEquals("tech1", page.entries().get(1).uploadedBy());
        assertEquals(laptopFirst.hash(), page.entries().get(1).hash());
        assertEquals(List.of(new AuditTrailCheck("server", List.of(), 3, true, 0, null),
                new AuditTrailCheck("laptop " + laptopFirst.hash().substring(0, 12), List.of("tech1"), 2, true, 0, null)),
                page.trails());
        assertNull(page.next());
    }

    @Test
    void filtersByUserSubjectActionTimeAndSource() throws Exception {
        assertEquals(List.of("server 1 admin LOGIN ", "server 2 admin ASSIGN job job-plc"),
                lines(repository.auditTrail(filter("admin", null, null, Source.ALL))));
        assertEquals(List.of("server 2 admin ASSIGN job job-plc", "laptop 2 tech1 JOB_FINISHED job-plc"),
                lines(repository.auditTrail(filter(null, "JOB-plc", null, Source.ALL))), "subject: contains, any case");
        assertEquals(List.of("server 3 tech1 COMMIT component plc-1"),
                lines(repository.auditTrail(filter(null, null, "COMMIT", Source.ALL))));
        assertEquals(List.of("laptop 1 tech1 LOGIN server"),
                lines(repository.auditTrail(filter(null, null, "LOGIN", Source.LAPTOPS))));
        AuditPage server = repository.auditTrail(filter("tech1", null, null, Source.SERVER));
        assertEquals(List.of("server 3 tech1 COMMIT component plc-1"), lines(server));
        assertEquals(List.of("server"), server.trails().stream().map(AuditTrailCheck::trail).toList());
        AuditPage window = repository.auditTrail(new AuditFilter(null, null, null, T0.plusSeconds(30),
                T0.plusSeconds(120), Source.ALL, 100, null));
        assertEquals(List.of("laptop 1 tech1 LOGIN server", "server 2 admin ASSIGN job job-plc",
                "laptop 2 tech1 JOB_FINISHED job-plc"), lines(window), "from included, to excluded");
        assertEquals(List.of(), lines(repository.auditTrail(filter(null, "100%_", null, Source.ALL))),
                "LIKE wildcards in the text are taken literally");
    }

    @Test
    void pagesFollowEachOtherWithoutGapsOrRepeats() throws Exception {
        List<String> all = lines(repository.auditTrail(AuditFilter.all()));
        List<String> paged = new ArrayList<>();
        String after = null;
        int pages = 0;
        do {
            AuditPage page = repository.auditTrail(new AuditFilter(null, null, null, null, null, Source.ALL, 2, after));
            assertTrue(page.entries().size() <= 2);
            paged.addAll(lines(page));
            after = page.next();
            pages++;
        } while (after != null);
        assertEquals(all, paged);
        assertEquals(3, pages);
        for (String cursor : List.of("garbage", "2026-03-01T08:00:00Z~server~12", "x~laptop~" + "a".repeat(64),
                "2026-03-01T08:00:00Z~other~" + "0".repeat(19))) {
            ServerException refused = assertThrows(ServerException.class, () -> repository.auditTrail(
                    new AuditFilter(null, null, null, null, null, Source.ALL, 2, cursor)));
            assertEquals(ServerException.Kind.BAD_REQUEST, refused.kind(), cursor);
        }
        assertThrows(IllegalArgumentException.class,
                () -> new AuditFilter(null, null, null, null, null, Source.ALL, 1001, null));
        assertThrows(IllegalArgumentException.class,
                () -> new AuditFilter(null, null, null, null, null, Source.ALL, 0, null));
    }

    @Test
    void anEditedLaptopEntryBreaksItsTrailAndAMissingOneStartsABrokenTrail() throws Exception {
        AuditEntry third = AuditEntry.create(3, T0.plusSeconds(100), "tech1", AuditAction.UPLOAD, "server", "",
                laptopSecond.hash());
        repository.storeAudit("tech1", List.of(third));
        repository.jdbc().transaction(connection -> Jdbc.update(connection,
                "UPDATE audit SET entry_json = REPLACE(entry_json, 'SUCCEEDED', 'FAILED') WHERE hash = ?",
                laptopSecond.hash()));
        List<AuditTrailCheck> edited = repository.verifyAuditTrails(Source.LAPTOPS);
        assertEquals(1, edited.size());
        assertFalse(edited.get(0).intact());
        assertEquals(2, edited.get(0).brokenSequence());
        assertEquals(3, edited.get(0).entries());
        assertTrue(edited.get(0).problem().contains("does not match its hash"), edited.get(0).problem());

        repository.jdbc().transaction(connection -> Jdbc.update(connection, "DELETE FROM audit WHERE hash = ?",
                laptopSecond.hash()));
        List<AuditTrailCheck> removed = repository.verifyAuditTrails(Source.ALL);
        assertEquals(List.of("server", "laptop " + laptopFirst.hash().substring(0, 12),
                "laptop " + third.hash().substring(0, 12)), removed.stream().map(AuditTrailCheck::trail).toList());
        assertTrue(removed.get(0).intact());
        assertTrue(removed.get(1).intact(), "the entries before the gap still verify");
        assertEquals(3, removed.get(2).brokenSequence());
        assertTrue(removed.get(2).problem().contains("which is not on the server"), removed.get(2).problem());
    }

    @Test
    void newestFirstIsTheSameListReversedPageByPage() throws Exception {
        List<String> all = new ArrayList<>(lines(repository.auditTrail(AuditFilter.all())));
        java.util.Collections.reverse(all);
        List<String> paged = new ArrayList<>();
        String after = null;
        do {
            AuditPage page = repository.auditTrail(new AuditFilter(null, null, null, null, null, Source.ALL, 2, after),
                    true);
            paged.addAll(lines(page));
            after = page.next();
        } while (after != null);
        assertEquals(all, paged, "each page continues with the entries older than its last");
        assertEquals(lines(repository.auditTrail(AuditFilter.all())),
                lines(repository.auditTrail(AuditFilter.all(), false)));
    }
}
