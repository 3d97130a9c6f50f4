package org.airgap.store;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What a driver writes a device's files into. Content streams into the store as it is written (at most
 * 1 MiB of a file in memory; files of several GB work), is hashed on the way and stored once per content.
 * Nothing is visible in the store as a snapshot until {@link #commit()}; {@link #close()} without
 * commit (a failed or cancelled backup) discards what was written except blobs, which {@code gc}
 * removes when no manifest references them.
 */
@ProviderType
public interface SnapshotWriter extends Closeable {

    /**
     * Opens a file of the snapshot for writing; the entry is recorded when the stream is closed. One
     * file at a time per writer.
     *
     * @throws IllegalArgumentException for an invalid or repeated path (message names it)
     */
    OutputStream file(String path, Instant modified) throws IOException;

    /** Copies {@code content} to a new file of the snapshot; returns its entry. */
    ManifestEntry file(String path, Instant modified, InputStream content) throws IOException;

    void directory(String path, Instant modified);

    void symlink(String path, String target);

    /** Bytes written so far (for progress reports). */
    long bytesWritten();

    /**
     * Waits until every file's content is durable in the store, then stores the manifest and returns the
     * snapshot; the writer cannot be used afterwards.
     */
    Snapshot commit() throws IOException;

    /** Discards an uncommitted snapshot; no effect after {@link #commit()}. */
    @Override
    void close() throws IOException;
}
