package org.airgap.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * A line diff of two texts and its unified form ({@code diff -u}: {@code ---}/{@code +++} headers,
 * {@code @@} hunks with {@value #CONTEXT} lines of context, "\ No newline at end of file").
 * <p>
 * Lines are compared with their terminator, so a missing newline at the end or a CRLF that became LF is
 * a change. Lines matched by the ignore predicate never count as changes: they all compare equal to one
 * another, an ignored line that was added, removed or rewritten starts no hunk, and a text whose other
 * lines are equal has an empty diff. Inside a hunk they are still shown as they are, so the hunk is a
 * faithful patch.
 * <p>
 * The alignment is Myers' O((N+M)D) algorithm in its linear-space form, after dropping the common prefix
 * and suffix and the lines that occur in one text only (they cannot be matched).
 */
public final class TextDiff {

    /** Unchanged lines shown around each change. */
    public static final int CONTEXT = 3;

    /** What a line of a hunk is. */
    public enum Kind {
        CONTEXT(' '), REMOVED('-'), ADDED('+');

        private final char prefix;

        Kind(char prefix) {
            this.prefix = prefix;
        }

        /** The character that starts the line in the unified form. */
        public char prefix() {
            return prefix;
        }
    }

    /**
     * One line of a hunk.
     *
     * @param text    the line with its terminator ("\n" or "\r\n"), none for a last line without newline
     * @param ignored whether an ignore rule matched it (then it is not counted as a change)
     */
    public record Line(Kind kind, String text, boolean ignored) {
    }

    /**
     * A group of changes with their context.
     *
     * @param oldStart first line in the old text (1-based), or the line before when {@code oldCount} is 0
     * @param newStart likewise in the new text
     */
    public record Hunk(int oldStart, int oldCount, int newStart, int newCount, List<Line> lines) {
        public Hunk {
            lines = List.copyOf(lines);
        }
    }

    private final List<Hunk> hunks;
    private final int added;
    private final int removed;

    private TextDiff(List<Hunk> hunks, int added, int removed) {
        this.hunks = List.copyOf(hunks);
        this.added = added;
        this.removed = removed;
    }

    /** The diff of two texts; {@code ignored} (may be {@code null}) sees each line without terminator. */
    public static TextDiff of(String oldText, String newText, Predicate<String> ignored) {
        return of(lines(oldText), lines(newText), ignored);
    }

    /** The diff of two texts as {@link #lines(String) lines with their terminators}. */
    public static TextDiff of(List<String> oldLines, List<String> newLines, Predicate<String> ignored) {
        return new Builder(oldLines, newLines, ignored).build();
    }

    /** Splits a text after each '\n'; the last line has no terminator when the text does not end with one. */
    public static List<String> lines(String text) {
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', start)) {
            lines.add(text.substring(start, i + 1));
            start = i + 1;
        }
        if (start < text.length()) {
            lines.add(text.substring(start));
        }
        return lines;
    }

    /** A line without its terminator ("\n", "\r\n"), as ignore rules see it. */
    public static String content(String line) {
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\n') {
            end--;
            if (end > 0 && line.charAt(end - 1) == '\r') {
                end--;
            }
        }
        return line.substring(0, end);
    }

    public List<Hunk> hunks() {
        return hunks;
    }

    /** Lines added, not counting ignored ones. */
    public int added() {
        return added;
    }

    /** Lines removed, not counting ignored ones. */
    public int removed() {
        return removed;
    }

    /** Whether the texts are equal apart from ignored lines. */
    public boolean isEmpty() {
        return hunks.isEmpty();
    }

    /** The unified form with these file labels; "" when there are no differences, like {@code diff}. */
    public String unified(String oldLabel, String newLabel) {
        if (hunks.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(oldLabel).append('\n');
        out.append("+++ ").append(newLabel).append('\n');
        for (Hunk hunk : hunks) {
            out.append("@@ -").append(range(hunk.oldStart(), hunk.oldCount()))
                    .append(" +").append(range(hunk.newStart(), hunk.newCount())).append(" @@\n");
            for (Line line : hunk.lines()) {
                String text = line.text();
                boolean newline = text.endsWith("\n");
                out.append(line.kind().prefix()).append(text, 0, newline ? text.length() - 1 : text.length())
                        .append('\n');
                if (!newline) {
                    out.append("\\ No newline at end of file\n");
                }
            }
        }
        return out.toString();
    }

    private static String range(int start, int count) {
        return count == 1 ? Integer.toString(start) : start + "," + count;
    }

    /** One step of the edit script over the original lines; positions count the lines before it. */
    private record Op(Kind kind, int oldPos, int newPos, boolean ignored) {
    }

    private static final class Builder {

        private static final int IGNORED_TOKEN = 0;

        private final List<String> oldLines;
        private final List<String> newLines;
        private final boolean[] oldIgnored;
        private final boolean[] newIgnored;
        private final boolean[] removedFlags;
        private final boolean[] addedFlags;
        private int[] a;
        private int[] b;
        private int[] forward;
        private int[] backward;
        private int offset;

        Builder(List<String> oldLines, List<String> newLines, Predicate<String> ignored) {
            this.oldLines = List.copyOf(Objects.requireNonNull(oldLines, "oldLines"));
            this.newLines = List.copyOf(Objects.requireNonNull(newLines, "newLines"));
            this.oldIgnored = ignoredFlags(this.oldLines, ignored);
            this.newIgnored = ignoredFlags(this.newLines, ignored);
            this.removedFlags = new boolean[oldLines.size()];
            this.addedFlags = new boolean[newLines.size()];
        }

        private static boolean[] ignoredFlags(List<String> lines, Predicate<String> ignored) {
            boolean[] flags = new boolean[lines.size()];
            if (ignored != null) {
                for (int i = 0; i < flags.length; i++) {
                    flags[i] = ignored.test(content(lines.get(i)));
                }
            }
            return flags;
        }

        TextDiff build() {
            align();
            return hunks(ops());
        }

        /** Sets removedFlags/addedFlags to a shortest edit script. */
        private void align() {
            // Lines become numbers; all ignored lines share one, so they match each other.
            Map<String, Integer> tokens = new HashMap<>();
            int[] oldTokens = tokenize(oldLines, oldIgnored, tokens);
            int[] newTokens = tokenize(newLines, newIgnored, tokens);
            int[] inOld = new int[tokens.size() + 1];
            int[] inNew = new int[tokens.size() + 1];
            for (int token : oldTokens) {
                inOld[token]++;
            }
            for (int token : newTokens) {
                inNew[token]++;
            }
            // A line that the other text does not contain is a change whatever the alignment: leaving it
            // out keeps D (and so the run time) small when much was rewritten.
            int[] oldIndex = keep(oldTokens, inNew, removedFlags);
            int[] newIndex = keep(newTokens, inOld, addedFlags);
            a = new int[oldIndex.length];
            for (int i = 0; i < a.length; i++) {
                a[i] = oldTokens[oldIndex[i]];
            }
            b = new int[newIndex.length];
            for (int j = 0; j < b.length; j++) {
                b[j] = newTokens[newIndex[j]];
            }
            boolean[] aRemoved = new boolean[a.length];
            boolean[] bAdded = new boolean[b.length];
            // Diagonals reach from -(m + D/2 + 1) to n + D/2 + 1 in any sub-problem.
            offset = 2 * (a.length + b.length) + 2;
            forward = new int[2 * offset + 1];
            backward = new int[2 * offset + 1];
            compareSequences(0, a.length, 0, b.length, aRemoved, bAdded);
            for (int i = 0; i < a.length; i++) {
                removedFlags[oldIndex[i]] = aRemoved[i];
            }
            for (int j = 0; j < b.length; j++) {
                addedFlags[newIndex[j]] = bAdded[j];
            }
        }

        private static int[] tokenize(List<String> lines, boolean[] ignored, Map<String, Integer> tokens) {
            int[] result = new int[lines.size()];
            for (int i = 0; i < result.length; i++) {
                result[i] = ignored[i] ? IGNORED_TOKEN : tokens.computeIfAbsent(lines.get(i), key -> tokens.size() + 1);
            }
            return result;
        }

        /** Indexes of the tokens the other text has; the others are flagged as changed. */
        private static int[] keep(int[] tokens, int[] inOther, boolean[] changed) {
            int[] kept = new int[tokens.length];
            int count = 0;
            for (int i = 0; i < tokens.length; i++) {
                if (inOther[tokens[i]] > 0) {
                    kept[count++] = i;
                } else {
                    changed[i] = true;
                }
            }
            return Arrays.copyOf(kept, count);
        }

        /** Linear-space Myers: strip equal ends, split at the middle snake, recurse (depth O(log D)). */
        private void compareSequences(int xStart, int xEnd, int yStart, int yEnd, boolean[] aRemoved,
                boolean[] bAdded) {
            while (xStart < xEnd && yStart < yEnd && a[xStart] == b[yStart]) {
                xStart++;
                yStart++;
            }
            while (xEnd > xStart && yEnd > yStart && a[xEnd - 1] == b[yEnd - 1]) {
                xEnd--;
                yEnd--;
            }
            if (xStart == xEnd) {
                for (int y = yStart; y < yEnd; y++) {
                    bAdded[y] = true;
                }
            } else if (yStart == yEnd) {
                for (int x = xStart; x < xEnd; x++) {
                    aRemoved[x] = true;
                }
            } else {
                long split = middleSnake(xStart, xEnd, yStart, yEnd);
                int xMid = (int) (split >>> 32);
                int yMid = (int) split;
                compareSequences(xStart, xMid, yStart, yMid, aRemoved, bAdded);
                compareSequences(xMid, xEnd, yMid, yEnd, aRemoved, bAdded);
            }
        }

        /**
         * A point on an optimal path from (xStart, yStart) to (xEnd, yEnd) that splits the edit distance in
         * halves (Myers 1986, section 4b), as {@code x << 32 | y}. Diagonals are k = x - y in coordinates
         * relative to the start; the forward search starts on diagonal 0, the backward one on delta.
         */
        private long middleSnake(int xStart, int xEnd, int yStart, int yEnd) {
            int n = xEnd - xStart;
            int m = yEnd - yStart;
            int delta = n - m;
            boolean odd = (delta & 1) != 0;
            int max = (n + m + 1) / 2;
            forward[offset + 1] = 0;
            backward[offset + delta + 1] = n + 1;
            for (int d = 0; d <= max; d++) {
                for (int k = -d; k <= d; k += 2) {
                    int x = k == -d || (k != d && forward[offset + k - 1] < forward[offset + k + 1])
                            ? forward[offset + k + 1]
                            : forward[offset + k - 1] + 1;
                    int y = x - k;
                    while (x < n && y < m && a[xStart + x] == b[yStart + y]) {
                        x++;
                        y++;
                    }
                    forward[offset + k] = x;
                    if (odd && k >= delta - (d - 1) && k <= delta + (d - 1) && x >= backward[offset + k]) {
                        return (long) (xStart + x) << 32 | (yStart + y);
                    }
                }
                for (int c = delta - d; c <= delta + d; c += 2) {
                    int x = c == delta - d || (c != delta + d && backward[offset + c + 1] - 1 < backward[offset + c - 1])
                            ? backward[offset + c + 1] - 1
                            : backward[offset + c - 1];
                    int y = x - c;
                    while (x > 0 && y > 0 && a[xStart + x - 1] == b[yStart + y - 1]) {
                        x--;
                        y--;
                    }
                    backward[offset + c] = x;
                    if (!odd && c >= -d && c <= d && x <= forward[offset + c]) {
                        return (long) (xStart + x) << 32 | (yStart + y);
                    }
                }
            }
            throw new IllegalStateException("no middle snake"); // unreachable: the paths meet by d = max
        }

        /** The edit script over the original lines: in a change, removals come before additions. */
        private List<Op> ops() {
            List<Op> ops = new ArrayList<>(Math.max(oldLines.size(), newLines.size()));
            int i = 0;
            int j = 0;
            while (i < oldLines.size() || j < newLines.size()) {
                if (i < oldLines.size() && removedFlags[i]) {
                    ops.add(new Op(Kind.REMOVED, i, j, oldIgnored[i]));
                    i++;
                } else if (j < newLines.size() && addedFlags[j]) {
                    ops.add(new Op(Kind.ADDED, i, j, newIgnored[j]));
                    j++;
                } else if (oldLines.get(i).equals(newLines.get(j))) {
                    ops.add(new Op(Kind.CONTEXT, i, j, oldIgnored[i]));
                    i++;
                    j++;
                } else {
                    // Two different ignored lines aligned with each other: shown as they are, not counted.
                    ops.add(new Op(Kind.REMOVED, i, j, true));
                    ops.add(new Op(Kind.ADDED, i + 1, j, true));
                    i++;
                    j++;
                }
            }
            return ops;
        }

        private TextDiff hunks(List<Op> ops) {
            List<Integer> relevant = new ArrayList<>();
            int[] contextBefore = new int[ops.size() + 1];
            int added = 0;
            int removed = 0;
            for (int k = 0; k < ops.size(); k++) {
                Op op = ops.get(k);
                contextBefore[k + 1] = contextBefore[k] + (op.kind() == Kind.CONTEXT ? 1 : 0);
                if (op.kind() != Kind.CONTEXT && !op.ignored()) {
                    relevant.add(k);
                    if (op.kind() == Kind.ADDED) {
                        added++;
                    } else {
                        removed++;
                    }
                }
            }
            List<Hunk> hunks = new ArrayList<>();
            int r = 0;
            while (r < relevant.size()) {
                int first = relevant.get(r);
                int last = first;
                // Changes closer than twice the context share a hunk, as in diff -u.
                while (r + 1 < relevant.size()
                        && contextBefore[relevant.get(r + 1)] - contextBefore[last + 1] <= 2 * CONTEXT) {
                    last = relevant.get(++r);
                }
                r++;
                int start = first;
                for (int context = 0; start > 0 && context < CONTEXT;) {
                    start--;
                    if (ops.get(start).kind() == Kind.CONTEXT) {
                        context++;
                    }
                }
                int end = last + 1;
                for (int context = 0; end < ops.size() && context < CONTEXT; end++) {
                    if (ops.get(end).kind() == Kind.CONTEXT) {
                        context++;
                    }
                }
                hunks.add(hunk(ops.subList(start, end)));
            }
            return new TextDiff(hunks, added, removed);
        }

        private Hunk hunk(List<Op> ops) {
            List<Line> lines = new ArrayList<>(ops.size());
            int oldCount = 0;
            int newCount = 0;
            for (Op op : ops) {
                switch (op.kind()) {
                    case CONTEXT -> {
                        lines.add(new Line(Kind.CONTEXT, oldLines.get(op.oldPos()), op.ignored()));
                        oldCount++;
                        newCount++;
                    }
                    case REMOVED -> {
                        lines.add(new Line(Kind.REMOVED, oldLines.get(op.oldPos()), op.ignored()));
                        oldCount++;
                    }
                    case ADDED -> {
                        lines.add(new Line(Kind.ADDED, newLines.get(op.newPos()), op.ignored()));
                        newCount++;
                    }
                }
            }
            Op first = ops.get(0);
            int oldStart = first.oldPos() + (oldCount > 0 ? 1 : 0);
            int newStart = first.newPos() + (newCount > 0 ? 1 : 0);
            return new Hunk(oldStart, oldCount, newStart, newCount, Collections.unmodifiableList(lines));
        }
    }
}
