package org.airgap.store.s3.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import org.airgap.store.Manifest;
import org.airgap.store.ManifestEntry;
import org.airgap.store.ManifestFormat;
import org.airgap.store.Paths;
import org.airgap.store.Snapshot;
import org.airgap.store.SnapshotWriter;

/**
 * A snapshot written into the S3 store: each file is spooled to the node's disk while it is hashed, then
 * uploaded when it is closed (once per content) and pinned until the snapshot is committed or discarded, so
 * that gc leaves it meanwhile. One file at a time; not thread-safe, as the file store's writer.
 */
final class S3SnapshotWriter implements SnapshotWriter {

    private final S3ContentStore store;
    private final List<ManifestEntry> entries = new ArrayList<>();
    private final Set<String> paths = new HashSet<>();
    private final Set<String> pinned = new HashSet<>();
    private long bytesWritten;
    private String openPath;
    private boolean done;

    S3SnapshotWriter(S3ContentStore store) {
        this.store = store;
    }

    @Override
    public OutputStream file(String path, Instant modified) throws IOException {
        claim(path);
        openPath = path;
        Path spooled = store.newSpoolFile();
        MessageDigest digest = ManifestFormat.newSha256();
        OutputStream out = new DigestOutputStream(Files.newOutputStream(spooled), digest);
        return new FilterOutputStream(out) {
            private long size;
            private boolean closed;

            @Override
            public void write(int b) throws IOException {
                out.write(b);
                size++;
                bytesWritten++;
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                out.write(b, off, len);
                size += len;
                bytesWritten += len;
            }

            @Override
            public void close() throws IOException {
                if (closed) {
                    return;
                }
                closed = true;
                openPath = null;
                try {
                    out.close();
                    String sha256 = HexFormat.of().formatHex(digest.digest());
                    if (pinned.add(sha256)) {
                        store.pin(sha256);
                    }
                    store.storeFile(spooled, sha256);
                    entries.add(ManifestEntry.file(path, size, sha256, modified));
                } finally {
                    Files.deleteIfExists(spooled);
                }
            }
        };
    }

    @Override
    public ManifestEntry file(String path, Instant modified, InputStream content) throws IOException {
        try (OutputStream out = file(path, modified)) {
            content.transferTo(out);
        }
        return entries.get(entries.size() - 1);
    }

    @Override
    public void directory(String path, Instant modified) {
        claim(path);
        entries.add(ManifestEntry.directory(path, modified));
    }

    @Override
    public void symlink(String path, String target) {
        claim(path);
        entries.add(ManifestEntry.symlink(path, target));
    }

    private void claim(String path) {
        if (done) {
            throw new IllegalStateException("the snapshot writer was committed or closed");
        }
        Paths.requireValid(path);
        if (openPath != null) {
            throw new IllegalArgumentException("'" + path + "' cannot be written: '" + openPath + "' is still open");
        }
        if (!paths.add(path)) {
            throw new IllegalArgumentException("path written twice in the snapshot: '" + path + "'");
        }
    }

    @Override
    public long bytesWritten() {
        return bytesWritten;
    }

    @Override
    public Snapshot commit() throws IOException {
        if (done) {
            throw new IllegalStateException("the snapshot writer was committed or closed");
        }
        try {
            return store.putManifest(new Manifest(entries));
        } finally {
            close();
        }
    }

    @Override
    public void close() {
        if (!done) {
            done = true;
            pinned.forEach(store::unpin);
        }
    }
}
