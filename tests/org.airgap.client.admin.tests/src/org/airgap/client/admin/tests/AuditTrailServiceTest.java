package org.airgap.client.admin.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.airgap.client.admin.AdministrationService;
import org.airgap.client.admin.AuditTrailFilter;
import org.airgap.client.admin.AuditTrailFilter.Source;
import org.airgap.model.Folder;
import org.airgap.protocol.AuditLogEntry;
import org.airgap.protocol.AuditPage;
import org.airgap.protocol.AuditTrailCheck;
import org.airgap.session.ClientSession;
import org.airgap.session.SessionService;
import org.airgap.session.http.ServerCallException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The administration service's audit calls against the real server: the trail read with each filter and paged,
 * the chains verified, a technician refused, and the filter's own refusals.
 */
class AuditTrailServiceTest {

    @TempDir
    static Path temp;
    private static AdminTestServer server;
    private static SessionService sessions;
    private static AdministrationService admin;
    private static ClientSession session;

    @BeforeAll
    static void start() throws Exception {
        server = AdminTestServer.start(temp.resolve("server"));
        sessions = Services.get(SessionService.class);
        admin = Services.get(AdministrationService.class);
        session = sessions.loginOnline(server.uri(), AdminTestServer.ADMIN, AdminTestServer.PASSWORD.toCharArray());
        // An administrative change, recorded in the server's trail by the repository in its transaction.
        server.fixture().repository().plant().createFolder(AdminTestServer.ADMIN,
                new Folder("hall-9", "Hall 9", "plant"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (sessions != null) {
            sessions.logout();
        }
        server.close();
    }

    private static AuditPage read(AuditTrailFilter filter) throws IOException {
        return admin.auditTrail(session, filter, new NullProgressMonitor());
    }

    @Test
    void theTrailHoldsTheLoginAndTheChangeAndItsChainVerifies() throws Exception {
        AuditPage page = read(AuditTrailFilter.ALL);
        List<String> actions = page.entries().stream().map(entry -> entry.user() + " " + entry.action()).toList();
        assertTrue(actions.contains("ada LOGIN"), actions.toString());
        assertTrue(actions.contains("ada FOLDER_CREATE"), actions.toString());
        assertEquals(AuditLogEntry.SERVER, page.trails().get(0).trail());
        assertTrue(page.trails().get(0).intact(), page.trails().toString());
        assertNull(page.next(), "one page of the default size holds everything");
    }

    @Test
    void eachFilterNarrowsTheEntries() throws Exception {
        List<AuditLogEntry> created = read(new AuditTrailFilter(Source.SERVER, "ada", "HALL-9", "FOLDER_CREATE", null,
                null, false, 100, null)).entries();
        assertEquals(1, created.size(), created.toString());
        assertEquals("folder hall-9", created.get(0).subject());
        assertEquals(List.of(), read(new AuditTrailFilter(Source.ALL, "tom", null, "FOLDER_CREATE", null, null, false,
                100, null)).entries(), "tom created nothing");
        Instant time = created.get(0).time();
        assertEquals(List.of(), read(new AuditTrailFilter(Source.ALL, null, "hall-9", null, time.plusSeconds(1),
                null, false, 100, null)).entries(), "nothing about hall-9 after it was created");
        assertEquals(1, read(new AuditTrailFilter(Source.ALL, null, "hall-9", null, time, time.plusSeconds(1), false,
                100, null)).entries().size(), "from included, to excluded");
        AuditPage laptops = read(new AuditTrailFilter(Source.LAPTOPS, null, null, null, null, null, true, 100, null));
        assertEquals(List.of(), laptops.entries(), "no laptop uploaded a trail");
        assertEquals(List.of(), laptops.trails(), "only the laptops' trails are checked");
    }

    @Test
    void theTrailIsReadPageByPageNewestOrOldestFirst() throws Exception {
        AuditTrailFilter oldest = new AuditTrailFilter(Source.SERVER, null, null, null, null, null, false, 1, null);
        AuditPage first = read(oldest);
        assertEquals(1, first.entries().size());
        assertNotNull(first.next(), "more entries follow");
        AuditPage second = read(oldest.after(first.next()));
        assertEquals(1, second.entries().size());
        assertTrue(second.entries().get(0).sequence() > first.entries().get(0).sequence(), "oldest first");

        AuditTrailFilter newest = new AuditTrailFilter(Source.SERVER, null, null, null, null, null, true, 1, null);
        AuditPage latest = read(newest);
        List<AuditLogEntry> server = read(new AuditTrailFilter(Source.SERVER, null, null, null, null, null, false, 1000,
                null)).entries();
        assertEquals(server.get(server.size() - 1), latest.entries().get(0), "the newest entry first");
        AuditPage before = read(newest.after(latest.next()));
        assertTrue(before.entries().get(0).sequence() < latest.entries().get(0).sequence(), "then older ones");
        List<AuditLogEntry> all = new java.util.ArrayList<>(read(AuditTrailFilter.ALL).entries());
        java.util.Collections.reverse(all);
        assertEquals(all, read(new AuditTrailFilter(Source.ALL, null, null, null, null, null, false, 100, null))
                .entries(), "newest first is oldest first reversed");
    }

    @Test
    void theChainsAreVerified() throws Exception {
        List<AuditTrailCheck> server = admin.verifyAuditTrails(session, Source.SERVER, new NullProgressMonitor());
        assertEquals(1, server.size(), server.toString());
        assertEquals(AuditLogEntry.SERVER, server.get(0).trail());
        assertTrue(server.get(0).intact());
        assertEquals(0, server.get(0).brokenSequence());
        assertTrue(server.get(0).entries() >= 2, server.toString());
        assertEquals(List.of(), admin.verifyAuditTrails(session, Source.LAPTOPS, null));
    }

    @Test
    void aTechnicianIsRefused() throws Exception {
        ClientSession technician = sessions.loginOnline(server.uri(), AdminTestServer.TECH,
                AdminTestServer.PASSWORD.toCharArray());
        try {
            ServerCallException refused = assertThrows(ServerCallException.class,
                    () -> admin.auditTrail(technician, AuditTrailFilter.ALL, null));
            assertEquals(403, refused.status());
            assertEquals(403, assertThrows(ServerCallException.class,
                    () -> admin.verifyAuditTrails(technician, Source.ALL, null)).status());
        } finally {
            session = sessions.loginOnline(server.uri(), AdminTestServer.ADMIN, AdminTestServer.PASSWORD.toCharArray());
        }
    }

    @Test
    void theFilterRefusesWhatNoServerWouldAnswer() {
        assertThrows(IllegalArgumentException.class,
                () -> new AuditTrailFilter(Source.ALL, null, null, null, null, null, true, 0, null));
        assertThrows(IllegalArgumentException.class,
                () -> new AuditTrailFilter(Source.ALL, null, null, null, null, null, true, 1001, null));
        Instant now = Instant.parse("2026-12-07T08:00:00Z");
        assertThrows(IllegalArgumentException.class,
                () -> new AuditTrailFilter(Source.ALL, null, null, null, now, now, false, 10, null));
        assertEquals("?source=laptops&user=ada&subject=a%26b&limit=5", new AuditTrailFilter(Source.LAPTOPS, " ada ",
                "a&b", " ", null, null, false, 5, null).query(), "blank is any, values encoded");
        assertEquals("?source=all&order=newest&limit=100", AuditTrailFilter.ALL.query());
    }
}
