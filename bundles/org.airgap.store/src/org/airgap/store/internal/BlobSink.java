package org.airgap.store.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.LongConsumer;

import org.airgap.store.ManifestFormat;
import org.airgap.store.StoreException;

/**
 * Content on its way into the store, hashed with SHA-256 as it passes. Content of up to
 * {@link #SMALL_LIMIT} bytes stays in memory until its hash is known, so that content the store holds
 * already costs no disk write at all. Larger content spills to a temporary file in {@code tmp/} and
 * streams through one buffer, whatever its size. {@link #finish} hands the content to the store, which
 * syncs and renames it in the background ({@link PendingWrites}); {@link #abort} discards it.
 */
final class BlobSink extends OutputStream {

    /** Content up to this size is hashed in memory before anything is written. */
    static final int SMALL_LIMIT = 1024 * 1024;

    private static final int WRITE_BUFFER = 256 * 1024;

    private final BlobWriter writer;
    private final String description;
    private final PendingWrites pending;
    private final TempFileReserve temps;
    private final MessageDigest digest = ManifestFormat.newSha256();
    /** The content while it is small; after a spill, the read buffer of {@link #transferFrom}. */
    private final byte[] memory;
    private int inMemory;
    private Path temp;
    private FileChannel channel;
    private OutputStream out;
    /** The sealing stream under {@link #out} in a sealed store, finished with the content. */
    private SealingOutputStream sealing;
    private long size;
    private boolean done;

    /** The stored blob: its hash and size. */
    record Blob(String sha256, long size) {
    }

    /**
     * @param description what is being written, for messages ("'plc/program.bin'")
     * @param memory      a buffer of {@link #SMALL_LIMIT} bytes this sink may use until it is finished or
     *                    aborted (a writer reuses one for all its files)
     * @param temps       where the temporary file comes from
     * @param pending     where the background finalization of this content is counted
     */
    BlobSink(BlobWriter writer, String description, byte[] memory, TempFileReserve temps, PendingWrites pending) {
        if (memory.length != SMALL_LIMIT) {
            throw new IllegalArgumentException("the memory buffer must have " + SMALL_LIMIT + " bytes");
        }
        this.writer = writer;
        this.description = description;
        this.memory = memory;
        this.temps = temps;
        this.pending = pending;
    }

    /** The temporary file, or {@code null} while the content is in memory. */
    Path temp() {
        return temp;
    }

    long size() {
        return size;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] { (byte) b }, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        checkOpen();
        if (temp == null && len <= memory.length - inMemory) {
            System.arraycopy(b, off, memory, inMemory, len);
            inMemory += len;
        } else {
            spill();
            writeToTemp(b, off, len);
        }
        digest.update(b, off, len);
        size += len;
    }

    /**
     * Copies the rest of {@code in} into this sink. Small content is read straight into memory, without
     * an intermediate copy; {@code progress} is told every chunk's byte count.
     */
    void transferFrom(InputStream in, LongConsumer progress) throws IOException {
        checkOpen();
        while (temp == null) {
            if (inMemory == memory.length) {
                // Full: one byte more decides whether the content fits exactly or must spill.
                int next = in.read();
                if (next < 0) {
                    return;
                }
                write(next);
                progress.accept(1);
                break;
            }
            int n = in.read(memory, inMemory, memory.length - inMemory);
            if (n < 0) {
                return;
            }
            digest.update(memory, inMemory, n);
            inMemory += n;
            size += n;
            progress.accept(n);
        }
        // Spilled, so large: the memory buffer's content is in the temporary file, and the buffer takes
        // turns with a second one. Writing one chunk to the file (on a background thread) overlaps with
        // reading and hashing the next, so a chunk costs the longer of the two rather than their sum.
        byte[] reading = memory;
        byte[] writing = new byte[memory.length];
        Future<?> write = null;
        boolean completed = false;
        try {
            // Each read fills the buffer: a network stream hands over 16 KiB or less per read, and one
            // background write per fragment would cost a thread hand-off every few kilobytes.
            for (int n; (n = in.readNBytes(reading, 0, reading.length)) > 0;) {
                digest.update(reading, 0, n);
                size += n;
                awaitWrite(write);
                byte[] chunk = reading;
                int length = n;
                write = writer.writeInBackground(() -> {
                    out.write(chunk, 0, length);
                    return null;
                });
                reading = writing;
                writing = chunk;
                progress.accept(n);
            }
            awaitWrite(write);
            completed = true;
        } finally {
            if (!completed && write != null) {
                // The source failed: let the write in flight end before the caller discards the file.
                awaitQuietly(write);
            }
        }
    }

    private void awaitWrite(Future<?> write) throws IOException {
        if (write == null) {
            return;
        }
        try {
            write.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw writeFailed(io);
            }
            abort();
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            awaitQuietly(write);
            abort();
            throw new InterruptedIOException("interrupted while writing " + description);
        }
    }

    private static void awaitQuietly(Future<?> write) {
        boolean interrupted = false;
        while (true) {
            try {
                write.get();
                break;
            } catch (ExecutionException e) {
                break; // reported, if at all, by the caller's own failure
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Hands the content to the store under its hash; pins the blob against gc when {@code pin}. Returns
     * once the content is written (or found in the store); syncing and renaming continue in the
     * background, counted in the sink's {@link PendingWrites}.
     */
    Blob finish(boolean pin) throws IOException {
        checkOpen();
        String sha256 = HexFormat.of().formatHex(digest.digest());
        if (temp == null) {
            done = true;
            writer.storeContent(memory, inMemory, sha256, description, pin, temps, pending);
        } else {
            try {
                out.flush();
                if (sealing != null) {
                    sealing.finish();
                }
            } catch (IOException e) {
                throw writeFailed(e);
            }
            done = true;
            // From here the writer owns the channel and the temporary file, also when it throws.
            writer.storeTempFile(temp, channel, sha256, size, description, pin, pending);
        }
        return new Blob(sha256, size);
    }

    /** Discards the content; nothing of it stays in the store. No effect once finished. */
    void abort() {
        if (done) {
            return;
        }
        done = true;
        if (temp == null) {
            return;
        }
        try {
            if (out != null) {
                out.close();
            }
        } catch (IOException | RuntimeException e) {
            // the file is deleted next; a failing close changes nothing
        }
        StoreFiles.closeQuietly(channel);
        writer.files().discardTempFile(temp);
    }

    /** Never a public close: finishing or discarding is the caller's decision. */
    @Override
    public void close() {
        abort();
    }

    private void checkOpen() throws IOException {
        if (done) {
            throw new IOException("the content of " + description + " is already complete or discarded");
        }
    }

    /** Moves the content from memory to a new temporary file; later bytes stream there. */
    private void spill() throws IOException {
        if (temp != null) {
            return;
        }
        temp = temps.take();
        try {
            channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            OutputStream file = writer.files().writeHook().wrap(temp, Channels.newOutputStream(channel));
            OutputStream content = writer.files().sealing(file);
            sealing = content instanceof SealingOutputStream sealer ? sealer : null;
            out = new BufferedOutputStream(content, WRITE_BUFFER);
        } catch (IOException | RuntimeException e) {
            abort();
            throw e;
        }
        writeToTemp(memory, 0, inMemory);
        inMemory = 0;
    }

    private void writeToTemp(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw writeFailed(e);
        }
    }

    private StoreException writeFailed(IOException e) {
        Path file = temp;
        abort();
        return BlobWriter.writeFailed(description, file, e);
    }
}
