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
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.airgap.protocol.Api;
import org.airgap.protocol.BlobStatus;
import org.airgap.protocol.CommitResult;
import org.airgap.protocol.ErrorResponse;
import org.airgap.protocol.UploadPlan;
import org.airgap.server.http.internal.ApiClient.Reply;
import org.airgap.server.http.internal.Fixture.Backup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 11, hole 2: a technician cannot take over another run's id. */
class ForeignContentTest {

    private static final int PROGRAM_BYTES = 3 * 1024 * 1024 + 5;

    @TempDir
    Path data;
    private TestServer server;
    private ApiClient client;
    private String alice;
    private String bob;
    private byte[] program;
    private Backup alicesBackup;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(data, Duration.ofMinutes(30));
        client = server.client;
        Fixture.setUp(server);
        alice = server.login(ALICE);
        bob = server.login(BOB);
        program = Fixture.bytes(PROGRAM_BYTES, 3);
        alicesBackup = Backup.of(Fixture.files("main.prg", program, "secret.ini", "password=press\n"));
        uploadAndCommit(alice, alicesBackup, "run-a", PRESS_JOB);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
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
