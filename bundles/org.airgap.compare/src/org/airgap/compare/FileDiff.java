package org.airgap.compare;

import java.util.Objects;

/** The differences of one path, as {@link CompareEngine#diff} finds them. */
public sealed interface FileDiff {

    String path();

    /** Whether nothing relevant differs. */
    boolean isEmpty();

    /**
     * Two text files (or one, when the path was added or removed).
     *
     * @param unified the unified diff, "" when equal
     * @param note    why a table file was diffed as text (it does not follow the table format), or
     *                {@code null}
     */
    record Text(String path, TextDiff diff, String unified, String note) implements FileDiff {
        public Text {
            Objects.requireNonNull(diff, "diff");
            Objects.requireNonNull(unified, "unified");
        }

        @Override
        public boolean isEmpty() {
            return diff.isEmpty();
        }
    }

    /** Two table files: rows added, removed and changed. */
    record Table(String path, TableDiff diff) implements FileDiff {
        public Table {
            Objects.requireNonNull(diff, "diff");
        }

        @Override
        public boolean isEmpty() {
            return diff.isEmpty();
        }
    }

    /**
     * No line diff is possible: binary content, a file larger than {@link CompareEngine#TEXT_LIMIT}, or a
     * directory or link on either side.
     *
     * @param equal  whether the entries are equal (same hash, same type and link target)
     * @param reason for users, for example "binary content (NUL bytes)"
     */
    record Opaque(String path, boolean equal, String reason) implements FileDiff {
        @Override
        public boolean isEmpty() {
            return equal;
        }
    }
}
