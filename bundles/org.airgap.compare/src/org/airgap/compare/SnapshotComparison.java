package org.airgap.compare;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.airgap.model.CompareResult;

/**
 * The outcome of comparing a backup with its basis.
 *
 * @param result  the overall result, the worst of all entries: {@link CompareResult#EQUAL} when nothing
 *                relevant differs, {@link CompareResult#DIFFERENT}, {@link CompareResult#ERROR} when some
 *                content could not be read, {@link CompareResult#NOT_AVAILABLE} when there was no basis
 * @param entries one entry per path of either snapshot, sorted by path (empty without a basis)
 */
public record SnapshotComparison(CompareResult result, List<EntryComparison> entries) {

    public SnapshotComparison {
        Objects.requireNonNull(result, "result");
        entries = List.copyOf(entries);
    }

    /** The comparison when there is nothing to compare with. */
    public static SnapshotComparison notAvailable() {
        return new SnapshotComparison(CompareResult.NOT_AVAILABLE, List.of());
    }

    public Optional<EntryComparison> entry(String path) {
        int index = Collections.binarySearch(entries.stream().map(EntryComparison::path).toList(), path);
        return index >= 0 ? Optional.of(entries.get(index)) : Optional.empty();
    }

    /** How many entries have this status. */
    public int count(EntryStatus status) {
        return (int) entries.stream().filter(entry -> entry.status() == status).count();
    }

    /** The entries that make the result other than Equal: added, removed, changed and unreadable paths. */
    public List<EntryComparison> differences() {
        return entries.stream()
                .filter(entry -> entry.status() != EntryStatus.EQUAL && entry.status() != EntryStatus.IGNORED)
                .toList();
    }
}
