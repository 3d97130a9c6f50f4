package org.airgap.compare;

import org.airgap.model.CompareResult;

/** How one path of a backup compares with the basis. */
public enum EntryStatus {
    /** Same type and content (for files: same hash, or differences only in ignored lines or table comments). */
    EQUAL,
    /** Only in the backup. */
    ADDED,
    /** Only in the basis. */
    REMOVED,
    /** In both, with another type, content or link target. */
    CHANGED,
    /** Left out entirely by a whole-file ignore rule. */
    IGNORED,
    /** The content could not be read; {@link EntryComparison#detail()} says which file and why. */
    ERROR;

    /** What this status contributes to the overall result. */
    public CompareResult result() {
        return switch (this) {
            case EQUAL, IGNORED -> CompareResult.EQUAL;
            case ADDED, REMOVED, CHANGED -> CompareResult.DIFFERENT;
            case ERROR -> CompareResult.ERROR;
        };
    }
}
