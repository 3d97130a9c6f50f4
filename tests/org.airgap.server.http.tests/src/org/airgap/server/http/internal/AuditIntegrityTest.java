package org.airgap.server.http.internal;

import static org.airgap.server.http.internal.Fixture.ALICE;
import static org.airgap.server.http.internal.Fixture.BOB;
import static org.airgap.server.http.internal.Fixture.PRESS_JOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.airgap.audit.AuditAction;
import org.airgap.audit.AuditEntry;
import org.airgap.protocol.Api;
import org.airgap.protocol.AuditAck;
import org.airgap.protocol.AuditUpload;
import org.airgap.protocol.ErrorResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Audit entries a laptop's trail could not hold are refused whole, naming the entry. */
class AuditIntegrityTest extends ServerTestBase {

    private static final Instant TIME = Instant.parse("2026-11-25T10:00:00Z");

    private String alice;
    private String bob;
    private AuditEntry first;
    private AuditEntry second;

    @BeforeEach
    void start() throws Exception {
        alice = server.login(ALICE);
        bob = server.login(BOB);
        first = AuditEntry.create(1, TIME, ALICE, AuditAction.LOGIN, "", "", AuditEntry.GENESIS_HASH);
        second = AuditEntry.create(2, TIME.plusSeconds(5), ALICE, AuditAction.JOB_STARTED, PRESS_JOB, "", first.hash());
    }

    @Test
    void anEntryWhoseHashIsNotItsContentsIsRefused() throws Exception {
        // Bob forges an entry in Alice's name, with a made-up hash.
        AuditEntry forged = new AuditEntry(1, TIME, ALICE, AuditAction.VERSION_CREATED, "press-1", "",
                AuditEntry.GENESIS_HASH, "ab".repeat(32));
        ErrorResponse refused = client.post(Api.AUDIT, bob, new AuditUpload(List.of(forged))).expect(400).error();
        assertTrue(refused.error().contains("audit entry 1 (" + "ab".repeat(32)) && refused.error().contains("hash"),
                refused.error());
    }

    @Test
    void anEntryAfterMissingOnesIsRefused() throws Exception {
        AuditEntry third = AuditEntry.create(3, TIME.plusSeconds(9), ALICE, AuditAction.JOB_FINISHED, PRESS_JOB, "",
                second.hash());
        ErrorResponse refused = client.post(Api.AUDIT, alice, new AuditUpload(List.of(first, third))).expect(400)
                .error();
        assertTrue(refused.error().contains("audit entry 3 (" + third.hash()) && refused.error().contains("missing"),
                refused.error());
        assertEquals(new AuditAck(3, 0), client.post(Api.AUDIT, alice, new AuditUpload(List.of(first, second, third)))
                .expect(200).as(AuditAck.class), "nothing of the refused upload was kept; the whole trail is");
    }

    @Test
    void aSecondEntryAfterTheSameOneIsRefusedAsAFork() throws Exception {
        client.post(Api.AUDIT, alice, new AuditUpload(List.of(first, second))).expect(200);
        AuditEntry rewritten = AuditEntry.create(2, TIME.plusSeconds(5), ALICE, AuditAction.LOGOUT, "", "",
                first.hash());
        ErrorResponse refused = client.post(Api.AUDIT, alice, new AuditUpload(List.of(rewritten))).expect(400).error();
        assertTrue(refused.error().contains("audit entry 2 (" + rewritten.hash())
                && refused.error().contains("forks the trail"), refused.error());
    }

    @Test
    void anotherUsersEntryFromASharedLaptopIsKeptAsWritten() throws Exception {
        client.post(Api.AUDIT, alice, new AuditUpload(List.of(first))).expect(200);
        // Later Bob pushes from the same laptop: its trail goes on with Alice's entry, then his.
        AuditEntry bobs = AuditEntry.create(3, TIME.plusSeconds(60), BOB, AuditAction.LOGIN, "", "", second.hash());
        assertEquals(new AuditAck(2, 1), client.post(Api.AUDIT, bob, new AuditUpload(List.of(first, second, bobs)))
                .expect(200).as(AuditAck.class));
    }
}
