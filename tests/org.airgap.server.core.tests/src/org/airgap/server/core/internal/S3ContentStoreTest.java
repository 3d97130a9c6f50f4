package org.airgap.server.core.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.airgap.archive.ArchiveFormat;
import org.airgap.archive.SnapshotArchives;
import org.airgap.store.ContentStore;
import org.airgap.store.ContentStores;
import org.airgap.store.ManifestFormat;
import org.airgap.store.Snapshot;
import org.airgap.store.SnapshotWriter;
import org.airgap.store.StoreException;
import org.airgap.store.StoreException.Kind;
import org.airgap.store.s3.S3ContentStores;
import org.airgap.store.s3.S3StoreSettings;
import org.airgap.testing.S3ProxyServer;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The content store in an S3 bucket against a real S3-compatible server (S3Proxy, started once per test JVM
 * by {@link S3ProxyServer}): what the server does with its store — blobs put, moved in from upload parts,
 * found, sized and read back verified; manifests; verify; gc; an archive streamed from it.
 */
class S3ContentStoreTest {

    /** More than one part of a multipart upload (8 MiB each) and a short last one. */
    private static final int LARGE = 20 * 1024 * 1024 + 12_345;

    @TempDir
    Path dir;

    private S3ProxyServer server;
    private String bucket;
    private ContentStore store;

    @BeforeEach
    void open() throws Exception {
        server = S3ProxyServer.shared();
        bucket = server.newBucket();
        server.writeCredentials(dir.resolve("s3.credentials"));
        store = S3ContentStores.open(settings(bucket, dir.resolve("s3.credentials")), dir.resolve("spool"));
    }

    private S3StoreSettings settings(String bucketName, Path credentials) {
        return new S3StoreSettings(URI.create(server.endpoint()), bucketName, S3ProxyServer.REGION, credentials, true);
    }

    @Test
    void blobsArePutOnceFoundSizedAndReadBackVerified() throws Exception {
        String sha256 = store.putBlob(bytes("program v1"));
        assertEquals(ManifestFormat.sha256("program v1".getBytes(StandardCharsets.UTF_8)), sha256);
        assertEquals(sha256, store.putBlob(bytes("program v1")), "the same content, the same blob");
        assertTrue(store.hasBlob(sha256));
        assertEquals(10, store.blobSize(sha256));
        try (InputStream in = store.openBlob(sha256)) {
            assertEquals("program v1", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(List.of(sha256), store.blobIds());

        String absent = ManifestFormat.sha256(new byte[] { 1 });
        assertFalse(store.hasBlob(absent));
        assertEquals(Kind.MISSING_BLOB, assertThrows(StoreException.class, () -> store.openBlob(absent)).kind());
        assertEquals(Kind.MISSING_BLOB, assertThrows(StoreException.class, () -> store.blobSize(absent)).kind());
        assertEquals(List.of(), fileNames(dir.resolve("spool")), "nothing left on the node's disk");
    }

    @Test
    void aLargeBlobGoesUpInPartsAndStreamsBackByteIdentical() throws Exception {
        byte[] content = random(LARGE, 1);
        Path part = Files.write(dir.resolve("upload.part"), content);
        String sha256 = ManifestFormat.sha256(content);
        store.moveBlobIn(part, sha256);

        assertFalse(Files.exists(part), "the part is gone once the blob is stored");
        assertEquals(LARGE, store.blobSize(sha256));
        try (InputStream in = store.openBlob(sha256)) {
            assertArrayEquals(content, in.readAllBytes());
        }
        assertTrue(store.verify(new NullProgressMonitor()).ok());
    }

    @Test
    void contentWhoseBytesDoNotMatchItsHashIsNeverStored() throws Exception {
        for (int size : new int[] { 1000, LARGE }) { // one PUT, and a multipart upload that must not complete
            byte[] content = random(size, 2);
            String claimed = ManifestFormat.sha256(random(size, 3));
            Path part = Files.write(dir.resolve("part-" + size), content);

            StoreException checked = assertThrows(StoreException.class, () -> store.moveBlobIn(part, claimed));
            assertEquals(Kind.INVALID_INPUT, checked.kind());
            // The caller's word for the hash is not taken either: the upload hashes what it sends.
            StoreException hashed = assertThrows(StoreException.class, () -> store.moveHashedBlobIn(part, claimed));
            assertEquals(Kind.INVALID_INPUT, hashed.kind(), hashed.getMessage());
            assertTrue(hashed.getMessage().contains("not " + claimed), hashed.getMessage());

            assertFalse(store.hasBlob(claimed));
            assertTrue(Files.exists(part), "the part is left as it was");
        }
        assertEquals(List.of(), store.blobIds());
    }

    @Test
    void aBlobChangedInTheBucketIsRefusedWhenReadAndNamedByVerify() throws Exception {
        String snapshot = snapshot("program.txt", "program v1");
        String sha256 = ManifestFormat.sha256("program v1".getBytes(StandardCharsets.UTF_8));
        Files.writeString(server.objectFile(bucket, "blobs/" + sha256), "program v2", StandardCharsets.UTF_8);

        StoreException read = assertThrows(StoreException.class, () -> {
            try (InputStream in = store.openBlob(sha256)) {
                in.readAllBytes();
            }
        });
        assertEquals(Kind.CORRUPT_BLOB, read.kind());
        ContentStore.VerifyReport report = store.verify(new NullProgressMonitor());
        assertEquals(1, report.manifests());
        assertEquals(1, report.problems().size(), report.problems().toString());
        assertTrue(report.problems().get(0).contains("corrupt blob s3:/" + bucket + "/blobs/" + sha256),
                report.problems().toString());
        assertTrue(store.hasSnapshot(snapshot));
    }

    @Test
    void manifestsNeedTheirBlobsAndReadBackChecked() throws Exception {
        String id = snapshot("program.txt", "program v1");
        Snapshot read = store.readSnapshot(id);
        assertEquals(List.of("program.txt"), read.manifest().entries().stream().map(e -> e.path()).toList());
        assertEquals(List.of(id), store.snapshotIds());

        String absent = ManifestFormat.sha256(new byte[] { 2 });
        assertFalse(store.hasSnapshot(absent));
        assertEquals(Kind.MISSING_MANIFEST, assertThrows(StoreException.class, () -> store.readSnapshot(absent))
                .kind());
        org.airgap.store.Manifest withoutBlob = new org.airgap.store.Manifest(List.of(org.airgap.store.ManifestEntry
                .file("gone.txt", 1, absent, Instant.EPOCH)));
        assertEquals(Kind.MISSING_BLOB, assertThrows(StoreException.class, () -> store.putManifest(withoutBlob))
                .kind());
        assertEquals(List.of(id), store.snapshotIds(), "a manifest without its blobs is not stored");

        Files.writeString(server.objectFile(bucket, "manifests/" + id + ".json"), "{\"format\":1,\"entries\":[]}",
                StandardCharsets.UTF_8);
        assertEquals(Kind.CORRUPT_MANIFEST, assertThrows(StoreException.class, () -> store.readSnapshot(id)).kind());
    }

    @Test
    void gcRemovesWhatNoManifestNamesAndNothingAWriterOrANewerUploadHolds() throws Exception {
        String kept = snapshot("program.txt", "kept");
        String keptBlob = store.readSnapshot(kept).manifest().blobs().iterator().next();
        String orphan = store.putBlob(bytes("orphan"));
        try (SnapshotWriter writer = store.newSnapshot()) {
            writer.file("open.txt", Instant.EPOCH, bytes("written, not committed"));
            String pending = ManifestFormat.sha256("written, not committed".getBytes(StandardCharsets.UTF_8));

            ContentStore.GcReport report = store.gc(new NullProgressMonitor());
            assertEquals(1, report.blobsRemoved());
            assertEquals(6, report.bytesFreed());
            assertFalse(store.hasBlob(orphan));
            assertTrue(store.hasBlob(keptBlob));
            assertTrue(store.hasBlob(pending), "pinned by the writer");
            assertEquals(-1, store.removeBlob(pending, Instant.now().plusSeconds(3600)), "pinned by the writer");
        }
        // The server's gc: a blob is removed only when it was stored before gc started.
        String late = store.putBlob(bytes("arrived after gc started"));
        assertEquals(-1, store.removeBlob(late, Instant.now().minusSeconds(60)));
        assertTrue(store.hasBlob(late));
        assertEquals(24, store.removeBlob(late, Instant.now().plusSeconds(60)));
        assertFalse(store.hasBlob(late));

        assertTrue(store.removeSnapshot(kept));
        assertFalse(store.removeSnapshot(kept));
        assertEquals(List.of(), store.snapshotIds());
    }

    @Test
    void aSnapshotIsExportedAsAnArchiveStreamedFromTheBucket() throws Exception {
        byte[] large = random(LARGE, 4);
        String id;
        try (SnapshotWriter writer = store.newSnapshot()) {
            writer.directory("program", Instant.EPOCH);
            writer.file("program/main.txt", Instant.EPOCH, bytes("main program"));
            writer.file("program/image.bin", Instant.EPOCH, new ByteArrayInputStream(large));
            id = writer.commit().id();
        }
        Path archive = dir.resolve("download.tar.gz");
        try (OutputStream out = Files.newOutputStream(archive)) {
            SnapshotArchives.exportSnapshot(store, id, out, ArchiveFormat.TAR_GZ, new NullProgressMonitor());
        }
        assertEquals(List.of(), fileNames(dir.resolve("spool")), "streamed: no copy on the node's disk");

        ContentStore local = ContentStores.open(dir.resolve("local"));
        Snapshot imported = SnapshotArchives.importArchive(archive, local, new NullProgressMonitor());
        assertEquals(id, imported.id(), "the same snapshot, byte for byte");
        try (InputStream in = local.openBlob(ManifestFormat.sha256(large))) {
            assertArrayEquals(large, in.readAllBytes());
        }
    }

    @Test
    void aStoreThatCannotBeUsedIsRefusedAtOpenWithoutItsSecret() throws Exception {
        Path wrong = dir.resolve("wrong.credentials");
        S3ProxyServer.writeCredentials(wrong, "AKWRONG", "not-the-secret-1234");
        IOException refused = assertThrows(IOException.class, () -> S3ContentStores.open(settings(bucket, wrong),
                dir.resolve("spool2")));
        assertTrue(refused.getMessage().contains("refused the credentials of " + wrong), refused.getMessage());
        assertFalse(refused.getMessage().contains("not-the-secret-1234"), refused.getMessage());

        IOException noBucket = assertThrows(IOException.class, () -> S3ContentStores.open(settings("no-such-bucket",
                dir.resolve("s3.credentials")), dir.resolve("spool2")));
        assertTrue(noBucket.getMessage().contains("bucket no-such-bucket has no such bucket: create it first"),
                noBucket.getMessage());
        assertFalse(noBucket.getMessage().contains(server.secretAccessKey()), noBucket.getMessage());

        Path incomplete = Files.writeString(dir.resolve("incomplete.credentials"), "accessKeyId = AK\n");
        IOException noSecret = assertThrows(IOException.class, () -> S3ContentStores.open(settings(bucket,
                incomplete), dir.resolve("spool2")));
        assertTrue(noSecret.getMessage().contains("has no secretAccessKey"), noSecret.getMessage());
    }

    private String snapshot(String path, String content) throws IOException {
        try (SnapshotWriter writer = store.newSnapshot()) {
            writer.file(path, Instant.EPOCH, bytes(content));
            return writer.commit().id();
        }
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static List<String> fileNames(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }
}
