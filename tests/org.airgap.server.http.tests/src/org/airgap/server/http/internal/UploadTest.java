package org.airgap.server.http.internal;

import static org.airgap.server.http.internal.Fixture.ALICE;
import static org.airgap.server.http.internal.Fixture.BOB;
import static org.airgap.server.http.internal.Fixture.PRESS;
import static org.airgap.server.http.internal.Fixture.PRESS_JOB;
import static org.airgap.server.http.internal.Fixture.sha256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.airgap.model.CompareResult;
import org.airgap.model.DeviceIdentity;
import org.airgap.model.Run;
import org.airgap.model.Version;
import org.airgap.protocol.Api;
import org.airgap.protocol.BlobStatus;
import org.airgap.protocol.CommitResult;
import org.airgap.protocol.ErrorResponse;
import org.airgap.protocol.ProtocolJson;
import org.airgap.protocol.PullResponse;
import org.airgap.protocol.UploadPlan;
import org.airgap.protocol.UploadRequest;
import org.airgap.server.http.internal.ApiClient.Reply;
import org.airgap.server.http.internal.Fixture.Backup;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The push half of the sync over HTTP: plan, resumable chunks, commit, versions and archives. */
class UploadTest extends ServerTestBase {

    /** Big enough for two chunks of a realistic size. */
    private static final int PROGRAM_BYTES = 3 * 1024 * 1024 + 17;

    private String alice;
    private Backup backup;
    private byte[] program;

    @BeforeEach
    void start() throws Exception {
        alice = server.login(ALICE);
        program = Fixture.bytes(PROGRAM_BYTES, 1);
        backup = Backup.of(Fixture.files("robot/main.prg", program, "config.ini", "[press]\nspeed=12\n"));
    }

    @Test
    void aPlannedRunUploadedInChunksCommitsAsVersionOne() throws Exception {
        UploadPlan plan = client.post(Api.UPLOADS, alice, backup.upload("run-1", PRESS_JOB)).expect(200)
                .as(UploadPlan.class);
        assertFalse(plan.committed());
        assertEquals(2, plan.missing().size());
        assertEquals(PROGRAM_BYTES + backup.files().get("config.ini").length, plan.missingBytes());

        String programSha = sha256(program);
        int half = PROGRAM_BYTES / 2;
        BlobStatus first = putChunk(programSha, 0, Arrays.copyOfRange(program, 0, half)).expect(200)
                .as(BlobStatus.class);
        assertEquals(new BlobStatus(programSha, PROGRAM_BYTES, half), first);
        BlobStatus done = putChunk(programSha, half, Arrays.copyOfRange(program, half, PROGRAM_BYTES)).expect(200)
                .as(BlobStatus.class);
        assertEquals(new BlobStatus(programSha, PROGRAM_BYTES, PROGRAM_BYTES), done);
        // As curl -T sends it: the whole blob in one request, no chunk hash.
        byte[] config = backup.files().get("config.ini");
        client.put(Api.BLOBS + sha256(config) + "?offset=0&size=" + config.length, alice,
                BodyPublishers.ofByteArray(config)).expect(200);

        CommitResult result = commit("run-1").expect(200).as(CommitResult.class);
        assertTrue(result.versionCreated());
        assertEquals(1, result.version().number());
        assertEquals(backup.snapshotId(), result.version().snapshotId());
        assertEquals(ALICE, result.version().user());
        assertEquals(CompareResult.NOT_AVAILABLE, result.serverVersionResult());
        assertEquals(CompareResult.NOT_AVAILABLE, result.previousBackupResult());
        assertTrue(server.repository.store().hasSnapshot(backup.snapshotId()));
        assertEquals(List.of(), Arrays.asList(server.uploads().resolve("runs").toFile().list()),
                "the pending upload is gone after the commit");

        PullResponse pull = client.get(Api.SYNC, alice).expect(200).as(PullResponse.class);
        assertEquals(result.version(), pull.baselines().get(0).serverVersion());
        assertEquals(backup.snapshotId(), pull.baselines().get(0).previousBackupSnapshot());
    }

    @Test
    void theUnchangedBackupUploadsNothingAndCreatesNoVersion() throws Exception {
        uploadAndCommit("run-1");
        UploadPlan plan = client.post(Api.UPLOADS, alice, backup.upload("run-2", PRESS_JOB)).expect(200)
                .as(UploadPlan.class);
        assertEquals(List.of(), plan.missing());
        assertEquals(0, plan.missingBytes());
        CommitResult second = commit("run-2").expect(200).as(CommitResult.class);
        assertEquals(CompareResult.EQUAL, second.serverVersionResult());
        assertEquals(CompareResult.EQUAL, second.previousBackupResult());
        assertFalse(second.versionCreated());
        assertEquals(1, versions().size());
    }

    @Test
    void aChangedBackupBecomesVersionTwo() throws Exception {
        uploadAndCommit("run-1");
        backup = Backup.of(Fixture.files("robot/main.prg", program, "config.ini", "[press]\nspeed=14\n"));
        CommitResult second = uploadAndCommit("run-2");
        assertEquals(CompareResult.DIFFERENT, second.serverVersionResult());
        assertEquals(CompareResult.DIFFERENT, second.previousBackupResult());
        assertTrue(second.versionCreated());
        assertEquals(2, second.version().number());
    }

    @Test
    void theServerKeepsTheDeviceWithEachVersionAndMakesNoAutomaticVersionOfAnotherDevice() throws Exception {
        DeviceIdentity plc = new DeviceIdentity("Siemens", "CPU 1516", "V2.8", "S7-999");
        CommitResult first = uploadAndCommit(runOf("run-1", plc));
        assertEquals(plc, first.version().device());
        PullResponse pull = client.get(Api.SYNC, alice).expect(200).as(PullResponse.class);
        assertEquals(plc, pull.baselines().get(0).serverVersion().device(), "the sync brings it to the laptop");

        // Another PLC on the cable, and a laptop that says nothing about it: the server compares itself.
        backup = Backup.of(Fixture.files("robot/main.prg", program, "config.ini", "[press]\nspeed=14\n"));
        CommitResult swapped = uploadAndCommit(runOf("run-2", new DeviceIdentity("Siemens", "CPU 1516", "V2.8",
                "S7-123")));
        assertEquals(CompareResult.DIFFERENT, swapped.serverVersionResult());
        assertFalse(swapped.versionCreated());
        assertTrue(swapped.versionRefusal().startsWith("no automatic version: Device serial S7-123 differs from"
                + " version 1's S7-999: a different device?"), swapped.versionRefusal());
        assertEquals(1, versions().size());
        assertEquals(swapped, commit("run-2").expect(200).as(CommitResult.class), "a retry answers the same");

        // The same PLC after a firmware update: reported by the laptop, and still a version.
        DeviceIdentity updated = new DeviceIdentity("Siemens", "CPU 1516", "V2.9", "S7-999");
        CommitResult firmware = uploadAndCommit(runOf("run-3", updated));
        assertTrue(firmware.versionCreated());
        assertEquals(null, firmware.versionRefusal());
        assertEquals(updated, versions().get(1).device());
    }

    private Run runOf(String runId, DeviceIdentity device) {
        Run run = Fixture.run(runId, PRESS_JOB, backup.snapshotId());
        return new Run(run.id(), run.jobId(), run.start(), run.end(), run.attempts(), run.outcome(), device,
                run.snapshotId(), run.serverVersionResult(), run.previousBackupResult(), run.messages());
    }

    @Test
    void committingTwiceAnswersTheSameResultAndCreatesOneVersion() throws Exception {
        CommitResult first = uploadAndCommit("run-1");
        CommitResult again = commit("run-1").expect(200).as(CommitResult.class);
        assertEquals(first, again);
        assertEquals(1, versions().size());
        UploadPlan replanned = client.post(Api.UPLOADS, alice, backup.upload("run-1", PRESS_JOB)).expect(200)
                .as(UploadPlan.class);
        assertTrue(replanned.committed());
    }

    @Test
    void aCommitBeforeItsUploadOrItsBlobsIsRefused() throws Exception {
        ErrorResponse unknown = commit("run-9").expect(404).error();
        assertTrue(unknown.error().contains("send it first"), unknown.error());
        client.post(Api.UPLOADS, alice, backup.upload("run-1", PRESS_JOB)).expect(200);
        ErrorResponse missing = commit("run-1").expect(409).error();
        assertTrue(missing.error().contains(sha256(program)), missing.error());
        assertTrue(versions().isEmpty());
    }

    @Test
    void aManifestThatIsNotTheRunsSnapshotIsRefused() throws Exception {
        Backup other = Backup.of(Fixture.files("other.txt", "other"));
        var request = new org.airgap.protocol.UploadRequest(Fixture.run("run-1", PRESS_JOB, backup.snapshotId()),
                other.manifestJson());
        ErrorResponse refused = client.post(Api.UPLOADS, alice, request).expect(400).error();
        assertTrue(refused.error().contains(backup.snapshotId()), refused.error());
    }

    @Test
    void aChunkWithAWrongHashIsRefusedAndDiscarded() throws Exception {
        String programSha = sha256(program);
        byte[] chunk = Arrays.copyOfRange(program, 0, 1000);
        ErrorResponse refused = client.put(Api.BLOBS + programSha + "?offset=0&size=" + PROGRAM_BYTES, alice,
                BodyPublishers.ofByteArray(chunk), Api.CHUNK_SHA256, sha256("something else".getBytes()))
                .expect(400).error();
        assertTrue(refused.error().contains("send it again"), refused.error());
        assertEquals(0, status(programSha).received());
        putChunk(programSha, 0, chunk).expect(200);
        assertEquals(1000, status(programSha).received());
    }

    @Test
    void aBlobWhoseBytesAreNotItsHashIsRefused() throws Exception {
        byte[] damaged = program.clone();
        damaged[12345] ^= 1;
        String programSha = sha256(program);
        int half = PROGRAM_BYTES / 2;
        putChunk(programSha, 0, Arrays.copyOfRange(damaged, 0, half)).expect(200);
        ErrorResponse refused = putChunk(programSha, half, Arrays.copyOfRange(damaged, half, PROGRAM_BYTES))
                .expect(400).error();
        assertTrue(refused.error().contains("from offset 0"), refused.error());
        assertFalse(server.repository.store().hasBlob(programSha));
        assertEquals(0, status(programSha).received());
    }

    @Test
    void aChunkAtTheWrongOffsetIs409WithTheServersOffset() throws Exception {
        String programSha = sha256(program);
        putChunk(programSha, 0, Arrays.copyOfRange(program, 0, 4096)).expect(200);
        BlobStatus conflict = putChunk(programSha, 0, Arrays.copyOfRange(program, 0, 4096)).expect(409)
                .as(BlobStatus.class);
        assertEquals(new BlobStatus(programSha, PROGRAM_BYTES, 4096), conflict);
        putChunk(programSha, 8192, Arrays.copyOfRange(program, 8192, 9000)).expect(409);
    }

    @Test
    void aChunkBeyondTheBlobsSizeIs413() throws Exception {
        String sha = sha256("tiny".getBytes());
        client.put(Api.BLOBS + sha + "?offset=0&size=4", alice, BodyPublishers.ofByteArray("tiny!".getBytes()))
                .expect(413);
        // Without a declared length the server stops at the size.
        client.put(Api.BLOBS + sha + "?offset=0&size=4", alice,
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream("tiny!".getBytes()))).expect(413);
        assertEquals(0, status(sha).received());
    }

    @Test
    void curlDashTUploadsAWholeBlobInOneRequest() throws Exception {
        Assumptions.assumeTrue(onPath("curl"), "curl is not installed");
        java.nio.file.Path file = java.nio.file.Files.write(data.resolve("program.bin"), program);
        String sha = sha256(program);
        Process curl = new ProcessBuilder("curl", "-sS", "-T", file.toString(), "-H", Api.AUTHORIZATION + ": "
                + Api.BEARER + alice, "http://127.0.0.1:" + server.port + Api.BLOBS + sha + "?offset=0&size="
                + PROGRAM_BYTES).redirectErrorStream(true).start();
        String answer = new String(curl.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, curl.waitFor(), answer);
        assertEquals(new BlobStatus(sha, PROGRAM_BYTES, PROGRAM_BYTES), ProtocolJson.read(answer, BlobStatus.class));
        try (InputStream stored = server.repository.store().openBlob(sha)) {
            assertArrayEquals(program, stored.readAllBytes());
        }
    }

    private static boolean onPath(String program) {
        return java.util.Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(folder -> java.nio.file.Files.isExecutable(java.nio.file.Path.of(folder, program)));
    }

    @Test
    void concurrentChunksOfOneBlobAreTakenOnce() throws Exception {
        String programSha = sha256(program);
        byte[] half = Arrays.copyOfRange(program, 0, PROGRAM_BYTES / 2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Reply>> replies = pool.invokeAll(List.of(() -> putChunk(programSha, 0, half),
                    () -> putChunk(programSha, 0, half)));
            List<Integer> statuses = new ArrayList<>();
            for (Future<Reply> reply : replies) {
                statuses.add(reply.get().status());
            }
            statuses.sort(null);
            assertEquals(List.of(200, 409), statuses);
        } finally {
            pool.shutdown();
        }
        assertEquals(half.length, status(programSha).received());
    }

    @Test
    void anInterruptedUploadResumesFromWhatTheServerHas() throws Exception {
        int half = sendHalfOfTheProgram();
        String programSha = sha256(program);

        // The laptop comes back later (another session) and plans again.
        String again = server.login(ALICE);
        UploadPlan plan = client.post(Api.UPLOADS, again, backup.upload("run-1", PRESS_JOB)).expect(200)
                .as(UploadPlan.class);
        BlobStatus partial = plan.missing().stream().filter(b -> b.sha256().equals(programSha)).findFirst()
                .orElseThrow();
        assertEquals(half, partial.received());
        assertEquals(PROGRAM_BYTES - half + backup.files().get("config.ini").length, plan.missingBytes());
        alice = again;
        sendTheRest(partial.received());
        CommitResult result = commit("run-1").expect(200).as(CommitResult.class);
        assertTrue(result.versionCreated());
        try (InputStream stored = server.repository.store().openBlob(programSha)) {
            assertArrayEquals(program, stored.readAllBytes());
        }
    }

    @Test
    void afterARestartTheUploadResumesAndLeftoversAreGone() throws Exception {
        int half = sendHalfOfTheProgram();
        String programSha = sha256(program);
        server.close();
        java.nio.file.Path archive = java.nio.file.Files.writeString(server.uploads().resolve("tmp/left.tar.gz"), "x");
        java.nio.file.Path pending = java.nio.file.Files.writeString(server.uploads().resolve("runs/pending-1.tmp"), "{");

        server = TestServer.start(data, Duration.ofMinutes(30));
        client = server.client;
        assertEquals(org.airgap.protocol.SessionEndReason.RESTARTED.name(), client.get(Api.SESSION, alice).expect(401)
                .error().reason());
        assertFalse(java.nio.file.Files.exists(archive));
        assertFalse(java.nio.file.Files.exists(pending));
        alice = server.login(ALICE);
        UploadPlan plan = client.post(Api.UPLOADS, alice, backup.upload("run-1", PRESS_JOB)).expect(200)
                .as(UploadPlan.class);
        assertEquals(half, plan.missing().stream().filter(b -> b.sha256().equals(programSha)).findFirst()
                .orElseThrow().received());
        sendTheRest(half);
        assertEquals(1, commit("run-1").expect(200).as(CommitResult.class).version().number());
    }

    @Test
    void versionsAreListedAndDownloadedAsTarGz() throws Exception {
        uploadAndCommit("run-1");
        List<Version> versions = versions();
        assertEquals(1, versions.size());
        Reply archive = client.get(Api.COMPONENTS + PRESS + "/versions/1/archive", alice).expect(200);
        assertEquals("application/gzip", archive.headers().firstValue("Content-Type").orElse(""));
        assertTrue(archive.headers().firstValue("Content-Disposition").orElse("").contains(PRESS + "-version-1.tar.gz"));
        Map<String, byte[]> unpacked = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
                new ByteArrayInputStream(archive.bytes())))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.isFile() && entry.getName().startsWith("files/")) {
                    unpacked.put(entry.getName().substring("files/".length()), tar.readAllBytes());
                }
            }
        }
        assertEquals(backup.files().keySet(), unpacked.keySet());
        backup.files().forEach((path, bytes) -> assertArrayEquals(bytes, unpacked.get(path), path));

        client.get(Api.COMPONENTS + PRESS + "/versions/2/archive", alice).expect(404);
        client.get(Api.COMPONENTS + "no-such/versions", alice).expect(404);
    }

    @Test
    void manifestsAndBlobsAreReadOnlyByThoseWhoMaySeeTheirComponent() throws Exception {
        uploadAndCommit("run-1");
        Reply manifest = client.get(Api.MANIFESTS + backup.snapshotId(), alice).expect(200);
        assertEquals(backup.manifestJson(), manifest.body());
        assertArrayEquals(program, client.get(Api.BLOBS + sha256(program), alice).expect(200).bytes());

        String bob = server.login(BOB);
        client.get(Api.MANIFESTS + backup.snapshotId(), bob).expect(404);
        client.get(Api.BLOBS + sha256(program), bob).expect(404);

        // A new backup is readable right after its commit.
        byte[] newConfig = "[press]\nspeed=20\n".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        backup = Backup.of(Fixture.files("robot/main.prg", program, "config.ini", newConfig));
        uploadAndCommit("run-2");
        client.get(Api.MANIFESTS + backup.snapshotId(), alice).expect(200);
        assertArrayEquals(newConfig, client.get(Api.BLOBS + sha256(newConfig), alice).expect(200).bytes());
        client.get(Api.BLOBS + sha256(newConfig), bob).expect(404);
    }

    @Test
    void aFailedRunWithoutSnapshotIsCommittedWithoutComparison() throws Exception {
        var started = Fixture.run("run-f", PRESS_JOB, null);
        var failed = new org.airgap.model.Run(started.id(), started.jobId(), started.start(), started.end(), 3,
                org.airgap.model.RunOutcome.FAILED, null, null, CompareResult.ERROR, CompareResult.ERROR, List.of());
        UploadPlan plan = client.post(Api.UPLOADS, alice, new org.airgap.protocol.UploadRequest(failed, null))
                .expect(200).as(UploadPlan.class);
        assertEquals(List.of(), plan.missing());
        CommitResult result = commit("run-f").expect(200).as(CommitResult.class);
        assertFalse(result.versionCreated());
        assertEquals(CompareResult.ERROR, result.serverVersionResult());
        assertTrue(versions().isEmpty());
    }

    private CommitResult uploadAndCommit(String runId) throws Exception {
        return uploadAndCommit(Fixture.run(runId, PRESS_JOB, backup.snapshotId()));
    }

    /** Uploads {@code run} with the current backup's manifest and blobs, and commits it. */
    private CommitResult uploadAndCommit(Run run) throws Exception {
        String runId = run.id();
        UploadPlan plan = client.post(Api.UPLOADS, alice, new UploadRequest(run, backup.manifestJson())).expect(200)
                .as(UploadPlan.class);
        Map<String, byte[]> bySha = new HashMap<>();
        backup.files().values().forEach(bytes -> bySha.put(sha256(bytes), bytes));
        for (BlobStatus blob : plan.missing()) {
            byte[] bytes = bySha.get(blob.sha256());
            assertNotNull(bytes, blob.sha256());
            putChunk(blob.sha256(), 0, bytes).expect(200);
        }
        return commit(runId).expect(200).as(CommitResult.class);
    }

    /** Plans run-1 and sends the first half of the program, as an upload cut off midway; returns its length. */
    private int sendHalfOfTheProgram() throws Exception {
        client.post(Api.UPLOADS, alice, backup.upload("run-1", PRESS_JOB)).expect(200);
        int half = PROGRAM_BYTES / 2;
        putChunk(sha256(program), 0, Arrays.copyOfRange(program, 0, half)).expect(200);
        return half;
    }

    /** Sends the program from {@code offset} on, and config.ini. */
    private void sendTheRest(long offset) throws Exception {
        putChunk(sha256(program), offset, Arrays.copyOfRange(program, (int) offset, PROGRAM_BYTES)).expect(200);
        byte[] config = backup.files().get("config.ini");
        putChunk(sha256(config), 0, config).expect(200);
    }

    private Reply putChunk(String sha, long offset, byte[] chunk) throws Exception {
        long size = sha.equals(sha256(program)) ? PROGRAM_BYTES : chunk.length;
        return client.put(Api.BLOBS + sha + "?offset=" + offset + "&size=" + size, alice,
                BodyPublishers.ofByteArray(chunk), Api.CHUNK_SHA256, sha256(chunk));
    }

    private BlobStatus status(String sha) throws Exception {
        return client.get(Api.BLOBS + sha + "/status?size=" + PROGRAM_BYTES, alice).expect(200).as(BlobStatus.class);
    }

    private Reply commit(String runId) throws Exception {
        return client.postText(Api.UPLOADS + "/" + runId + Api.COMMIT_SUFFIX, alice, "");
    }

    private List<Version> versions() throws Exception {
        return client.get(Api.COMPONENTS + PRESS + "/versions", alice).expect(200).asList(Version.class);
    }
}
