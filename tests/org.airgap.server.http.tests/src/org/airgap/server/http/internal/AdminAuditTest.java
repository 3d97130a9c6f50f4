package org.airgap.server.http.internal;

import static org.airgap.server.http.internal.Fixture.ADMIN;
import static org.airgap.server.http.internal.Fixture.ALICE;
import static org.airgap.server.http.internal.Fixture.PRESS;
import static org.airgap.server.http.internal.Fixture.PRESS_JOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.airgap.audit.AuditAction;
import org.airgap.audit.AuditEntry;
import org.airgap.protocol.Api;
import org.airgap.protocol.AuditLogEntry;
import org.airgap.protocol.AuditPage;
import org.airgap.protocol.AuditTrailCheck;
import org.airgap.protocol.AuditUpload;
import org.airgap.protocol.LoginRequest;
import org.airgap.server.http.internal.Fixture.Backup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /api/admin/audit} over the real server: the server's trail (logins, the commit of an
 * uploaded run) with a laptop's uploaded trail, filters, pages, refusals, and a row edited in the database
 * of the stopped server reported at the next start.
 */
class AdminAuditTest extends ServerTestBase {

    private String alice;
    private AuditEntry laptopLogin;

    @BeforeEach
    void activity() throws Exception {
        alice = server.login(ALICE);
        client.post(Api.LOGIN, null, new LoginRequest("mallory", "guess")).expect(401);
        Backup backup = Backup.of(Fixture.files("main.prg", Fixture.bytes(1000, 7)));
        client.post(Api.UPLOADS, alice, backup.upload("run-1", PRESS_JOB)).expect(200);
        for (byte[] bytes : backup.files().values()) {
            client.put(Api.BLOBS + Fixture.sha256(bytes) + "?offset=0&size=" + bytes.length, alice,
                    BodyPublishers.ofByteArray(bytes)).expect(200);
        }
        client.postText(Api.UPLOADS + "/run-1" + Api.COMMIT_SUFFIX, alice, "").expect(200);
        laptopLogin = AuditEntry.create(1, Instant.parse("2026-03-01T08:00:00Z"), ALICE, AuditAction.LOGIN, "server",
                "", AuditEntry.GENESIS_HASH);
        AuditEntry sync = AuditEntry.create(2, Instant.parse("2026-03-01T08:00:05Z"), ALICE, AuditAction.SYNC, "server",
                "1 job", laptopLogin.hash());
        client.post(Api.AUDIT, alice, new AuditUpload(List.of(laptopLogin, sync))).expect(200);
    }

    private AuditPage page(String query) throws Exception {
        return client.get(Api.ADMIN_AUDIT + query, admin).expect(200).as(AuditPage.class);
    }

    private static List<String> lines(AuditPage page) {
        return page.entries().stream().map(e -> e.source() + " " + e.user() + " " + e.action() + " " + e.subject())
                .toList();
    }

    @Test
    void loginsTheCommitAndTheLaptopsTrailAppearWithEachChainVerified() throws Exception {
        AuditPage page = page("");
        List<String> lines = lines(page);
        assertEquals(List.of("laptop alice LOGIN server", "laptop alice SYNC server"), lines.subList(0, 2),
                "the laptop's entries are older by its clock");
        // The test server's plant was imported by root after its login: an administrative change.
        assertEquals(List.of("server root LOGIN ", "server root IMPORT plant", "server alice LOGIN ",
                "server mallory LOGIN ", "server alice COMMIT component " + PRESS), lines.subList(2, 7));
        AuditLogEntry failed = page.entries().get(5);
        assertEquals("FAILED from 127.0.0.1", failed.details());
        assertEquals(ALICE, page.entries().get(0).uploadedBy());
        assertEquals(List.of(new AuditTrailCheck("server", List.of(), 5, true, 0, null),
                new AuditTrailCheck("laptop " + laptopLogin.hash().substring(0, 12), List.of(ALICE), 2, true, 0, null)),
                page.trails());
        assertEquals(page.trails(), client.get(Api.ADMIN_AUDIT_VERIFY, admin).expect(200).asList(AuditTrailCheck.class));
    }

    @Test
    void filtersNarrowTheEntriesAndTheSource() throws Exception {
        assertEquals(List.of("server alice LOGIN ", "server alice COMMIT component " + PRESS),
                lines(page("?user=alice&source=server")));
        assertEquals(List.of("server alice COMMIT component " + PRESS), lines(page("?action=commit")));
        assertEquals(List.of("server alice COMMIT component " + PRESS), lines(page("?subject=PRESS")));
        AuditPage laptops = page("?source=laptops&action=SYNC");
        assertEquals(List.of("laptop alice SYNC server"), lines(laptops));
        assertEquals(1, laptops.trails().size(), "only the laptops' trails are verified");
        String to = URLEncoder.encode("2026-03-01T08:00:05Z", StandardCharsets.UTF_8);
        assertEquals(List.of("laptop alice LOGIN server"), lines(page("?from=2026-03-01T08:00:00Z&to=" + to)));
    }

    @Test
    void pagesAreBoundedAndFollowEachOther() throws Exception {
        List<String> all = lines(page(""));
        List<String> paged = new ArrayList<>();
        AuditPage page = page("?limit=4");
        paged.addAll(lines(page));
        assertEquals(4, page.entries().size());
        while (page.next() != null) {
            page = page("?limit=4&after=" + URLEncoder.encode(page.next(), StandardCharsets.UTF_8));
            paged.addAll(lines(page));
        }
        assertEquals(all, paged);
        for (String bad : List.of("?limit=0", "?limit=1001", "?limit=ten", "?after=nonsense", "?from=yesterday",
                "?source=everything", "?action=drop%20table", "?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z",
                "?user=" + "x".repeat(201))) {
            client.get(Api.ADMIN_AUDIT + bad, admin).expect(400);
        }
        assertEquals(all.size(), page("?limit=" + Api.MAX_AUDIT_PAGE).entries().size(), "the largest page is allowed");
    }

    @Test
    void onlyAdministratorsReadTheTrail() throws Exception {
        assertTrue(client.get(Api.ADMIN_AUDIT, alice).expect(403).error().error().startsWith("administrators only"));
        client.get(Api.ADMIN_AUDIT_VERIFY, alice).expect(403);
        client.get(Api.ADMIN_AUDIT, null).expect(401);
        client.post(Api.ADMIN_AUDIT, admin, "").expect(405);
    }

    @Test
    void aRowEditedWhileTheServerWasStoppedIsReportedAtTheNextStart() throws Exception {
        var settings = server.repository.settings();
        server.close();
        TestServer.editStoppedDatabase(settings, "UPDATE server_audit SET user_name = 'bob' WHERE sequence = 3");
        server = TestServer.start(data, Duration.ofMinutes(30));
        client = server.client;
        admin = server.login(ADMIN);
        AuditPage page = page("?source=server");
        AuditTrailCheck check = page.trails().get(0);
        assertFalse(check.intact());
        assertEquals(3, check.brokenSequence());
        assertTrue(check.problem().startsWith("entry 3 (LOGIN by bob"), check.problem());
        assertEquals(6, check.entries(), "the restarted server appended the new login");
        assertNull(page.next());
    }

    @Test
    void newestFirstWhenAskedAndNoOtherOrder() throws Exception {
        List<String> all = new ArrayList<>(lines(page("")));
        java.util.Collections.reverse(all);
        assertEquals(all, lines(page("?order=newest")));
        AuditPage newest = page("?order=newest&limit=2");
        AuditPage older = page("?order=newest&limit=2&after=" + URLEncoder.encode(newest.next(),
                StandardCharsets.UTF_8));
        assertEquals(all.subList(2, 4), lines(older), "the next page holds older entries");
        assertEquals(lines(page("")), lines(page("?order=oldest")));
        for (String bad : List.of("?order=sideways", "?order=NEWEST", "?order=" + "n".repeat(201))) {
            client.get(Api.ADMIN_AUDIT + bad, admin).expect(400);
        }
    }
}
