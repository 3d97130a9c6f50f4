package org.airgap.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The list of a snapshot's entries, sorted by path, each path once. Its identity (the snapshot id) is
 * the SHA-256 of its canonical JSON form (docs/formats.md), computed by the store.
 */
public record Manifest(List<ManifestEntry> entries) {

    /** The manifest JSON format this code writes; newer formats are refused when read. */
    public static final int FORMAT_VERSION = 1;

    public Manifest {
        List<ManifestEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(ManifestEntry::path));
        Set<String> seen = new HashSet<>();
        for (ManifestEntry entry : sorted) {
            if (!seen.add(entry.path())) {
                throw new IllegalArgumentException("path twice in manifest: " + entry.path());
            }
        }
        entries = Collections.unmodifiableList(sorted);
    }

    public Optional<ManifestEntry> entry(String path) {
        int index = Collections.binarySearch(entries.stream().map(ManifestEntry::path).toList(), path);
        return index >= 0 ? Optional.of(entries.get(index)) : Optional.empty();
    }

    /** Total bytes of the files. */
    public long totalSize() {
        return entries.stream().mapToLong(ManifestEntry::size).sum();
    }

    /** The distinct blobs (SHA-256) the files reference. */
    public Set<String> blobs() {
        Set<String> blobs = new HashSet<>();
        for (ManifestEntry entry : entries) {
            if (entry.type() == EntryType.FILE) {
                blobs.add(entry.sha256());
            }
        }
        return blobs;
    }
}
