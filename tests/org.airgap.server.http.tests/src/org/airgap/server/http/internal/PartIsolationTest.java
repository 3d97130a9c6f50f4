package org.airgap.server.http.internal;

import static org.airgap.server.http.internal.Fixture.ALICE;
import static org.airgap.server.http.internal.Fixture.BOB;
import static org.airgap.server.http.internal.Fixture.PRESS_JOB;
import static org.airgap.server.http.internal.Fixture.sha256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import org.airgap.protocol.Api;
import org.airgap.protocol.BlobStatus;
import org.airgap.protocol.UploadPlan;
import org.airgap.server.http.internal.ApiClient.Reply;
import org.airgap.server.http.internal.Fixture.Backup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each user's unfinished upload of a blob is their own part: another user uploading the same hash neither
 * learns how far it has come, nor appends to it, nor completes it (and so cannot count as having sent
 * bytes they never had), and each part is charged to its own user's limit of unfinished uploads.
 */
class PartIsolationTest {

    private static final int KIB = 1024;

    @TempDir
    Path data;
    private TestServer server;
    private ApiClient client;
    private String alice;
    private String bob;

    private void start(long maxPendingBytesPerUser) throws Exception {
        server = TestServer.start(data, Duration.ofMinutes(30), Duration.ofDays(7), maxPendingBytesPerUser);
        client = server.client;
        Fixture.setUp(server);
        alice = server.login(ALICE);
        bob = server.login(BOB);
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void anotherUserNeitherSeesNorContinuesNorCompletesAnUnfinishedUpload() throws Exception {
        start(1L << 40);
        byte[] program = Fixture.bytes(64 * KIB, 21);
        String sha = sha256(program);
        byte[] firstHalf = Arrays.copyOfRange(program, 0, 32 * KIB);
        byte[] secondHalf = Arrays.copyOfRange(program, 32 * KIB, program.length);
        putChunk(alice, sha, 0, program.length, firstHalf).expect(200);

        // Bob knows the hash (an old laptop, a log) but not the bytes: he is told of no part.
        assertEquals(0, status(bob, sha, program.length).received());
        Backup bobs = Backup.of(Fixture.files("copy.prg", program));
        UploadPlan plan = client.post(Api.UPLOADS, bob, bobs.upload("run-bob", Fixture.ROBOT_JOB)).expect(200)
                .as(UploadPlan.class);
        assertEquals(program.length, plan.missingBytes(), "Bob's plan must not tell of Alice's part");

        // The second half alone is not an upload of Bob's: 409 with his own part's length.
        Reply refused = putChunk(bob, sha, firstHalf.length, program.length, secondHalf);
        assertEquals(409, refused.status(), refused.body());
        assertEquals(0, refused.as(BlobStatus.class).received());
        assertEquals(409, client.postText(Api.UPLOADS + "/run-bob" + Api.COMMIT_SUFFIX, bob, "").status(),
                "Bob has not sent the blob");

        // Alice's part is as she left it: she finishes it and commits.
        assertEquals(firstHalf.length, status(alice, sha, program.length).received());
        putChunk(alice, sha, firstHalf.length, program.length, secondHalf).expect(200);
        Backup alices = Backup.of(Fixture.files("main.prg", program));
        client.post(Api.UPLOADS, alice, alices.upload("run-alice", PRESS_JOB)).expect(200);
        client.postText(Api.UPLOADS + "/run-alice" + Api.COMMIT_SUFFIX, alice, "").expect(200);
        assertArrayEquals(program, client.get(Api.BLOBS + sha, alice).expect(200).bytes());
    }

    @Test
    void twoUsersUploadingTheSameBlobEachSendItWhole() throws Exception {
        start(1L << 40);
        byte[] program = Fixture.bytes(64 * KIB, 22);
        String sha = sha256(program);
        putChunk(alice, sha, 0, program.length, Arrays.copyOfRange(program, 0, 16 * KIB)).expect(200);
        putChunk(bob, sha, 0, program.length, Arrays.copyOfRange(program, 0, 48 * KIB)).expect(200);
        assertEquals(16 * KIB, status(alice, sha, program.length).received());
        assertEquals(48 * KIB, status(bob, sha, program.length).received());

        putChunk(bob, sha, 48 * KIB, program.length, Arrays.copyOfRange(program, 48 * KIB, program.length))
                .expect(200);
        // Bob's finished upload proves nothing for Alice: she still sends the rest of hers.
        assertEquals(16 * KIB, status(alice, sha, program.length).received());
        putChunk(alice, sha, 16 * KIB, program.length, Arrays.copyOfRange(program, 16 * KIB, program.length))
                .expect(200);
        Backup bobs = Backup.of(Fixture.files("arm.prg", program));
        client.post(Api.UPLOADS, bob, bobs.upload("run-bob", Fixture.ROBOT_JOB)).expect(200);
        client.postText(Api.UPLOADS + "/run-bob" + Api.COMMIT_SUFFIX, bob, "").expect(200);
        assertArrayEquals(program, client.get(Api.BLOBS + sha, bob).expect(200).bytes());
    }

    @Test
    void aPartIsChargedToTheUserWhoseItIs() throws Exception {
        start(100 * KIB);
        byte[] shared = Fixture.bytes(60 * KIB, 23);
        byte[] other = Fixture.bytes(60 * KIB, 24);
        putChunk(alice, sha256(shared), 0, shared.length, Arrays.copyOfRange(shared, 0, KIB)).expect(200);
        // Bob's part of the same hash is his: with it, another 60 KiB exceed his 100 KiB.
        putChunk(bob, sha256(shared), 0, shared.length, Arrays.copyOfRange(shared, 0, KIB)).expect(200);
        Reply refused = putChunk(bob, sha256(other), 0, other.length, Arrays.copyOfRange(other, 0, KIB));
        assertEquals(507, refused.status(), refused.body());
        assertTrue(refused.error().error().contains("user " + BOB + " has " + shared.length + " bytes"),
                refused.error().error());
        // Bob finishing his part releases his charge, not Alice's: she still may not start another 60 KiB.
        putChunk(bob, sha256(shared), KIB, shared.length, Arrays.copyOfRange(shared, KIB, shared.length)).expect(200);
        putChunk(bob, sha256(other), 0, other.length, Arrays.copyOfRange(other, 0, KIB)).expect(200);
        assertEquals(507, putChunk(alice, sha256(other), 0, other.length, Arrays.copyOfRange(other, 0, KIB))
                .status());
    }

    private Reply putChunk(String token, String sha, long offset, long size, byte[] chunk) throws Exception {
        return client.put(Api.BLOBS + sha + "?offset=" + offset + "&size=" + size, token,
                BodyPublishers.ofByteArray(chunk), Api.CHUNK_SHA256, sha256(chunk));
    }

    private BlobStatus status(String token, String sha, long size) throws Exception {
        return client.get(Api.BLOBS + sha + "/status?size=" + size, token).expect(200).as(BlobStatus.class);
    }
}
