package org.airgap.compare;

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

    /** The entry of a path (a binary search: entries are sorted by path). */
    public Optional<EntryComparison> entry(String path) {
        int low = 0;
        int high = entries.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int order = entries.get(middle).path().compareTo(path);
            if (order == 0) {
                return Optional.of(entries.get(middle));
            }
            if (order < 0) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return Optional.empty();
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
