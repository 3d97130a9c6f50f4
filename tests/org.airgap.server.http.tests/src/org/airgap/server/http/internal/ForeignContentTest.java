package org.airgap.server.http.internal;

import static org.airgap.server.http.internal.Fixture.ALICE;
import static org.airgap.server.http.internal.Fixture.BOB;
import static org.airgap.server.http.internal.Fixture.PRESS;
import static org.airgap.server.http.internal.Fixture.PRESS_JOB;
import static org.airgap.server.http.internal.Fixture.ROBOT_JOB;
import static org.airgap.server.http.internal.Fixture.sha256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest.BodyPublishers;
import java.util.Arrays;
import java.util.List;

import org.airgap.protocol.Api;
import org.airgap.protocol.BlobStatus;
import org.airgap.protocol.CommitResult;
import org.airgap.protocol.ErrorResponse;
import org.airgap.protocol.UploadPlan;
import org.airgap.server.http.internal.ApiClient.Reply;
import org.airgap.server.http.internal.Fixture.Backup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 11, holes 1 and 2: a technician cannot reach another technician's content by naming its hash,
 * nor take over another run's id.
 */
class ForeignContentTest extends ServerTestBase {

    private static final int PROGRAM_BYTES = 3 * 1024 * 1024 + 5;

    private String alice;
    private String bob;
    private byte[] program;
    private Backup alicesBackup;

    @BeforeEach
    void start() throws Exception {
        alice = server.login(ALICE);
        bob = server.login(BOB);
        program = Fixture.bytes(PROGRAM_BYTES, 3);
        alicesBackup = Backup.of(Fixture.files("main.prg", program, "secret.ini", "password=press\n"));
        uploadAndCommit(alice, alicesBackup, "run-a", PRESS_JOB);
    }

    @Test
    void aBlobOfAnotherTechniciansComponentCannotBeReadByNamingItsHash() throws Exception {
        byte[] secret = alicesBackup.files().get("secret.ini");
        String secretSha = sha256(secret);
        Backup bobsBackup = Backup.of(Fixture.files("stolen.ini", secret));

        UploadPlan plan = client.post(Api.UPLOADS, bob, bobsBackup.upload("run-b", ROBOT_JOB)).expect(200)
                .as(UploadPlan.class);
        assertEquals(List.of(new BlobStatus(secretSha, secret.length, 0)), plan.missing(),
                "the plan must not tell bob that the server holds alice's file");
        assertEquals(new BlobStatus(secretSha, secret.length, 0), client.get(Api.BLOBS + secretSha + "/status?size="
                + secret.length, bob).expect(200).as(BlobStatus.class));
        ErrorResponse refused = commit(bob, "run-b").expect(409).error();
        assertTrue(refused.error().contains(secretSha), refused.error());
        client.get(Api.BLOBS + secretSha, bob).expect(404);
        assertTrue(server.repository.committed("run-b").isEmpty());

        // Alice still reads her own blobs as before.
        assertArrayEquals(secret, client.get(Api.BLOBS + secretSha, alice).expect(200).bytes());
    }

    @Test
    void sendingTheBytesProvesPossessionAndTheStoreKeepsOneCopy() throws Exception {
        String programSha = sha256(program);
        Backup bobsBackup = Backup.of(Fixture.files("copy.prg", program));
        UploadPlan plan = client.post(Api.UPLOADS, bob, bobsBackup.upload("run-b", ROBOT_JOB)).expect(200)
                .as(UploadPlan.class);
        assertEquals(List.of(new BlobStatus(programSha, PROGRAM_BYTES, 0)), plan.missing());
        assertEquals(PROGRAM_BYTES, plan.missingBytes());

        // In two chunks, as the laptop sends a large blob: the first is not taken as the whole blob.
        int half = PROGRAM_BYTES / 2;
        assertEquals(new BlobStatus(programSha, PROGRAM_BYTES, half), put(bob, programSha, 0,
                Arrays.copyOfRange(program, 0, half)).expect(200).as(BlobStatus.class));
        commit(bob, "run-b").expect(409);
        assertEquals(new BlobStatus(programSha, PROGRAM_BYTES, PROGRAM_BYTES), put(bob, programSha, half,
                Arrays.copyOfRange(program, half, PROGRAM_BYTES)).expect(200).as(BlobStatus.class));

        CommitResult result = commit(bob, "run-b").expect(200).as(CommitResult.class);
        assertTrue(result.versionCreated());
        assertArrayEquals(program, client.get(Api.BLOBS + programSha, bob).expect(200).bytes());
        assertTrue(server.repository.store().hasBlob(programSha));
    }

    @Test
    void wrongBytesForAStoredBlobProveNothingAndChangeNothing() throws Exception {
        byte[] secret = alicesBackup.files().get("secret.ini");
        String secretSha = sha256(secret);
        client.post(Api.UPLOADS, bob, Backup.of(Fixture.files("stolen.ini", secret)).upload("run-b", ROBOT_JOB))
                .expect(200);
        byte[] guess = "password=guess\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        client.put(Api.BLOBS + secretSha + "?offset=0&size=" + guess.length, bob, BodyPublishers.ofByteArray(guess))
                .expect(400);
        commit(bob, "run-b").expect(409);
        client.get(Api.BLOBS + secretSha, bob).expect(404);
        assertArrayEquals(secret, client.get(Api.BLOBS + secretSha, alice).expect(200).bytes());
    }

    @Test
    void aRunIdCommittedForAnotherJobIsRefusedWith409AndLeaksNothing() throws Exception {
        Backup bobsBackup = Backup.of(Fixture.files("robot.prg", "weld"));
        Reply squatted = client.post(Api.UPLOADS, bob, bobsBackup.upload("run-a", ROBOT_JOB));
        ErrorResponse refused = squatted.expect(409).error();
        assertTrue(refused.error().contains("run-a"), refused.error());
        assertFalse(refused.error().contains(PRESS) || refused.error().contains(ALICE), refused.error());
        assertFalse(squatted.body().contains("version"), squatted.body());

        ErrorResponse commitRefused = commit(bob, "run-a").expect(409).error();
        assertFalse(commitRefused.error().contains(PRESS), commitRefused.error());

        // The same user with another snapshot under the same id: refused too.
        Backup other = Backup.of(Fixture.files("main.prg", "changed"));
        client.post(Api.UPLOADS, alice, other.upload("run-a", PRESS_JOB)).expect(409);
        // The same run again stays idempotent.
        assertTrue(client.post(Api.UPLOADS, alice, alicesBackup.upload("run-a", PRESS_JOB)).expect(200)
                .as(UploadPlan.class).committed());
        assertEquals(1, commit(alice, "run-a").expect(200).as(CommitResult.class).version().number());
    }

    @Test
    void aRunIdPlannedByAnotherUserIsRefusedWith409AndTheirUploadGoesOn() throws Exception {
        Backup next = Backup.of(Fixture.files("main.prg", "alice's next program"));
        client.post(Api.UPLOADS, alice, next.upload("run-a2", PRESS_JOB)).expect(200);
        // Bob learnt the id (a shared laptop's log): his plan must not replace Alice's, nor his commit take it.
        Backup bobsBackup = Backup.of(Fixture.files("robot.prg", "weld"));
        ErrorResponse refused = client.post(Api.UPLOADS, bob, bobsBackup.upload("run-a2", ROBOT_JOB)).expect(409)
                .error();
        assertTrue(refused.error().contains("run-a2"), refused.error());
        assertFalse(refused.error().contains(PRESS) || refused.error().contains(ALICE), refused.error());
        commit(bob, "run-a2").expect(404);
        // Nobody else commits it either, not even an administrator (who may read and upload Alice's job).
        assertEquals(client.postText(Api.UPLOADS + "/no-such-run" + Api.COMMIT_SUFFIX, admin, "").expect(404).body()
                .replace("no-such-run", "<id>"), commit(admin, "run-a2").expect(404).body().replace("run-a2", "<id>"));

        // Alice's upload goes on from her plan.
        byte[] bytes = next.files().get("main.prg");
        put(alice, sha256(bytes), 0, bytes).expect(200);
        assertEquals("run-a2", commit(alice, "run-a2").expect(200).as(CommitResult.class).runId());
    }

    @Test
    void theSameRunPlannedAgainUnderAnotherLoginTakesThePlanOver() throws Exception {
        // A laptop shared by several people sends its queue under whoever is logged in.
        Backup next = Backup.of(Fixture.files("main.prg", "alice's next program"));
        client.post(Api.UPLOADS, alice, next.upload("run-s", PRESS_JOB)).expect(200);
        client.post(Api.UPLOADS, admin, next.upload("run-s", PRESS_JOB)).expect(200);
        commit(alice, "run-s").expect(404);
        uploadAndCommit(admin, next, "run-s", PRESS_JOB);
    }

    private void uploadAndCommit(String token, Backup backup, String runId, String jobId) throws Exception {
        UploadPlan plan = client.post(Api.UPLOADS, token, backup.upload(runId, jobId)).expect(200)
                .as(UploadPlan.class);
        for (BlobStatus blob : plan.missing()) {
            byte[] bytes = backup.files().values().stream().filter(b -> sha256(b).equals(blob.sha256())).findFirst()
                    .orElseThrow();
            put(token, blob.sha256(), 0, bytes).expect(200);
        }
        commit(token, runId).expect(200);
    }

    private Reply put(String token, String sha, long offset, byte[] chunk) throws Exception {
        long size = sha.equals(sha256(program)) ? PROGRAM_BYTES : chunk.length;
        return client.put(Api.BLOBS + sha + "?offset=" + offset + "&size=" + size, token,
                BodyPublishers.ofByteArray(chunk), Api.CHUNK_SHA256, sha256(chunk));
    }

    private Reply commit(String token, String runId) throws Exception {
        return client.postText(Api.UPLOADS + "/" + runId + Api.COMMIT_SUFFIX, token, "");
    }
}
