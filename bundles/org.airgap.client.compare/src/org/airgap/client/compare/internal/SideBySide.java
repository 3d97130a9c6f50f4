package org.airgap.client.compare.internal;

import java.util.ArrayList;
import java.util.List;

import org.airgap.compare.TextDiff;

/**
 * Two texts laid out in aligned rows for a side-by-side view, following the hunks of the engine's
 * {@link TextDiff}: lines outside the hunks are equal on both sides, and inside a hunk removed lines are
 * paired with the added lines that replace them. Both sides have one row per row, so that the two views
 * scroll together line for line.
 */
final class SideBySide {

    enum Kind {
        /** The same line on both sides. */
        EQUAL,
        /** A line of the basis replaced by a line of the backup. */
        CHANGED,
        /** A line only in the basis (the backup side is empty). */
        REMOVED,
        /** A line only in the backup (the basis side is empty). */
        ADDED,
        /** A difference in lines an ignore rule matches: shown, but not a change. */
        IGNORED
    }

    /**
     * One row; a side's line number is 0 where that side has no line.
     */
    record Row(Kind kind, int oldNumber, String oldText, int newNumber, String newText) {
    }

    private final List<Row> rows;
    private final List<Integer> changes;

    private SideBySide(List<Row> rows, List<Integer> changes) {
        this.rows = List.copyOf(rows);
        this.changes = List.copyOf(changes);
    }

    List<Row> rows() {
        return rows;
    }

    /** The first row of each group of changed lines, in order: where next/previous change go. */
    List<Integer> changes() {
        return changes;
    }

    /**
     * @param oldText the basis text ("" when the file was added)
     * @param newText the backup text ("" when it was removed)
     * @param diff    their diff as the compare engine made it
     * @throws IllegalArgumentException when the diff does not belong to these texts
     */
    static SideBySide of(String oldText, String newText, TextDiff diff) {
        List<String> oldLines = TextDiff.lines(oldText);
        List<String> newLines = TextDiff.lines(newText);
        Layout layout = new Layout(oldLines, newLines);
        for (TextDiff.Hunk hunk : diff.hunks()) {
            // A start names the line before the hunk when that side has no lines in it.
            int oldFirst = hunk.oldCount() > 0 ? hunk.oldStart() - 1 : hunk.oldStart();
            int newFirst = hunk.newCount() > 0 ? hunk.newStart() - 1 : hunk.newStart();
            layout.equalUntil(oldFirst, newFirst);
            for (TextDiff.Line line : hunk.lines()) {
                switch (line.kind()) {
                    case CONTEXT -> {
                        layout.flush();
                        layout.equalUntil(layout.oldIndex + 1, layout.newIndex + 1);
                    }
                    case REMOVED -> layout.removed.add(line);
                    case ADDED -> layout.added.add(line);
                }
            }
            layout.flush();
        }
        layout.equalUntil(oldLines.size(), newLines.size());
        return new SideBySide(layout.rows, layout.changes);
    }

    private static final class Layout {
        final List<String> oldLines;
        final List<String> newLines;
        final List<Row> rows = new ArrayList<>();
        final List<Integer> changes = new ArrayList<>();
        final List<TextDiff.Line> removed = new ArrayList<>();
        final List<TextDiff.Line> added = new ArrayList<>();
        int oldIndex;
        int newIndex;

        Layout(List<String> oldLines, List<String> newLines) {
            this.oldLines = oldLines;
            this.newLines = newLines;
        }

        void equalUntil(int oldEnd, int newEnd) {
            if (oldEnd - oldIndex != newEnd - newIndex || oldEnd > oldLines.size() || newEnd > newLines.size()) {
                throw new IllegalArgumentException("the diff does not fit the texts at line " + (oldIndex + 1));
            }
            while (oldIndex < oldEnd) {
                String left = oldLines.get(oldIndex);
                String right = newLines.get(newIndex);
                // Outside the hunks, lines differ only where ignore rules matched both.
                rows.add(new Row(left.equals(right) ? Kind.EQUAL : Kind.IGNORED, oldIndex + 1, TextDiff.content(left),
                        newIndex + 1, TextDiff.content(right)));
                oldIndex++;
                newIndex++;
            }
        }

        /** Pairs the pending removed and added lines into rows. */
        void flush() {
            if (removed.isEmpty() && added.isEmpty()) {
                return;
            }
            boolean relevant = removed.stream().anyMatch(line -> !line.ignored())
                    || added.stream().anyMatch(line -> !line.ignored());
            if (relevant) {
                changes.add(rows.size());
            }
            for (int k = 0; k < Math.max(removed.size(), added.size()); k++) {
                TextDiff.Line left = k < removed.size() ? removed.get(k) : null;
                TextDiff.Line right = k < added.size() ? added.get(k) : null;
                Kind kind = !relevant ? Kind.IGNORED
                        : left != null && right != null ? Kind.CHANGED : left != null ? Kind.REMOVED : Kind.ADDED;
                rows.add(new Row(kind, left == null ? 0 : ++oldIndex, left == null ? "" : TextDiff.content(left.text()),
                        right == null ? 0 : ++newIndex, right == null ? "" : TextDiff.content(right.text())));
            }
            removed.clear();
            added.clear();
        }
    }
}
