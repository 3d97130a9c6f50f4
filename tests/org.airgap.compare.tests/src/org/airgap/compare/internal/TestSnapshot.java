package org.airgap.compare.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.airgap.compare.BlobSource;
import org.airgap.store.Manifest;
import org.airgap.store.ManifestEntry;

/** An in-memory snapshot: entries with real SHA-256 values and a Map-backed {@link BlobSource}. */
final class TestSnapshot {

    private final List<ManifestEntry> entries = new ArrayList<>();
    final Map<String, byte[]> blobs = new HashMap<>();
    final BlobSource source = sha256 -> {
        byte[] content = blobs.get(sha256);
        if (content == null) {
            throw new NoSuchFileException("blobs/" + sha256);
        }
        return new ByteArrayInputStream(content);
    };

    TestSnapshot file(String path, String content) {
        return file(path, content.getBytes(StandardCharsets.UTF_8));
    }

    TestSnapshot file(String path, byte[] content) {
        String sha256 = sha256(content);
        blobs.put(sha256, content);
        entries.add(ManifestEntry.file(path, content.length, sha256, Instant.EPOCH));
        return this;
    }

    TestSnapshot directory(String path) {
        entries.add(ManifestEntry.directory(path, Instant.EPOCH));
        return this;
    }

    TestSnapshot symlink(String path, String target) {
        entries.add(ManifestEntry.symlink(path, target));
        return this;
    }

    ManifestEntry entry(String path) {
        return entries.stream().filter(entry -> entry.path().equals(path)).findFirst().orElseThrow();
    }

    Manifest manifest() {
        return new Manifest(entries);
    }

    static String sha256(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A blob source whose streams fail after some bytes, like a disk with a bad sector. */
    static BlobSource failingAfter(BlobSource source, int bytes) {
        return sha256 -> {
            InputStream in = source.open(sha256);
            return new InputStream() {
                private int read;

                @Override
                public int read() throws IOException {
                    if (read++ >= bytes) {
                        throw new IOException("read error at byte " + bytes);
                    }
                    return in.read();
                }
            };
        };
    }
}
