package org.airgap.store.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

import org.airgap.store.EntryType;
import org.airgap.store.Manifest;
import org.airgap.store.ManifestEntry;
import org.airgap.store.Paths;
import org.airgap.store.Snapshot;
import org.airgap.store.SnapshotRules;
import org.airgap.store.SnapshotWriter;

/**
 * Collects a snapshot's entries while their content streams into blobs. The blobs are pinned until
 * commit or close, so that a gc in the meantime does not remove them. Blobs are synced and renamed in
 * the background; {@link #commit()} waits for all of them before it stores the manifest.
 */
final class FileSnapshotWriter implements SnapshotWriter {

    private final FileContentStore store;
    private final BlobWriter writer;
    private final TreeMap<String, ManifestEntry> entries = new TreeMap<>();
    private final List<String> pinned = new ArrayList<>();
    private final AtomicLong bytesWritten = new AtomicLong();
    private final PendingWrites pending = new PendingWrites();
    private final TempFileReserve temps;
    /** Holds one small file's content at a time (one file is open at a time), allocated once. */
    private byte[] memory;
    private String openPath;
    private BlobSink openSink;
    private boolean finished;

    FileSnapshotWriter(FileContentStore store, BlobWriter writer) {
        this.store = store;
        this.writer = writer;
        this.temps = new TempFileReserve(writer, TempFileReserve.WRITER_TARGET, pending);
    }

    @Override
    public synchronized OutputStream file(String path, Instant modified) throws IOException {
        BlobSink sink = openFile(path);
        return new OutputStream() {
            private boolean closed;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] { (byte) b }, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                if (closed) {
                    throw new IOException("'" + path + "' is already closed");
                }
                try {
                    sink.write(b, off, len);
                } catch (IOException | RuntimeException e) {
                    closed = true; // the sink discarded the content; nothing to record
                    fileFailed(sink);
                    throw e;
                }
                bytesWritten.addAndGet(len);
            }

            @Override
            public void close() throws IOException {
                if (!closed) {
                    closed = true;
                    finishFile(sink, path, modified);
                }
            }
        };
    }

    @Override
    public synchronized ManifestEntry file(String path, Instant modified, InputStream content) throws IOException {
        BlobSink sink = openFile(path);
        try {
            sink.transferFrom(content, bytesWritten::addAndGet);
        } catch (IOException | RuntimeException e) {
            fileFailed(sink);
            throw e;
        }
        return finishFile(sink, path, modified);
    }

    @Override
    public synchronized void directory(String path, Instant modified) {
        checkUsable();
        checkNewPath(path, EntryType.DIRECTORY);
        entries.put(path, ManifestEntry.directory(path, modified));
    }

    @Override
    public synchronized void symlink(String path, String target) {
        checkUsable();
        checkNewPath(path, EntryType.SYMLINK);
        String problem = SnapshotRules.linkTargetProblem(path, target);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        entries.put(path, ManifestEntry.symlink(path, target));
    }

    @Override
    public long bytesWritten() {
        return bytesWritten.get();
    }

    @Override
    public synchronized Snapshot commit() throws IOException {
        checkUsable();
        if (openPath != null) {
            throw new IllegalStateException("cannot commit while '" + openPath + "' is still open");
        }
        pending.awaitAll(); // every blob synced and renamed; putManifest then syncs their folders
        temps.drain();
        Snapshot snapshot = store.putManifest(new Manifest(new ArrayList<>(entries.values())));
        finished = true;
        unpinAll();
        return snapshot;
    }

    @Override
    public synchronized void close() {
        if (finished) {
            return;
        }
        finished = true;
        if (openSink != null) {
            openSink.abort();
            openSink = null;
            openPath = null;
        }
        try {
            // No temporary file of this writer outlives it; the blobs already stored stay until gc.
            pending.awaitAll();
        } catch (IOException e) {
            // a failed blob of a discarded snapshot: its temporary file is removed, nothing to report
        }
        temps.drain();
        unpinAll();
    }

    private BlobSink openFile(String path) throws IOException {
        checkUsable();
        if (openPath != null) {
            throw new IllegalStateException("'" + openPath + "' is still open: close it before writing '" + path + "'");
        }
        checkNewPath(path, EntryType.FILE);
        pending.throwIfFailed(); // an earlier blob failed in the background: this snapshot cannot commit
        if (memory == null) {
            memory = new byte[BlobSink.SMALL_LIMIT];
        }
        openSink = new BlobSink(writer, "'" + path + "'", memory, temps, pending);
        openPath = path;
        return openSink;
    }

    private synchronized ManifestEntry finishFile(BlobSink sink, String path, Instant modified) throws IOException {
        if (openSink != sink) {
            throw new IOException("'" + path + "' was discarded: the snapshot was closed");
        }
        openSink = null;
        openPath = null;
        BlobSink.Blob blob;
        try {
            blob = sink.finish(true);
        } finally {
            sink.abort(); // no effect after a successful finish
        }
        pinned.add(blob.sha256());
        ManifestEntry entry = ManifestEntry.file(path, blob.size(), blob.sha256(), modified);
        entries.put(path, entry);
        return entry;
    }

    private synchronized void fileFailed(BlobSink sink) {
        sink.abort();
        if (openSink == sink) {
            openSink = null;
            openPath = null;
        }
    }

    /**
     * A path must be valid, new, and fit a tree ({@link SnapshotRules#treeConflict}); the file being
     * written counts as an entry already.
     */
    private void checkNewPath(String path, EntryType type) {
        Paths.requireValid(path);
        if (entries.containsKey(path) || path.equals(openPath)) {
            throw new IllegalArgumentException("path written twice in the snapshot: '" + path + "'");
        }
        if (openPath != null && path.startsWith(openPath + "/")) {
            throw new IllegalArgumentException("'" + path + "' cannot be written: '" + openPath
                    + "' is a file, not a directory");
        }
        String conflict = SnapshotRules.treeConflict(entries, path, type);
        if (conflict == null && type != EntryType.DIRECTORY && openPath != null && openPath.startsWith(path + "/")) {
            conflict = "'" + path + "' cannot be a " + type.name().toLowerCase(java.util.Locale.ROOT)
                    + ": the snapshot has entries below it";
        }
        if (conflict != null) {
            throw new IllegalArgumentException(conflict);
        }
    }

    private void checkUsable() {
        if (finished) {
            throw new IllegalStateException("this snapshot writer is committed or closed");
        }
    }

    private void unpinAll() {
        pinned.forEach(writer::unpin);
        pinned.clear();
    }
}
