package org.airgap.sync.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.airgap.protocol.Api;
import org.airgap.store.ContentStore;

/**
 * Reads one blob from the local store in chunks of {@link Api#CHUNK_BYTES} for {@link BlobUploader}, the next
 * chunk on a thread of its own while the current one is sent: the store's work on a chunk (reading, decrypting,
 * checking the blob's hash) and the chunk's transfer overlap instead of taking turns. A blob of one chunk is
 * read on the caller's thread. The store checks the blob's hash as it is read to its end, so the last chunk is
 * only handed out once the whole blob proved to be what its name says.
 */
final class ChunkReader implements Closeable {

    /** A chunk of the blob: {@code length} bytes of {@code bytes}, at {@code offset} in the blob. */
    record Chunk(byte[] bytes, long offset, int length) {
    }

    private final ContentStore store;
    private final String sha256;
    private final long size;
    /** Two buffers taken in turns: one is being sent while the other is filled. */
    private final byte[][] buffers;
    private int nextBuffer;
    private InputStream in;
    /** Where the next read from {@link #in} starts. */
    private long readOffset;
    /** The chunk being read ahead, if any. */
    private Future<Chunk> ahead;
    private ExecutorService reader;

    /**
     * @param buffers two slots for chunk buffers, kept by the caller across blobs; an empty slot is filled
     *                when first needed (a blob of one chunk needs one buffer)
     */
    ChunkReader(ContentStore store, String sha256, long size, long offset, byte[][] buffers) throws IOException {
        this.store = store;
        this.sha256 = sha256;
        this.size = size;
        this.buffers = buffers;
        this.in = openAt(offset);
        this.readOffset = offset;
    }

    /** The chunk at the current position (waiting for it if it is being read ahead); starts reading the next. */
    Chunk next() throws IOException {
        Chunk chunk = ahead != null ? await(ahead) : read();
        ahead = null;
        if (readOffset < size) {
            ahead = reader().submit(() -> {
                try {
                    return read();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
        return chunk;
    }

    /** Continues at {@code offset} instead (the server holds another amount than was sent). */
    void restartAt(long offset) throws IOException {
        settle();
        in.close();
        in = openAt(offset);
        readOffset = offset;
    }

    /** Waits for a read in progress (the stream is not closed under it), then closes the blob. */
    @Override
    public void close() throws IOException {
        try {
            settle();
        } finally {
            if (reader != null) {
                reader.shutdown();
            }
            in.close();
        }
    }

    private Chunk read() throws IOException {
        int slot = nextBuffer;
        nextBuffer = 1 - nextBuffer;
        if (buffers[slot] == null) {
            buffers[slot] = new byte[Api.CHUNK_BYTES];
        }
        byte[] bytes = buffers[slot];
        long offset = readOffset;
        int length = (int) Math.min(bytes.length, size - offset);
        if (in.readNBytes(bytes, 0, length) != length) {
            throw new IOException("blob " + sha256 + " in the local store is shorter than its recorded size " + size
                    + ": run 'airgap verify'");
        }
        if (offset + length == size && in.read() >= 0) {
            throw new IOException("blob " + sha256 + " in the local store is longer than its recorded size " + size
                    + ": run 'airgap verify'");
        }
        readOffset = offset + length;
        return new Chunk(bytes, offset, length);
    }

    /** Lets a read ahead finish, whatever its outcome: what it read is not wanted any more. */
    private void settle() throws InterruptedIOException {
        if (ahead == null) {
            return;
        }
        try {
            ahead.get();
        } catch (ExecutionException e) {
            // not wanted: the caller restarts elsewhere or has stopped
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading blob " + sha256 + " from the local store");
        } finally {
            ahead = null;
        }
    }

    private Chunk await(Future<Chunk> chunk) throws IOException {
        try {
            return chunk.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while reading blob " + sha256 + " from the local store");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException unchecked) {
                throw unchecked.getCause();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IOException(cause);
        }
    }

    private ExecutorService reader() {
        if (reader == null) {
            reader = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "airgap-upload-reader");
                thread.setDaemon(true);
                return thread;
            });
        }
        return reader;
    }

    private InputStream openAt(long offset) throws IOException {
        InputStream blob = store.openBlob(sha256);
        try {
            blob.skipNBytes(offset);
            return blob;
        } catch (IOException | RuntimeException e) {
            blob.close();
            throw e;
        }
    }
}
