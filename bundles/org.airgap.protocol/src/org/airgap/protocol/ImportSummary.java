package org.airgap.protocol;

import java.util.List;

/**
 * What {@code POST /api/admin/import} did, or with {@code dryRun} would do: the counts of
 * {@link ImportReport} (a client reading an {@code ImportReport} reads these fields), what {@code prune}
 * removed or archived, and each change in words ("create folder plant-2", "archive component plc-7 (it
 * has 3 versions)"), in the order they are made.
 */
public record ImportSummary(int created, int updated, int unchanged, int removed, int archived, boolean dryRun,
        List<String> changes) {

    public ImportSummary {
        changes = changes == null ? List.of() : List.copyOf(changes);
    }
}
