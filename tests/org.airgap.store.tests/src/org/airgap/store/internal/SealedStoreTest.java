package org.airgap.store.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.airgap.store.ContentStore;
import org.airgap.store.ContentStore.VerifyReport;
import org.airgap.store.ContentStores;
import org.airgap.store.ManifestFormat;
import org.airgap.store.Snapshot;
import org.airgap.store.SnapshotWriter;
import org.airgap.store.StoreException;
import org.airgap.store.StoreException.Kind;
import org.airgap.store.StoreKeys;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sealed store: encrypted content under HMAC names, chunks bound to their file and place, verify with and without the key. */
class SealedStoreTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:15:30Z");
    private static final String MARKER = "MARKER-5f1c-device-secret";

    @TempDir
    Path dir;

    private final byte[] dataKey = key(1);
    private final StoreKeys keys = StoreKeys.locked();

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        new Random(seed).nextBytes(key);
        return key;
    }

    private ContentStore open() throws IOException {
        keys.unlock(dataKey);
        return ContentStores.open(dir.resolve("store"), keys);
    }

    private static byte[] random(int size, int seed) {
        byte[] content = new byte[size];
        new Random(seed).nextBytes(content);
        return content;
    }

    private static byte[] markerContent(int size) {
        byte[] content = random(size, 7);
        byte[] marker = MARKER.getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at + marker.length < size; at += 100_000) {
            System.arraycopy(marker, 0, content, at, marker.length);
        }
        return content;
    }

    private Snapshot writeTree(ContentStore store, byte[] large) throws IOException {
        try (SnapshotWriter writer = store.newSnapshot()) {
            writer.file("plc/program.bin", T0, new ByteArrayInputStream(MARKER.getBytes(StandardCharsets.UTF_8)));
            writer.file("plc/large.bin", T0, new ByteArrayInputStream(large));
            writer.file("plc/empty.bin", T0, new ByteArrayInputStream(new byte[0]));
            writer.file("plc/two-chunks.bin", T0, new ByteArrayInputStream(random(2 * SealedFormat.CHUNK, 3)));
            return writer.commit();
        }
    }

    private List<Path> storedFiles() throws IOException {
        try (Stream<Path> files = Files.walk(dir.resolve("store"))) {
            return files.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static byte[] read(ContentStore store, String sha256) throws IOException {
        try (InputStream in = store.openBlob(sha256)) {
            return in.readAllBytes();
        }
    }

    @Test
    void contentRoundTripsAndNoFileShowsItsContentOrHash() throws IOException {
        ContentStore store = open();
        byte[] large = markerContent(3 * 1024 * 1024 + 17);
        Snapshot snapshot = writeTree(store, large);
        String largeSha = snapshot.manifest().entries().stream().filter(e -> e.path().equals("plc/large.bin"))
                .findFirst().orElseThrow().sha256();

        assertArrayEquals(large, read(store, largeSha));
        assertEquals(large.length, store.blobSize(largeSha));
        assertEquals(snapshot.manifest(), store.readSnapshot(snapshot.id()).manifest());
        assertEquals(List.of(snapshot.id()), store.snapshotIds());
        for (Path file : storedFiles()) {
            String name = file.getFileName().toString();
            assertFalse(name.contains(largeSha) || name.contains(snapshot.id()), file.toString());
            String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
            assertFalse(content.contains(MARKER), file + " holds the marker");
            assertFalse(content.contains("plc/large.bin"), file + " holds a path");
            assertFalse(content.contains(largeSha), file + " holds a hash");
        }
        assertTrue(store.verify(new NullProgressMonitor()).ok());
    }

    @Test
    void sealedSizesMatchTheFormula() throws IOException {
        for (int size : new int[] { 0, 1, SealedFormat.CHUNK - 1, SealedFormat.CHUNK, SealedFormat.CHUNK + 1,
                3 * SealedFormat.CHUNK }) {
            byte[] sealed = sealed(random(size, size), dataKey);
            assertEquals(SealedFormat.sealedSize(size), sealed.length, "size " + size);
            assertEquals(size, SealedFormat.plainSize(sealed.length), "size " + size);
        }
    }

    private static byte[] sealed(byte[] plain, byte[] dataKey) throws IOException {
        StoreKeys keys = StoreKeys.locked();
        keys.unlock(dataKey);
        return keys.seal(plain, "");
    }

    private static byte[] opened(byte[] sealed, byte[] dataKey, String context) throws IOException {
        StoreKeys keys = StoreKeys.locked();
        keys.unlock(dataKey);
        return keys.open(sealed, context, Path.of("f"), Kind.CORRUPT_BLOB);
    }

    /**
     * The first chunks of a VM are encrypted in small updates, to get the JIT going (SealingOutputStream);
     * a file sealed that way, one sealed in whole chunks, and one written in odd pieces (through the chunk
     * buffer rather than from the caller's array) are the same bytes under the same file id, and open.
     */
    @Test
    void sealingInPiecesOrFromTheCallersArrayWritesTheSameBytes() throws IOException {
        javax.crypto.Mac contentMac = SealedFormat.keyedHmac(key(4));
        try (OutputStream drain = new SealingOutputStream(OutputStream.nullOutputStream(), contentMac, new byte[0])) {
            drain.write(new byte[(SealingOutputStream.WARM_UP_CHUNKS + 1) * SealedFormat.CHUNK]);
        } // the warm-up is used up: from here on only alwaysInPieces encrypts in pieces
        byte[] fileId = random(SealedFormat.FILE_ID, 11);
        for (int size : new int[] { 0, 700, SealedFormat.CHUNK, 3 * SealedFormat.CHUNK + 700 }) {
            byte[] plain = random(size, size);
            byte[] inPieces = sealedWith(contentMac, fileId, true, plain, plain.length + 1);
            byte[] whole = sealedWith(contentMac, fileId, false, plain, plain.length + 1);
            byte[] oddWrites = sealedWith(contentMac, fileId, false, plain, 1000);
            assertArrayEquals(whole, inPieces, "size " + size);
            assertArrayEquals(whole, oddWrites, "size " + size);
            assertEquals(SealedFormat.sealedSize(size), whole.length);
            try (InputStream in = new OpeningInputStream(new ByteArrayInputStream(whole), contentMac, new byte[0],
                    Path.of("f"), Kind.CORRUPT_BLOB)) {
                assertArrayEquals(plain, in.readAllBytes(), "size " + size);
            }
        }
    }

    private static byte[] sealedWith(javax.crypto.Mac contentMac, byte[] fileId, boolean inPieces, byte[] plain,
            int writeSize) throws IOException {
        // This test seals under one file id again and again, on purpose; the thread's cipher refuses the same
        // key and nonce twice in a row (the JDK's guard against GCM nonce reuse): another file in between.
        new SealingOutputStream(OutputStream.nullOutputStream(), contentMac, new byte[0]).close();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream sealing = new SealingOutputStream(out, contentMac, new byte[0], fileId, inPieces)) {
            for (int at = 0; at < plain.length; at += writeSize) {
                sealing.write(plain, at, Math.min(writeSize, plain.length - at));
            }
        }
        return out.toByteArray();
    }

    @Test
    void reorderedCutOffMovedOrForeignChunksAreRefused() throws IOException {
        byte[] plain = random(3 * SealedFormat.CHUNK + 10, 5);
        byte[] sealed = sealed(plain, dataKey);
        assertArrayEquals(plain, opened(sealed, dataKey, ""));
        int chunk = SealedFormat.CHUNK + SealedFormat.OVERHEAD;

        byte[] swapped = sealed.clone();
        System.arraycopy(sealed, SealedFormat.HEADER + chunk, swapped, SealedFormat.HEADER, chunk);
        System.arraycopy(sealed, SealedFormat.HEADER, swapped, SealedFormat.HEADER + chunk, chunk);
        assertEquals(Kind.CORRUPT_BLOB, assertThrows(StoreException.class, () -> opened(swapped, dataKey, "")).kind());

        byte[] cutAtChunk = Arrays.copyOf(sealed, SealedFormat.HEADER + 2 * chunk);
        assertThrows(StoreException.class, () -> opened(cutAtChunk, dataKey, ""));

        byte[] other = sealed(plain, dataKey); // same content, another file id
        byte[] mixed = sealed.clone();
        System.arraycopy(other, SealedFormat.HEADER, mixed, SealedFormat.HEADER, chunk);
        assertThrows(StoreException.class, () -> opened(mixed, dataKey, ""));

        byte[] flipped = sealed.clone();
        flipped[SealedFormat.HEADER + 5] ^= 1;
        assertThrows(StoreException.class, () -> opened(flipped, dataKey, ""));
        assertTrue(OpeningInputStream.check(new ByteArrayInputStream(flipped)).contains("CRC32C"));

        assertThrows(StoreException.class, () -> opened(sealed, key(2), ""));
        assertThrows(StoreException.class, () -> opened(sealed, dataKey, "runs/other.json"));
        assertEquals(null, OpeningInputStream.check(new ByteArrayInputStream(sealed)));
    }

    @Test
    void verifyWithoutTheKeyFindsDamageAndWithTheKeyAlsoARenamedBlob() throws IOException {
        ContentStore store = open();
        Snapshot snapshot = writeTree(store, random(200_000, 9));
        keys.lock();
        VerifyReport locked = store.verify(new NullProgressMonitor());
        assertTrue(locked.ok(), locked.problems().toString());
        assertEquals(1, locked.manifests());
        assertEquals(Kind.LOCKED, assertThrows(UncheckedIOException.class, () -> store.readSnapshot(snapshot.id()))
                .getCause() instanceof StoreException e ? e.kind() : null);

        keys.unlock(dataKey);
        String shaA = snapshot.manifest().entries().get(0).sha256();
        String shaB = snapshot.manifest().entries().get(1).sha256();
        Path fileA = ((FileContentStore) store).blobFile(shaA);
        Path fileB = ((FileContentStore) store).blobFile(shaB);
        Files.copy(fileA, fileB, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        VerifyReport renamed = store.verify(new NullProgressMonitor());
        assertTrue(renamed.problems().stream().anyMatch(p -> p.contains("belongs under another name")), renamed.problems().toString());
        assertEquals(Kind.CORRUPT_BLOB, assertThrows(StoreException.class, () -> read(store, shaB)).kind());

        byte[] bytes = Files.readAllBytes(fileA);
        bytes[bytes.length - 1] ^= 1;
        Files.write(fileA, bytes);
        keys.lock();
        VerifyReport damaged = store.verify(new NullProgressMonitor());
        assertTrue(damaged.problems().stream().anyMatch(p -> p.contains(fileA.toString()) && p.contains("CRC32C")),
                damaged.problems().toString());
    }

    @Test
    void gcKeepsReferencedSealedBlobsAndMovedInFilesAreSealed() throws IOException {
        ContentStore store = open();
        Snapshot snapshot = writeTree(store, random(100, 1));
        String stray = store.putBlob(new ByteArrayInputStream("not in any manifest".getBytes(StandardCharsets.UTF_8)));
        Path incoming = dir.resolve("incoming.bin");
        Files.writeString(incoming, MARKER + " arrived");
        String incomingSha = ManifestFormat.sha256((MARKER + " arrived").getBytes(StandardCharsets.UTF_8));
        store.moveBlobIn(incoming, incomingSha);
        assertFalse(Files.exists(incoming));
        assertFalse(new String(Files.readAllBytes(((FileContentStore) store).blobFile(incomingSha)),
                StandardCharsets.ISO_8859_1).contains(MARKER));
        assertEquals(MARKER + " arrived", new String(read(store, incomingSha), StandardCharsets.UTF_8));

        assertEquals(2, store.gc(new NullProgressMonitor()).blobsRemoved());
        assertFalse(store.hasBlob(stray));
        for (var entry : snapshot.manifest().entries()) {
            assertTrue(store.hasBlob(entry.sha256()), entry.path());
        }
        assertTrue(store.verify(new NullProgressMonitor()).ok());
        assertNotEquals(stray, ((FileContentStore) store).blobFile(snapshot.manifest().entries().get(0).sha256())
                .getFileName().toString());
    }

    @Test
    void theSameContentIsStoredOnce() throws IOException {
        ContentStore store = open();
        String first = store.putBlob(new ByteArrayInputStream(random(5000, 4)));
        long before = storedFiles().size();
        assertEquals(first, store.putBlob(new ByteArrayInputStream(random(5000, 4))));
        assertEquals(before, storedFiles().size());
        ByteArrayOutputStream copy = new ByteArrayOutputStream();
        store.openBlob(first).transferTo(copy);
        assertArrayEquals(random(5000, 4), copy.toByteArray());
    }

    @Test
    void plainContentIsSealedInPlaceAndASecondRunFinishesAnInterruptedOne() throws IOException {
        byte[] large = markerContent(300_000);
        Snapshot snapshot = writeTree(ContentStores.open(dir.resolve("store")), large);
        List<Path> plainFiles = storedFiles();
        Path plainBlob = plainFiles.stream().filter(f -> f.toString().contains("blobs")).findFirst().orElseThrow();
        byte[] plainBytes = Files.readAllBytes(plainBlob);

        ContentStore store = open();
        assertEquals(5, ContentStores.sealPlainContent(store));
        // A crash between storing the sealed copy and deleting the plain file leaves both: the next run removes it.
        Files.write(plainBlob, plainBytes);
        assertEquals(1, ContentStores.sealPlainContent(store));
        assertEquals(0, ContentStores.sealPlainContent(store));

        for (Path file : storedFiles()) {
            assertFalse(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(MARKER), file.toString());
        }
        assertEquals(List.of(snapshot.id()), store.snapshotIds());
        String largeSha = snapshot.manifest().entries().stream().filter(e -> e.path().equals("plc/large.bin"))
                .findFirst().orElseThrow().sha256();
        assertArrayEquals(large, read(store, largeSha));
        assertTrue(store.verify(new NullProgressMonitor()).ok());
    }

    @Test
    void theSealingRemovesTheTemporaryFilesACrashOfThePlainStoreLeftWithDeviceData() throws IOException {
        writeTree(ContentStores.open(dir.resolve("store")), markerContent(300_000));
        // A writer of the plain store killed while it wrote a large blob: its temporary file stays.
        Path leftover = Files.write(dir.resolve("store/tmp/blob-4711.tmp"), markerContent(2_000_000));

        ContentStore store = open();
        ContentStores.sealPlainContent(store);

        assertFalse(Files.exists(leftover), "the plain leftover outlived the sealing");
        for (Path file : storedFiles()) {
            assertFalse(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(MARKER), file.toString());
        }
        assertTrue(store.verify(new NullProgressMonitor()).ok());
    }
}
