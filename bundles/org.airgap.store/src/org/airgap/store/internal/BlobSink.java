package org.airgap.store.internal;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.airgap.store.ManifestFormat;
import org.airgap.store.StoreException;

/**
 * Content on its way into the store: bytes go to a temporary file in {@code tmp/} and through SHA-256 at
 * the same time, so a file of any size passes with one buffer of memory. {@link #finish} syncs the
 * file and moves it to its final name (or drops it when the blob exists); {@link #abort} deletes it.
 */
final class BlobSink extends OutputStream {

    private static final int BUFFER = 256 * 1024;

    private final FileContentStore store;
    private final String description;
    private final Path temp;
    private final FileChannel channel;
    private final OutputStream out;
    private final MessageDigest digest = ManifestFormat.newSha256();
    private long size;
    private boolean done;

    /** The stored blob: its hash and size. */
    record Blob(String sha256, long size) {
    }

    /** @param description what is being written, for messages ("'plc/program.bin'") */
    BlobSink(FileContentStore store, String description) throws IOException {
        this.store = store;
        this.description = description;
        this.temp = store.newTempFile("blob-");
        FileChannel opened = null;
        try {
            opened = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            this.out = new BufferedOutputStream(store.writeHook().wrap(temp, Channels.newOutputStream(opened)),
                    BUFFER);
        } catch (IOException | RuntimeException e) {
            if (opened != null) {
                opened.close();
            }
            store.discardTempFile(temp);
            throw e;
        }
        this.channel = opened;
    }

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
        if (done) {
            throw new IOException("the content of " + description + " is already complete or discarded");
        }
        digest.update(b, off, len);
        size += len;
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw writeFailed(e);
        }
    }

    /** Syncs the content and stores it under its hash; pins the blob against gc when {@code pin}. */
    Blob finish(boolean pin) throws IOException {
        if (done) {
            throw new IOException("the content of " + description + " is already complete or discarded");
        }
        try {
            out.flush();
        } catch (IOException e) {
            throw writeFailed(e);
        }
        String sha256 = HexFormat.of().formatHex(digest.digest());
        try {
            // Synced only when it is kept: a duplicate's copy is deleted unsynced, which makes
            // re-ingesting unchanged content cheap.
            store.commitBlob(temp, sha256, size, pin, () -> {
                try {
                    channel.force(true);
                } catch (IOException e) {
                    throw writeFailed(e);
                }
            });
            done = true;
            out.close();
        } finally {
            abort(); // after a failure; no effect once done
            store.discardTempFile(temp); // gone already after a move; removes a duplicate's copy
        }
        return new Blob(sha256, size);
    }

    /** Deletes the temporary file; nothing of this content stays in the store. */
    void abort() {
        if (done) {
            return;
        }
        done = true;
        try {
            out.close();
        } catch (IOException | RuntimeException e) {
            // the file is deleted next; a failing close changes nothing
        }
        try {
            channel.close();
        } catch (IOException e) {
            // as above
        }
        store.discardTempFile(temp);
    }

    /** Never a public close: finishing or discarding is the caller's decision. */
    @Override
    public void close() {
        abort();
    }

    private StoreException writeFailed(IOException e) {
        abort();
        return new StoreException(StoreException.Kind.NO_SPACE, temp, "cannot write " + description + " to " + temp
                + " (disk full?): " + e.getMessage() + "; the partial file was removed", e);
    }
}
