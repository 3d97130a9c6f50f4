package org.airgap.model;

import java.util.Arrays;

/**
 * The result of comparing a backup with a basis, in the words technicians know. Declared from best to
 * worst: when results are combined, the worst wins (Error > Different > Equal > Not compared > Not
 * available).
 */
public enum CompareResult {
    /** There is no basis to compare with (no server version, no previous backup). */
    NOT_AVAILABLE("Not available"),
    /** A basis exists but no comparison was made (compare disabled, or not yet run). */
    NOT_COMPARED("Not compared"),
    EQUAL("Equal"),
    DIFFERENT("Different"),
    /** The comparison could not be made: the backup failed, or a file could not be read. */
    ERROR("Error");

    private final String label;

    CompareResult(String label) {
        this.label = label;
    }

    /** The label shown to users, for example "Not available". */
    public String label() {
        return label;
    }

    /** The worst of two results. */
    public CompareResult combine(CompareResult other) {
        return other == null || compareTo(other) >= 0 ? this : other;
    }

    /** The worst of several results; {@link #NOT_AVAILABLE} for none. */
    public static CompareResult worst(CompareResult... results) {
        return Arrays.stream(results).reduce(NOT_AVAILABLE, CompareResult::combine);
    }
}
