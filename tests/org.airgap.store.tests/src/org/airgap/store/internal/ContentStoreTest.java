package org.airgap.store.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.airgap.store.ContentStore;
import org.airgap.store.ContentStore.GcReport;
import org.airgap.store.ContentStore.VerifyReport;
import org.airgap.store.ContentStores;
import org.airgap.store.EntryType;
import org.airgap.store.Manifest;
import org.airgap.store.ManifestEntry;
import org.airgap.store.ManifestFormat;
import org.airgap.store.Snapshot;
import org.airgap.store.SnapshotWriter;
import org.airgap.store.StoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The file-system store: layout, dedup, atomic writes, verification on read, verify and gc. */
class ContentStoreTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:15:30Z");
    private static final String HELLO_SHA256 = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    @TempDir
    Path dir;

    private ContentStore open() throws IOException {
        return ContentStores.open(dir.resolve("store"));
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A small device tree: files in folders, an empty folder, a link. */
    private static Snapshot writeTree(ContentStore store) throws IOException {
        try (SnapshotWriter writer = store.newSnapshot()) {
            writer.directory("plc", T0);
            writer.file("plc/program.bin", T0, bytes("ladder logic v1"));
            try (OutputStream out = writer.file("plc/config.ini", T0.plusSeconds(5))) {
                out.write("[net]\nip=10.0.0.7\n".getBytes(StandardCharsets.UTF_8));
            }
            writer.file("hmi/screens/main.xml", null, bytes("<screen/>"));
            writer.file("hmi/copy-of-program.bin", T0, bytes("ladder logic v1"));
            writer.directory("logs", null);
            writer.symlink("hmi/current", "screens/main.xml");
            return writer.commit();
        }
    }

    private long folderBytes(String folder) throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("store").resolve(folder))) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }

    private List<Path> filesIn(String folder) throws IOException {
        // A finished blob moves out of tmp/ in the background while we look: a file gone meanwhile is not there.
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(dir.resolve("store").resolve(folder), new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile()) {
                    found.add(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        found.sort(null);
        return found;
    }

    @Test
    void openCreatesTheLayout() throws IOException {
        ContentStore store = open();
        for (String folder : List.of("blobs", "manifests", "tmp")) {
            assertTrue(Files.isDirectory(store.root().resolve(folder)), folder);
        }
        assertEquals(List.of(), store.snapshotIds());
    }

    @Test
    void blobIsStoredUnderItsHashAndReadBack() throws IOException {
        ContentStore store = open();
        assertEquals(HELLO_SHA256, store.putBlob(bytes("hello")));
        assertTrue(Files.isRegularFile(store.root().resolve("blobs/2c/" + HELLO_SHA256)));
        assertTrue(store.hasBlob(HELLO_SHA256));
        assertEquals(5, store.blobSize(HELLO_SHA256));
        try (InputStream in = store.openBlob(HELLO_SHA256)) {
            assertEquals("hello", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(List.of(), filesIn("tmp"), "temporary files left after a successful write");
    }

    @Test
    void aFileIsMovedInAsABlobAfterItsHashIsChecked() throws IOException {
        ContentStore store = open();
        Path received = Files.writeString(dir.resolve("received.part"), "hello");
        store.moveBlobIn(received, HELLO_SHA256);
        assertFalse(Files.exists(received), "the file is moved, not copied");
        try (InputStream in = store.openBlob(HELLO_SHA256)) {
            assertEquals("hello", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }

        Path again = Files.writeString(dir.resolve("again.part"), "hello");
        store.moveBlobIn(again, HELLO_SHA256);
        assertFalse(Files.exists(again), "a file of a stored blob is dropped");

        Path damaged = Files.writeString(dir.resolve("damaged.part"), "hellO");
        String otherSha = ManifestFormat.sha256("hello!".getBytes(StandardCharsets.UTF_8));
        StoreException refused = assertThrows(StoreException.class, () -> store.moveBlobIn(damaged, otherSha));
        assertEquals(StoreException.Kind.INVALID_INPUT, refused.kind());
        assertTrue(Files.exists(damaged), "a refused file stays where it was");
        assertFalse(store.hasBlob(otherSha));
        assertFalse(store.hasBlob(ManifestFormat.sha256("hellO".getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void aFileItsWriterHashedIsMovedInUnderThatHash() throws IOException {
        ContentStore store = open();
        Path received = Files.writeString(dir.resolve("received.part"), "hello");
        store.moveHashedBlobIn(received, HELLO_SHA256);
        assertFalse(Files.exists(received), "the file is moved, not copied");
        assertEquals(5, store.blobSize(HELLO_SHA256));
        try (InputStream in = store.openBlob(HELLO_SHA256)) {
            assertEquals("hello", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }

        Path again = Files.writeString(dir.resolve("again.part"), "hello");
        store.moveHashedBlobIn(again, HELLO_SHA256);
        assertFalse(Files.exists(again), "a file of a stored blob is dropped");
        assertThrows(StoreException.class, () -> store.moveHashedBlobIn(again, "not-a-hash"));
    }

    @Test
    void snapshotRoundTripsWithAllEntryTypes() throws IOException {
        ContentStore store = open();
        Snapshot written = writeTree(store);
        assertEquals(List.of(written.id()), store.snapshotIds());
        Snapshot read = store.readSnapshot(written.id());
        assertEquals(written, read);
        Manifest manifest = read.manifest();
        assertEquals(List.of("hmi/copy-of-program.bin", "hmi/current", "hmi/screens/main.xml", "logs", "plc",
                "plc/config.ini", "plc/program.bin"), manifest.entries().stream().map(ManifestEntry::path).toList());
        ManifestEntry config = manifest.entry("plc/config.ini").orElseThrow();
        assertEquals(18, config.size());
        assertEquals(T0.plusSeconds(5), config.modified());
        assertEquals(EntryType.SYMLINK, manifest.entry("hmi/current").orElseThrow().type());
        assertEquals("screens/main.xml", manifest.entry("hmi/current").orElseThrow().linkTarget());
        try (InputStream in = store.openBlob(config.sha256())) {
            assertEquals("[net]\nip=10.0.0.7\n", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(3, manifest.blobs().size(), "two of the four files share one content");
        assertEquals(List.of(), filesIn("tmp"));
    }

    @Test
    void storingTheSameTreeTwiceAddsNoBytesAndRewritesNothing() throws IOException {
        ContentStore store = open();
        Snapshot first = writeTree(store);
        long blobBytes = folderBytes("blobs");
        List<Path> files = filesIn("blobs");
        assertEquals(3, files.size());
        FileTime old = FileTime.from(T0);
        for (Path file : files) {
            Files.setLastModifiedTime(file, old);
        }
        Snapshot second = writeTree(store);
        assertEquals(first.id(), second.id(), "same content, same snapshot id");
        assertEquals(blobBytes, folderBytes("blobs"));
        assertEquals(files, filesIn("blobs"));
        assertEquals(1, filesIn("manifests").size());
        for (Path file : files) {
            assertEquals(old, Files.getLastModifiedTime(file), "blob rewritten: " + file);
        }
    }

    @Test
    void manifestIsCanonicalJsonNamedByItsHash() throws IOException {
        ContentStore store = open();
        String sha256 = store.putBlob(bytes("hello"));
        Snapshot snapshot = store.putManifest(new Manifest(List.of(ManifestEntry.symlink("z<&>", "a/b"),
                ManifestEntry.file("a \"quoted\" ü.txt", 5, sha256, T0), ManifestEntry.directory("d", null))));
        Path file = store.root().resolve("manifests/" + snapshot.id() + ".json");
        String json = Files.readString(file);
        assertEquals("{\"formatVersion\":1,\"entries\":["
                + "{\"path\":\"a \\\"quoted\\\" ü.txt\",\"type\":\"file\",\"size\":5,\"sha256\":\"" + sha256
                + "\",\"modified\":\"2026-03-01T10:15:30Z\"},"
                + "{\"path\":\"d\",\"type\":\"directory\",\"size\":0},"
                + "{\"path\":\"z<&>\",\"type\":\"symlink\",\"size\":0,\"target\":\"a/b\"}]}\n", json);
        assertEquals(ManifestFormat.sha256(Files.readAllBytes(file)), snapshot.id());
        assertEquals(snapshot.id(), ManifestFormat.snapshotId(snapshot.manifest()));
    }

    /** A blob of a written tree with one bit flipped on disk: its name, its file and the bytes now stored. */
    private record DamagedBlob(String sha256, Path file, byte[] content) {
    }

    private static DamagedBlob damageOneBlob(ContentStore store, Snapshot snapshot) throws IOException {
        String sha256 = snapshot.manifest().entry("plc/config.ini").orElseThrow().sha256();
        Path blob = store.root().resolve("blobs/" + sha256.substring(0, 2) + "/" + sha256);
        byte[] content = Files.readAllBytes(blob);
        content[3] ^= 1;
        Files.write(blob, content);
        return new DamagedBlob(sha256, blob, content);
    }

    @Test
    void corruptBlobIsDetectedOnReadAndByVerify() throws IOException {
        ContentStore store = open();
        DamagedBlob damaged = damageOneBlob(store, writeTree(store));
        String sha256 = damaged.sha256();
        Path blob = damaged.file();

        StoreException e;
        try (InputStream in = store.openBlob(sha256)) {
            e = assertThrows(StoreException.class, in::readAllBytes);
        }
        assertEquals(StoreException.Kind.CORRUPT_BLOB, e.kind());
        assertEquals(blob, e.file());
        assertTrue(e.getMessage().contains(blob.toString()), e.getMessage());

        VerifyReport report = store.verify(new NullProgressMonitor());
        assertFalse(report.ok());
        assertEquals(1, report.problems().size(), report.problems().toString());
        assertTrue(report.problems().get(0).contains("corrupt blob " + blob), report.problems().toString());
    }

    @Test
    void anUncheckedReadGivesTheBytesAsStoredForAReceiverThatVerifies() throws IOException {
        ContentStore store = open();
        DamagedBlob damaged = damageOneBlob(store, writeTree(store));

        try (InputStream in = store.openBlobUnchecked(damaged.sha256())) {
            assertArrayEquals(damaged.content(), in.readAllBytes(), "no verdict: the receiver hashes");
        }
        String missing = "0".repeat(64);
        StoreException e = assertThrows(StoreException.class, () -> store.openBlobUnchecked(missing));
        assertEquals(StoreException.Kind.MISSING_BLOB, e.kind());
    }

    @Test
    void verifyOfAHealthyStoreFindsNothing() throws IOException {
        ContentStore store = open();
        writeTree(store);
        VerifyReport report = store.verify(new NullProgressMonitor());
        assertTrue(report.ok(), report.problems().toString());
        assertEquals(1, report.manifests());
        assertEquals(3, report.blobs());
    }

    @Test
    void truncatedManifestIsCorrupt() throws IOException {
        ContentStore store = open();
        Snapshot snapshot = writeTree(store);
        Path file = store.root().resolve("manifests/" + snapshot.id() + ".json");
        byte[] json = Files.readAllBytes(file);
        Files.write(file, java.util.Arrays.copyOf(json, json.length / 2));

        StoreException e = assertThrows(StoreException.class, () -> store.readSnapshot(snapshot.id()));
        assertEquals(StoreException.Kind.CORRUPT_MANIFEST, e.kind());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        VerifyReport report = store.verify(new NullProgressMonitor());
        assertEquals(1, report.problems().size(), report.problems().toString());
        assertTrue(report.problems().get(0).contains(file.toString()), report.problems().toString());
        StoreException gcRefused = assertThrows(StoreException.class, () -> store.gc(new NullProgressMonitor()));
        assertTrue(gcRefused.getMessage().startsWith("gc removed nothing"), gcRefused.getMessage());
        assertEquals(3, filesIn("blobs").size());
    }

    @Test
    void manifestWhoseContentDoesNotMatchItsNameIsCorrupt() throws IOException {
        ContentStore store = open();
        Snapshot snapshot = writeTree(store);
        Path file = store.root().resolve("manifests/" + snapshot.id() + ".json");
        // Valid JSON, valid entries, but not the bytes the id was computed from.
        Files.writeString(file, Files.readString(file).replace("\"size\":18", "\"size\":19"));
        StoreException e = assertThrows(StoreException.class, () -> store.readSnapshot(snapshot.id()));
        assertEquals(StoreException.Kind.CORRUPT_MANIFEST, e.kind());
        assertTrue(e.getMessage().contains(file.toString()) && e.getMessage().contains("hashes to"), e.getMessage());
    }

    @Test
    void verifyReportsABlobMissingForAManifest() throws IOException {
        ContentStore store = open();
        Snapshot snapshot = writeTree(store);
        String sha256 = snapshot.manifest().entry("hmi/screens/main.xml").orElseThrow().sha256();
        Path blob = store.root().resolve("blobs/" + sha256.substring(0, 2) + "/" + sha256);
        Files.delete(blob);

        VerifyReport report = store.verify(new NullProgressMonitor());
        assertEquals(List.of("missing blob " + blob + ", referenced by manifest "
                + store.root().resolve("manifests/" + snapshot.id() + ".json") + " for 'hmi/screens/main.xml'"),
                report.problems());
        StoreException e = assertThrows(StoreException.class, () -> store.openBlob(sha256));
        assertEquals(StoreException.Kind.MISSING_BLOB, e.kind());
    }

    @Test
    void manifestOfANewerFormatIsRefusedNamingBothVersions() throws IOException {
        ContentStore store = open();
        byte[] json = "{\"formatVersion\":2,\"entries\":[],\"chunks\":[]}\n".getBytes(StandardCharsets.UTF_8);
        String id = ManifestFormat.sha256(json);
        Path file = store.root().resolve("manifests/" + id + ".json");
        Files.write(file, json);

        StoreException e = assertThrows(StoreException.class, () -> store.readSnapshot(id));
        assertEquals(StoreException.Kind.UNSUPPORTED_FORMAT, e.kind());
        assertTrue(e.getMessage().contains("format version 2") && e.getMessage().contains("format version 1")
                && e.getMessage().contains(file.toString()), e.getMessage());
    }

    @Test
    void manifestNeedsItsBlobsInTheStore() throws IOException {
        ContentStore store = open();
        Manifest manifest = new Manifest(List.of(ManifestEntry.file("a", 5, HELLO_SHA256, null)));
        StoreException e = assertThrows(StoreException.class, () -> store.putManifest(manifest));
        assertEquals(StoreException.Kind.MISSING_BLOB, e.kind());
        assertTrue(e.getMessage().contains("'a'"), e.getMessage());
        assertEquals(List.of(), store.snapshotIds());
    }

    @Test
    void gcRemovesOnlyUnreferencedBlobsAndStaleTemporaryFiles() throws IOException {
        ContentStore store = open();
        Snapshot tree = writeTree(store);
        String orphan = store.putBlob(bytes("left over from an aborted import"));
        Snapshot other;
        try (SnapshotWriter writer = store.newSnapshot()) {
            writer.file("robot/job.mod", T0, bytes("MODULE main"));
            other = writer.commit();
        }
        try (SnapshotWriter writer = store.newSnapshot()) {
            writer.file("never/committed.bin", T0, bytes("cancelled backup"));
        }
        Path stale = Files.writeString(store.root().resolve("tmp/blob-crashed.tmp"), "partial");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minusSeconds(2 * 3600)));
        Path fresh = Files.writeString(store.root().resolve("tmp/blob-other-process.tmp"), "in progress");

        GcReport report = store.gc(new NullProgressMonitor());
        assertEquals(2, report.blobsRemoved(), "the orphan and the uncommitted file");
        assertEquals("left over from an aborted import".length() + "cancelled backup".length(), report.bytesFreed());
        assertEquals(1, report.temporaryFilesRemoved());
        assertFalse(Files.exists(stale));
        assertTrue(Files.exists(fresh), "a recent temporary file may belong to another process");
        assertFalse(store.hasBlob(orphan));
        for (Snapshot snapshot : List.of(tree, other)) {
            for (String sha256 : store.readSnapshot(snapshot.id()).manifest().blobs()) {
                try (InputStream in = store.openBlob(sha256)) {
                    in.readAllBytes();
                }
            }
        }
        assertTrue(store.verify(new NullProgressMonitor()).ok());
        assertEquals(0, store.gc(new NullProgressMonitor()).blobsRemoved());
    }

    @Test
    void gcKeepsTheBlobsOfAWriterNotYetCommitted() throws IOException {
        ContentStore store = open();
        try (SnapshotWriter writer = store.newSnapshot()) {
            writer.file("a.bin", T0, bytes("written before gc"));
            assertEquals(0, store.gc(new NullProgressMonitor()).blobsRemoved());
            Snapshot snapshot = writer.commit();
            assertTrue(store.hasSnapshot(snapshot.id()));
        }
    }

    @Test
    void invalidPathsAreRejectedNamingThem() throws IOException {
        ContentStore store = open();
        try (SnapshotWriter writer = store.newSnapshot()) {
            for (String path : List.of("../etc/passwd", "/etc/passwd", "a\\b", "a//b", "a/./b", "a/", "", "a/../../b")) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> writer.file(path, T0, bytes("x")), path);
                assertTrue(e.getMessage().contains("'" + path + "'"), e.getMessage());
                assertThrows(IllegalArgumentException.class, () -> writer.directory(path, T0), path);
                assertThrows(IllegalArgumentException.class, () -> writer.symlink(path, "x"), path);
            }
            assertEquals(0, writer.bytesWritten());
        }
        assertEquals(List.of(), filesIn("tmp"));
        assertEquals(List.of(), filesIn("blobs"));
    }

    @Test
    void duplicateAndConflictingPathsAreRejectedNamingThem() throws IOException {
        ContentStore store = open();
        try (SnapshotWriter writer = store.newSnapshot()) {
            writer.file("plc/program.bin", T0, bytes("one"));
            IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                    () -> writer.file("plc/program.bin", T0, bytes("two")));
            assertTrue(twice.getMessage().contains("twice") && twice.getMessage().contains("'plc/program.bin'"),
                    twice.getMessage());
            assertThrows(IllegalArgumentException.class, () -> writer.directory("plc/program.bin", T0));
            IllegalArgumentException below = assertThrows(IllegalArgumentException.class,
                    () -> writer.file("plc/program.bin/x", T0, bytes("x")));
            assertTrue(below.getMessage().contains("'plc/program.bin' is a file"), below.getMessage());
            IllegalArgumentException over = assertThrows(IllegalArgumentException.class,
                    () -> writer.symlink("plc", "elsewhere"));
            assertTrue(over.getMessage().contains("'plc'"), over.getMessage());
            writer.directory("plc", T0); // an explicit folder over implicit ones is fine
            assertEquals(3, writer.bytesWritten());
            assertEquals(2, writer.commit().manifest().entries().size());
        }
    }

    @Test
    void closeWithoutCommitLeavesNoSnapshotAndNoTemporaryFile() throws IOException {
        ContentStore store = open();
        SnapshotWriter writer = store.newSnapshot();
        writer.file("done.bin", T0, bytes("complete"));
        OutputStream open = writer.file("half.bin", T0);
        open.write(new byte[3 * 1024 * 1024]); // past the in-memory limit: streams to a temporary file
        assertFalse(filesIn("tmp").isEmpty());
        writer.close();
        assertEquals(List.of(), filesIn("tmp"));
        assertEquals(List.of(), store.snapshotIds());
        assertThrows(IOException.class, open::close, "a file of a discarded snapshot cannot complete");
        assertThrows(IllegalStateException.class, writer::commit);
    }

    @Test
    void aSourceThatFailsLeavesNoEntryAndNoTemporaryFile() throws IOException {
        ContentStore store = open();
        try (SnapshotWriter writer = store.newSnapshot()) {
            InputStream broken = new InputStream() {
                private int left = 100_000;

                @Override
                public int read() throws IOException {
                    if (left-- <= 0) { // stays broken: InputStream.read(byte[]) swallows a first failure
                        throw new IOException("connection to the PLC lost");
                    }
                    return 7;
                }
            };
            IOException e = assertThrows(IOException.class, () -> writer.file("plc/dump.bin", T0, broken));
            assertEquals("connection to the PLC lost", e.getMessage());
            assertEquals(List.of(), filesIn("tmp"));
            writer.file("plc/dump.bin", T0, bytes("second attempt")); // the path was not taken
            assertEquals(1, writer.commit().manifest().entries().size());
        }
    }

    @Test
    void diskFullWhileWritingABlobLeavesNothingPartialAndKeepsEarlierData() throws IOException {
        Snapshot before = writeTree(open());
        ContentStore store = FileContentStore.open(dir.resolve("store"), FaultyDisk.fullAfter(4096, "blob-"));
        StoreException e;
        try (SnapshotWriter writer = store.newSnapshot()) {
            writer.file("small.txt", T0, bytes("fits"));
            e = assertThrows(StoreException.class, () -> writer.file("plc/big.bin", T0,
                    new ByteArrayInputStream(new byte[1024 * 1024])));
        }
        assertEquals(StoreException.Kind.NO_SPACE, e.kind());
        assertTrue(e.file().startsWith(dir.resolve("store/tmp")), String.valueOf(e.file()));
        assertTrue(e.getMessage().contains(e.file().toString()) && e.getMessage().contains("'plc/big.bin'")
                && e.getMessage().contains("No space left on device"), e.getMessage());
        assertNothingPartialAndEarlierDataKept(store, before);
    }

    @Test
    void diskFullWhileWritingAManifestLeavesNoManifest() throws IOException {
        Snapshot before = writeTree(open());
        ContentStore store = FileContentStore.open(dir.resolve("store"), FaultyDisk.fullAfter(10, "manifest-"));
        StoreException e;
        try (SnapshotWriter writer = store.newSnapshot()) {
            writer.file("new.txt", T0, bytes("new content"));
            e = assertThrows(StoreException.class, writer::commit);
        }
        assertEquals(StoreException.Kind.NO_SPACE, e.kind());
        assertTrue(e.getMessage().contains(e.file().toString()), e.getMessage());
        assertNothingPartialAndEarlierDataKept(store, before);
    }

    /** After a failed write: no temporary file, no partial blob, and the earlier snapshot intact. */
    private void assertNothingPartialAndEarlierDataKept(ContentStore store, Snapshot before) throws IOException {
        assertEquals(List.of(), filesIn("tmp"), "partial temporary file left");
        for (Path blob : filesIn("blobs")) {
            assertEquals(blob.getFileName().toString(), ManifestFormat.sha256(Files.readAllBytes(blob)),
                    "partial blob under a final name");
        }
        assertEquals(List.of(before.id()), store.snapshotIds());
        assertEquals(before, store.readSnapshot(before.id()));
        assertTrue(store.verify(new NullProgressMonitor()).ok());
    }

    @Test
    void cancelledVerifyAndGcStop() throws IOException {
        ContentStore store = open();
        writeTree(store);
        NullProgressMonitor cancelled = new NullProgressMonitor();
        cancelled.setCanceled(true);
        assertThrows(OperationCanceledException.class, () -> store.verify(cancelled));
        assertThrows(OperationCanceledException.class, () -> store.gc(cancelled));
        assertEquals(3, filesIn("blobs").size());
    }

    @Test
    void blobReadsAreByteExactForEveryReadMethod() throws IOException {
        ContentStore store = open();
        byte[] content = new byte[300_000];
        new java.util.Random(1).nextBytes(content);
        String sha256 = store.putBlob(new ByteArrayInputStream(content));
        try (InputStream in = store.openBlob(sha256)) {
            byte[] read = new byte[content.length];
            read[0] = (byte) in.read();
            assertEquals(1000, in.skip(1000));
            int n = in.readNBytes(read, 1001, content.length - 1001);
            assertEquals(content.length - 1001, n);
            assertEquals(-1, in.read());
            System.arraycopy(content, 1, read, 1, 1000);
            assertArrayEquals(content, read);
        }
    }
}
