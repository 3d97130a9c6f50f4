package org.airgap.sync.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

import org.airgap.protocol.Api;
import org.airgap.store.ContentStore;
import org.airgap.store.ContentStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The upload's reader of a stored blob: chunks in order, read one ahead, restartable, checked at the end. */
class ChunkReaderTest {

    private static final int CHUNK = Api.CHUNK_BYTES;
    private static final int TAIL = 1000;

    @TempDir
    Path temp;

    private ContentStore store;
    private byte[] content;
    private String sha256;

    @BeforeEach
    void storeABlobOfTwoChunksAndABit() throws IOException {
        store = ContentStores.open(temp.resolve("store"));
        content = new byte[2 * CHUNK + TAIL];
        new Random(7).nextBytes(content);
        sha256 = store.putBlob(new ByteArrayInputStream(content));
    }

    @Test
    void chunksComeInOrderFromTwoBuffersAndARestartGoesWhereTheServerSays() throws IOException {
        byte[][] buffers = new byte[2][];
        try (ChunkReader reader = new ChunkReader(store, sha256, content.length, 0, buffers)) {
            ChunkReader.Chunk first = reader.next();
            assertChunk(0, CHUNK, first);
            ChunkReader.Chunk second = reader.next(); // the third is being read ahead meanwhile
            assertChunk(CHUNK, CHUNK, second);
            assertNotSame(first.bytes(), second.bytes(), "one buffer is sent while the other is filled");

            // the server answers that it holds the first chunk only: back there, the read ahead dropped
            reader.restartAt(CHUNK);
            assertChunk(CHUNK, CHUNK, reader.next());
            assertChunk(2 * CHUNK, TAIL, reader.next());
        }
        assertTrue(buffers[0] != null && buffers[1] != null, "the buffers stay with the uploader for the next blob");
    }

    @Test
    void aResumedUploadStartsAtTheServersOffset() throws IOException {
        try (ChunkReader reader = new ChunkReader(store, sha256, content.length, CHUNK + 7, new byte[2][])) {
            assertChunk(CHUNK + 7, CHUNK, reader.next());
            assertChunk(2 * CHUNK + 7, TAIL - 7, reader.next());
        }
    }

    @Test
    void aBlobOfOneChunkIsReadWithOneBuffer() throws IOException {
        byte[] small = "a small program".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String name = store.putBlob(new ByteArrayInputStream(small));
        byte[][] buffers = new byte[2][];
        try (ChunkReader reader = new ChunkReader(store, name, small.length, 0, buffers)) {
            ChunkReader.Chunk chunk = reader.next();
            assertArrayEquals(small, Arrays.copyOf(chunk.bytes(), chunk.length()));
        }
        assertEquals(null, buffers[1], "no second buffer for a blob of one chunk");
    }

    @Test
    void aBlobDamagedInTheStoreIsRefusedBeforeItsLastChunkIsHandedOut() throws IOException {
        damageByteAt(CHUNK + 5);
        try (ChunkReader reader = new ChunkReader(store, sha256, content.length, 0, new byte[2][])) {
            reader.next();
            reader.next(); // the damaged chunk itself: only the whole blob's hash can tell
            IOException refused = assertThrows(IOException.class, reader::next);
            assertTrue(String.valueOf(refused.getMessage()).contains(sha256), refused.getMessage());
        }
    }

    @Test
    void closingWhileAChunkIsReadAheadWaitsForItAndClosesTheBlob() throws IOException {
        ChunkReader reader = new ChunkReader(store, sha256, content.length, 0, new byte[2][]);
        reader.next(); // the second chunk is read ahead now
        reader.close();
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("airgap-upload-reader"))
                .allMatch(thread -> waitForEnd(thread)), "the reader's thread ends with it");
    }

    private void assertChunk(long offset, int length, ChunkReader.Chunk chunk) {
        assertEquals(offset, chunk.offset());
        assertEquals(length, chunk.length());
        assertArrayEquals(Arrays.copyOfRange(content, (int) offset, (int) offset + length),
                Arrays.copyOf(chunk.bytes(), length), "the bytes at " + offset);
    }

    private void damageByteAt(long position) throws IOException {
        Path file;
        try (Stream<Path> files = Files.walk(store.root())) {
            file = files.filter(path -> path.getFileName().toString().equals(sha256)).findFirst().orElseThrow();
        }
        try (RandomAccessFile blob = new RandomAccessFile(file.toFile(), "rw")) {
            blob.seek(position);
            int old = blob.read();
            blob.seek(position);
            blob.write(old ^ 0xFF);
        }
    }

    private static boolean waitForEnd(Thread thread) {
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }
}
