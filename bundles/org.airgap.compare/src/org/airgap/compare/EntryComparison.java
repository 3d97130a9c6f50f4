package org.airgap.compare;

import java.util.Objects;

import org.airgap.store.ManifestEntry;

/**
 * The comparison of one path.
 *
 * @param path   the snapshot path
 * @param status how it compares
 * @param basis  the basis entry, {@code null} when the path is only in the backup
 * @param backup the backup entry, {@code null} when the path is only in the basis
 * @param detail why, for users: what changed, what was ignored, or which file could not be read and why;
 *               {@code null} when the status says it all
 */
public record EntryComparison(String path, EntryStatus status, ManifestEntry basis, ManifestEntry backup,
        String detail) {

    public EntryComparison {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(status, "status");
    }
}
