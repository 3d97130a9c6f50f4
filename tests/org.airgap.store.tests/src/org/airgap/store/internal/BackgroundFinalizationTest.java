package org.airgap.store.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.airgap.store.ContentStore;
import org.airgap.store.ManifestEntry;
import org.airgap.store.ManifestFormat;
import org.airgap.store.Snapshot;
import org.airgap.store.SnapshotWriter;
import org.airgap.store.StoreException;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blobs are synced and renamed on background threads: commit, close and putBlob wait for them, a
 * background failure fails the commit, content the store holds is not written again, and content on
 * either side of the in-memory limit is stored exactly.
 */
class BackgroundFinalizationTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:15:30Z");

    @TempDir
    Path dir;

    private Path storeRoot() {
        return dir.resolve("store");
    }

    private List<Path> filesIn(String folder) throws IOException {
        try (Stream<Path> files = Files.walk(storeRoot().resolve(folder))) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(String text) {
        return ManifestFormat.sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void commitWaitsUntilItsBlobsAreSyncedAndRenamed() throws Exception {
        CountDownLatch syncing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        FileContentStore store = FileContentStore.open(storeRoot(), FaultyDisk.beforeEachSync(file -> {
            syncing.countDown();
            await(release);
        }));
        try (SnapshotWriter writer = store.newSnapshot()) {
            writer.file("plc/program.bin", T0, bytes("ladder logic v2"));
            assertTrue(syncing.await(10, TimeUnit.SECONDS), "the blob never reached its sync");
            assertFalse(store.hasBlob(sha256("ladder logic v2")), "renamed before its sync");

            CompletableFuture<Snapshot> commit = CompletableFuture.supplyAsync(() -> {
                try {
                    return writer.commit();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            assertThrows(TimeoutException.class, () -> commit.get(300, TimeUnit.MILLISECONDS),
                    "commit returned while its blob was not yet synced");
            assertEquals(List.of(), store.snapshotIds(), "manifest written before its blob");

            release.countDown();
            Snapshot snapshot = commit.get(10, TimeUnit.SECONDS);
            assertTrue(store.hasBlob(sha256("ladder logic v2")));
            assertEquals(List.of(snapshot.id()), store.snapshotIds());
        }
        assertEquals(List.of(), filesIn("tmp"));
    }

    @Test
    void aFailedBackgroundSyncFailsTheCommitNamingTheFileAndLeavesNothingPartial() throws IOException {
        FileContentStore store = FileContentStore.open(storeRoot(), FaultyDisk.beforeEachSync(file -> {
            throw new IOException("Input/output error");
        }));
        StoreException e;
        try (SnapshotWriter writer = store.newSnapshot()) {
            writer.file("plc/program.bin", T0, bytes("never durable")); // fails later, in the background
            e = assertThrows(StoreException.class, writer::commit);
            StoreException later = assertThrows(StoreException.class, () -> writer.file("plc/other.bin", T0, bytes("x")),
                    "a writer whose blob failed must not go on copying");
            assertSame(e, later);
        }
        assertEquals(StoreException.Kind.NO_SPACE, e.kind());
        assertTrue(e.file().startsWith(storeRoot().resolve("tmp")), String.valueOf(e.file()));
        assertTrue(e.getMessage().contains("'plc/program.bin'") && e.getMessage().contains(e.file().toString())
                && e.getMessage().contains("Input/output error"), e.getMessage());
        assertEquals(List.of(), filesIn("tmp"), "temporary file left");
        assertEquals(List.of(), filesIn("blobs"), "blob stored although its sync failed");
        assertEquals(List.of(), store.snapshotIds());
        assertTrue(store.verify(new NullProgressMonitor()).ok());
    }

    @Test
    void putBlobAndCloseWaitForTheBackgroundSync() throws IOException {
        FileContentStore store = FileContentStore.open(storeRoot(), slowSync());
        String sha256 = store.putBlob(bytes("stored by an import"));
        assertTrue(store.hasBlob(sha256), "putBlob returned before its blob was renamed");

        SnapshotWriter writer = store.newSnapshot();
        writer.file("a.bin", T0, bytes("of a cancelled backup"));
        writer.close();
        assertEquals(List.of(), filesIn("tmp"), "close returned while a temporary file was still being synced");
        assertTrue(store.hasBlob(sha256("of a cancelled backup")), "stored blobs stay until gc");
    }

    @Test
    void storingTheSameSmallFilesAgainWritesNoTemporaryFile() throws IOException {
        AtomicInteger blobFilesWritten = new AtomicInteger();
        FileContentStore store = FileContentStore.open(storeRoot(), (file, out) -> {
            if (file.getFileName().toString().startsWith("blob-")) {
                blobFilesWritten.incrementAndGet();
            }
            return out;
        });
        Snapshot first = writeSmallTree(store);
        assertEquals(20, blobFilesWritten.get());
        Path tmp = storeRoot().resolve("tmp");
        FileTime old = FileTime.from(T0);
        Files.setLastModifiedTime(tmp, old);
        for (Path blob : filesIn("blobs")) {
            Files.setLastModifiedTime(blob, old);
        }

        Snapshot second = writeSmallTree(store);
        assertEquals(first.id(), second.id());
        assertEquals(20, blobFilesWritten.get(), "content already stored was written again");
        assertEquals(old, Files.getLastModifiedTime(tmp), "a file was created or deleted in tmp/");
        for (Path blob : filesIn("blobs")) {
            assertEquals(old, Files.getLastModifiedTime(blob), "blob rewritten: " + blob);
        }
    }

    private static Snapshot writeSmallTree(ContentStore store) throws IOException {
        try (SnapshotWriter writer = store.newSnapshot()) {
            for (int i = 0; i < 20; i++) {
                writer.file("cfg/file" + i + ".ini", T0, bytes("setting=" + i));
            }
            return writer.commit();
        }
    }

    @Test
    void contentAroundTheInMemoryLimitIsStoredExactlyThroughBothWriteMethods() throws IOException {
        FileContentStore store = FileContentStore.open(storeRoot(), FileContentStore.WriteHook.NONE);
        int limit = BlobSink.SMALL_LIMIT;
        int[] sizes = { 0, 1, limit - 1, limit, limit + 1, 2 * limit + 12345 };
        Random random = new Random(7);
        try (SnapshotWriter writer = store.newSnapshot()) {
            for (int size : sizes) {
                byte[] content = new byte[size];
                random.nextBytes(content);
                String expected = ManifestFormat.sha256(content);

                ManifestEntry streamed = writer.file("in/" + size + ".bin", T0, new ByteArrayInputStream(content));
                try (OutputStream out = writer.file("out/" + size + ".bin", T0)) {
                    // uneven pieces, so that the in-memory limit falls inside a write
                    for (int off = 0; off < size;) {
                        int n = Math.min(size - off, 1 + random.nextInt(300_000));
                        out.write(content, off, n);
                        off += n;
                    }
                }
                assertEquals(expected, streamed.sha256(), "size " + size);
                assertEquals(size, streamed.size());
            }
            Snapshot snapshot = writer.commit();
            for (ManifestEntry entry : snapshot.manifest().entries()) {
                String name = entry.path().substring(entry.path().indexOf('/') + 1);
                int size = Integer.parseInt(name.substring(0, name.length() - ".bin".length()));
                assertEquals(size, entry.size(), entry.path());
                try (InputStream in = store.openBlob(entry.sha256())) {
                    assertEquals(size, in.readAllBytes().length, entry.path()); // the stream checks the hash
                }
            }
            assertEquals(sizes.length, snapshot.manifest().blobs().size(), "both methods store the same blobs");
        }
        assertEquals(List.of(), filesIn("tmp"));
        assertTrue(store.verify(new NullProgressMonitor()).ok());
    }

    @Test
    void largeContentStoredAgainAddsNothingAndLeavesNoTemporaryFile() throws IOException {
        FileContentStore store = FileContentStore.open(storeRoot(), FileContentStore.WriteHook.NONE);
        byte[] image = new byte[3 * BlobSink.SMALL_LIMIT + 17];
        new Random(3).nextBytes(image);
        String first;
        try (SnapshotWriter writer = store.newSnapshot()) {
            first = writer.file("drive/image.bin", T0, new ByteArrayInputStream(image)).sha256();
            writer.commit();
        }
        Path blob = store.blobFile(first);
        Files.setLastModifiedTime(blob, FileTime.from(T0));
        try (SnapshotWriter writer = store.newSnapshot()) {
            assertEquals(first, writer.file("again/image.bin", T0, new ByteArrayInputStream(image)).sha256());
            writer.commit();
        }
        assertEquals(List.of(blob), filesIn("blobs"));
        assertEquals(FileTime.from(T0), Files.getLastModifiedTime(blob), "blob rewritten");
        assertEquals(List.of(), filesIn("tmp"));
        try (InputStream in = store.openBlob(first)) {
            assertArrayEquals(image, in.readAllBytes());
        }
    }

    @Test
    void diskFullWhileWritingALargeFileInTheBackgroundFailsThatFile() throws IOException {
        long limit = 2L * BlobSink.SMALL_LIMIT + 5;
        FileContentStore store = FileContentStore.open(storeRoot(), FaultyDisk.fullAfter(limit, ""));
        byte[] image = new byte[6 * BlobSink.SMALL_LIMIT];
        StoreException e;
        try (SnapshotWriter writer = store.newSnapshot()) {
            e = assertThrows(StoreException.class,
                    () -> writer.file("drive/image.bin", T0, new ByteArrayInputStream(image)));
            for (Path file : filesIn("tmp")) { // only empty files the writer created ahead may be there
                assertEquals(0, Files.size(file), "partial temporary file left: " + file);
            }
            writer.file("drive/small.txt", T0, bytes("still fits")); // the path failed, not the writer
            assertEquals(1, writer.commit().manifest().entries().size());
        }
        assertEquals(StoreException.Kind.NO_SPACE, e.kind());
        assertTrue(e.getMessage().contains("'drive/image.bin'") && e.getMessage().contains(e.file().toString())
                && e.getMessage().contains("No space left on device"), e.getMessage());
        assertFalse(store.hasBlob(ManifestFormat.sha256(image)));
        assertEquals(List.of(), filesIn("tmp"));
    }

    /** Delays every blob sync, so that anything that does not wait for it sees the blob unfinished. */
    private static FileContentStore.WriteHook slowSync() {
        return FaultyDisk.beforeEachSync(file -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException(e);
            }
        });
    }

    private static void await(CountDownLatch latch) throws IOException {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IOException("test latch not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
