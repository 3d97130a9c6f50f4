package org.airgap.store.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.stream.Stream;

import org.airgap.store.ContentStore;
import org.airgap.store.ContentStores;
import org.airgap.store.ManifestEntry;
import org.airgap.store.ManifestFormat;
import org.airgap.store.Snapshot;
import org.airgap.store.SnapshotWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 3 GB file streams through a snapshot writer and back. The content is generated on the fly and
 * never exists as a source file; the test runtime has a 256 MB heap (pom.xml), so holding the content in
 * memory anywhere fails the test.
 */
class LargeFileTest {

    private static final long SIZE = 3L * 1024 * 1024 * 1024 + 12345; // past 2^31 and not block-aligned

    @TempDir
    Path dir;

    @Test
    void threeGigabytesStreamThroughTheStore() throws IOException {
        assertTrue(Runtime.getRuntime().maxMemory() < SIZE / 4, "heap too large for this test to mean anything");
        long start = System.nanoTime();
        ContentStore store = ContentStores.open(dir.resolve("store"));
        GeneratedStream source = new GeneratedStream(SIZE);
        ManifestEntry entry;
        Snapshot snapshot;
        try (SnapshotWriter writer = store.newSnapshot()) {
            entry = writer.file("drive/image.bin", Instant.EPOCH, source);
            assertEquals(SIZE, writer.bytesWritten());
            snapshot = writer.commit();
        }
        assertEquals(SIZE, entry.size());
        assertEquals(source.sha256(), entry.sha256());
        assertEquals(SIZE, store.blobSize(entry.sha256()));
        assertEquals(entry, store.readSnapshot(snapshot.id()).manifest().entry("drive/image.bin").orElseThrow());
        try (Stream<Path> tmp = Files.list(store.root().resolve("tmp"))) {
            assertEquals(0, tmp.count());
        }

        // Read back: the store verifies the hash at the end; compare the bytes with the generator's too.
        GeneratedStream expected = new GeneratedStream(SIZE);
        byte[] a = new byte[1 << 20];
        byte[] b = new byte[1 << 20];
        long total = 0;
        try (InputStream in = store.openBlob(entry.sha256())) {
            for (int n; (n = in.readNBytes(a, 0, a.length)) > 0;) {
                assertEquals(n, expected.readNBytes(b, 0, n));
                assertTrue(java.util.Arrays.equals(a, 0, n, b, 0, n), "content differs near byte " + total);
                total += n;
            }
        }
        assertEquals(SIZE, total);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("LargeFileTest: " + SIZE + " bytes in and out in " + took.toMillis() + " ms");
    }

    /**
     * Deterministic bytes: a 1 MiB pseudo-random block, each repetition with its block number mixed in
     * so that no two blocks are equal. Hashes what it hands out, for an independent expected hash.
     */
    private static final class GeneratedStream extends InputStream {
        private final long size;
        private final byte[] pattern = new byte[1 << 20];
        private final byte[] block = new byte[1 << 20];
        private final MessageDigest digest = ManifestFormat.newSha256();
        private long position;

        GeneratedStream(long size) {
            this.size = size;
            new java.util.Random(42).nextBytes(pattern);
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int off, int len) {
            if (position >= size) {
                return -1;
            }
            int inBlock = (int) (position % block.length);
            if (inBlock == 0) {
                System.arraycopy(pattern, 0, block, 0, block.length);
                long number = position / block.length;
                for (int i = 0; i < 8; i++) {
                    block[i] = (byte) (number >>> (8 * i));
                }
            }
            int n = (int) Math.min(Math.min(len, block.length - inBlock), size - position);
            System.arraycopy(block, inBlock, target, off, n);
            digest.update(block, inBlock, n);
            position += n;
            return n;
        }

        String sha256() {
            return HexFormat.of().formatHex(digest.digest());
        }
    }
}
