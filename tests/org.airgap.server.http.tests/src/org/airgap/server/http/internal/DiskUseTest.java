package org.airgap.server.http.internal;

import static org.airgap.server.http.internal.Fixture.ALICE;
import static org.airgap.server.http.internal.Fixture.BOB;
import static org.airgap.server.http.internal.Fixture.PRESS;
import static org.airgap.server.http.internal.Fixture.PRESS_JOB;
import static org.airgap.server.http.internal.Fixture.sha256;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.airgap.protocol.Api;
import org.airgap.protocol.BlobStatus;
import org.airgap.protocol.CommitResult;
import org.airgap.protocol.ErrorResponse;
import org.airgap.protocol.UploadPlan;
import org.airgap.server.http.internal.ApiClient.Reply;
import org.airgap.server.http.internal.Fixture.Backup;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, hole 7: a technician cannot fill the server's disk — refused bytes are deleted, abandoned
 * parts expire, unfinished uploads are limited per user, archives are streamed, and a full disk is
 * answered 507 without losing what was committed.
 */
class DiskUseTest {

    private static final int MIB = 1024 * 1024;

    @TempDir
    Path data;
    private TestServer server;
    private ApiClient client;
    private String alice;

    private void start(Duration partExpiry, long maxPendingBytesPerUser) throws Exception {
        server = TestServer.start(data, Duration.ofMinutes(30), partExpiry, maxPendingBytesPerUser);
        client = server.client;
        Fixture.setUp(server);
        alice = server.login(ALICE);
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void bytesRefusedForTheirHashAreNotKept() throws Exception {
        start(Duration.ofDays(7), 1L << 40);
        byte[] bytes = Fixture.bytes(100_000, 7);
        String claimed = sha256("what the client claims to send".getBytes());
        // One chunk with the whole blob (curl -T), without a chunk hash: refused only once all bytes are in.
        ErrorResponse refused = client.put(Api.BLOBS + claimed + "?offset=0&size=" + bytes.length, alice,
                BodyPublishers.ofByteArray(bytes)).expect(400).error();
        assertTrue(refused.error().contains("discarded"), refused.error());
        assertFalse(server.repository.store().hasBlob(sha256(bytes)), "the refused bytes stay in the store");
        assertFalse(server.repository.store().hasBlob(claimed));
        assertEquals(List.of(), filesUnder(server.uploads().resolve("blobs")));
    }

    @Test
    void partsOfAbandonedUploadsExpire() throws Exception {
        start(Duration.ofSeconds(2), 1L << 40);
        byte[] program = Fixture.bytes(2 * MIB, 3);
        Backup backup = Backup.of(Fixture.files("main.prg", program));
        client.post(Api.UPLOADS, alice, backup.upload("run-abandoned", PRESS_JOB)).expect(200);
        String sha = sha256(program);
        putChunk(alice, sha, 0, program.length, Arrays.copyOfRange(program, 0, MIB)).expect(200);
        assertEquals(MIB, status(sha, program.length).received());

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!filesUnder(server.uploads()).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(List.of(), filesUnder(server.uploads()), "the part and the pending run are still there");
        assertEquals(0, status(sha, program.length).received());
        // Nothing is lost that the laptop cannot send again: a new plan and upload commit as usual.
        client.post(Api.UPLOADS, alice, backup.upload("run-abandoned", PRESS_JOB)).expect(200);
        putChunk(alice, sha, 0, program.length, program).expect(200);
        assertEquals(1, commit(alice, "run-abandoned").expect(200).as(CommitResult.class).version().number());
    }

    @Test
    void partsExpiredWhileTheServerWasDownAreDeletedAtStart() throws Exception {
        start(Duration.ofHours(1), 1L << 40);
        byte[] program = Fixture.bytes(2 * MIB, 4);
        String sha = sha256(program);
        putChunk(alice, sha, 0, program.length, Arrays.copyOfRange(program, 0, MIB)).expect(200);
        server.close();
        Path part = server.uploads().resolve("blobs").resolve(UploadArea.partName(ALICE, sha) + ".part");
        assertTrue(Files.exists(part));
        Files.setLastModifiedTime(part, java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(Duration.ofHours(2))));

        server = TestServer.start(data, Duration.ofMinutes(30), Duration.ofHours(1), 1L << 40);
        assertFalse(Files.exists(part));
    }

    @Test
    void aUsersUnfinishedUploadsAreLimited() throws Exception {
        start(Duration.ofDays(7), 5L * MIB);
        byte[] first = Fixture.bytes(3 * MIB, 5);
        byte[] second = Fixture.bytes(3 * MIB, 6);
        putChunk(alice, sha256(first), 0, first.length, Arrays.copyOfRange(first, 0, MIB)).expect(200);

        Reply refused = putChunk(alice, sha256(second), 0, second.length, Arrays.copyOfRange(second, 0, MIB));
        assertEquals(507, refused.status(), refused.body());
        assertTrue(refused.error().error().contains("maxPendingBytesPerUser")
                && refused.error().error().contains("finish or commit"), refused.error().error());
        assertEquals(0, status(sha256(second), second.length).received());
        // Another user has a limit of their own.
        String bob = server.login(BOB);
        putChunk(bob, sha256(second), 0, second.length, Arrays.copyOfRange(second, 0, MIB)).expect(200);
        // Once the first blob is complete, it no longer counts.
        putChunk(alice, sha256(first), MIB, first.length, Arrays.copyOfRange(first, MIB, first.length)).expect(200);
        byte[] third = Fixture.bytes(3 * MIB, 8);
        putChunk(alice, sha256(third), 0, third.length, Arrays.copyOfRange(third, 0, MIB)).expect(200);
    }

    @Test
    void versionArchivesAreStreamedWithoutATemporaryFile() throws Exception {
        start(Duration.ofDays(7), 1L << 40);
        // Incompressible and larger than the socket buffers: the server is still sending when we look.
        byte[] program = Fixture.bytes(48 * MIB, 9);
        Backup backup = uploadAndCommit("run-big", Fixture.files("big.bin", program, "config.ini", "speed=3\n"));

        HttpRequest request = client.request(Api.COMPONENTS + PRESS + "/versions/1/archive", alice).GET().build();
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request, BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        Map<String, byte[]> unpacked = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(response.body()))) {
            TarArchiveEntry entry = tar.getNextEntry();
            assertEquals("manifest.json", entry.getName());
            List<Path> written = filesUnder(data).stream()
                    .filter(file -> !file.startsWith(data.resolve("store")) && !file.startsWith(data.resolve("db"))
                            && !file.startsWith(data.resolve("tls"))) // the keys, there before the server started
                    .toList();
            assertEquals(List.of(), written, "files written for the download");
            while ((entry = tar.getNextEntry()) != null) {
                if (entry.isFile() && entry.getName().startsWith("files/")) {
                    unpacked.put(entry.getName().substring("files/".length()), tar.readAllBytes());
                }
            }
        }
        assertEquals(backup.files().keySet(), unpacked.keySet());
        backup.files().forEach((path, bytes) -> assertArrayEquals(bytes, unpacked.get(path), path));
    }

    @Test
    void aFullDiskIsAnswered507AndLosesNothingCommitted() throws Exception {
        Path full = Path.of("/dev/full");
        Assumptions.assumeTrue(Files.isWritable(full), "no /dev/full to run out of space with");
        start(Duration.ofDays(7), 1L << 40);
        byte[] program = Fixture.bytes(MIB, 10);
        Backup committed = uploadAndCommit("run-1", Fixture.files("main.prg", program));

        // The next part lands on a "disk" without space: the operating system's ENOSPC, as on a full one.
        byte[] next = Fixture.bytes(2 * MIB, 11);
        Path part = server.uploads().resolve("blobs")
                .resolve(UploadArea.partName(ALICE, sha256(next)) + ".part");
        Files.createSymbolicLink(part, full);
        Reply refused = putChunk(alice, sha256(next), 0, next.length, Arrays.copyOfRange(next, 0, MIB));
        assertEquals(507, refused.status(), refused.body());
        assertTrue(refused.error().error().contains("disk is full") && refused.error().error().contains("free space"),
                refused.error().error());

        Reply archive = client.get(Api.COMPONENTS + PRESS + "/versions/1/archive", alice).expect(200);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
                new ByteArrayInputStream(archive.bytes())))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null && !entry.getName().equals("files/main.prg")) {
                // skip to the program
            }
            assertArrayEquals(committed.files().get("main.prg"), tar.readAllBytes());
        }
        // With space again the upload goes on.
        Files.deleteIfExists(part);
        putChunk(alice, sha256(next), 0, next.length, next).expect(200);
        assertTrue(server.repository.store().hasBlob(sha256(next)));
    }

    private Backup uploadAndCommit(String runId, Map<String, byte[]> files) throws Exception {
        Backup backup = Backup.of(files);
        UploadPlan plan = client.post(Api.UPLOADS, alice, backup.upload(runId, PRESS_JOB)).expect(200)
                .as(UploadPlan.class);
        Map<String, byte[]> bySha = new HashMap<>();
        files.values().forEach(bytes -> bySha.put(sha256(bytes), bytes));
        for (BlobStatus blob : plan.missing()) {
            byte[] bytes = bySha.get(blob.sha256());
            putChunk(alice, blob.sha256(), 0, bytes.length, bytes).expect(200);
        }
        commit(alice, runId).expect(200);
        return backup;
    }

    private Reply putChunk(String token, String sha, long offset, long size, byte[] chunk) throws Exception {
        return client.put(Api.BLOBS + sha + "?offset=" + offset + "&size=" + size, token,
                BodyPublishers.ofByteArray(chunk), Api.CHUNK_SHA256, sha256(chunk));
    }

    private BlobStatus status(String sha, long size) throws Exception {
        return client.get(Api.BLOBS + sha + "/status?size=" + size, alice).expect(200).as(BlobStatus.class);
    }

    private Reply commit(String token, String runId) throws Exception {
        return client.postText(Api.UPLOADS + "/" + runId + Api.COMMIT_SUFFIX, token, "");
    }

    private static List<Path> filesUnder(Path folder) throws Exception {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }
}
