package org.airgap.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One path of a snapshot.
 *
 * @param path       relative, '/'-separated, normalized: no empty, "." or ".." segment, no leading '/'
 * @param type       file, directory or symbolic link
 * @param size       bytes of a file's content; 0 for directories and links
 * @param sha256     lower-case hex SHA-256 of a file's content (its blob); {@code null} otherwise
 * @param modified   modification time as the device reported it, or {@code null} when unknown
 * @param linkTarget a symbolic link's target as stored on the device; {@code null} otherwise
 */
public record ManifestEntry(String path, EntryType type, long size, String sha256, Instant modified,
        String linkTarget) {

    public ManifestEntry {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
        Paths.requireValid(path);
        if (type == EntryType.FILE && (sha256 == null || !Paths.isSha256(sha256))) {
            throw new IllegalArgumentException("file " + path + " needs a SHA-256 of 64 lower-case hex digits");
        }
        if (size < 0) {
            throw new IllegalArgumentException("negative size for " + path);
        }
    }

    public static ManifestEntry file(String path, long size, String sha256, Instant modified) {
        return new ManifestEntry(path, EntryType.FILE, size, sha256, modified, null);
    }

    public static ManifestEntry directory(String path, Instant modified) {
        return new ManifestEntry(path, EntryType.DIRECTORY, 0, null, modified, null);
    }

    public static ManifestEntry symlink(String path, String target) {
        return new ManifestEntry(path, EntryType.SYMLINK, 0, null, null, target);
    }
}
