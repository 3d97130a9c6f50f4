package org.airgap.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;

/**
 * Unified diffs checked exactly; the expected texts are what GNU diff -u prints for the same inputs
 * (with --label old --label new).
 */
class TextDiffTest {

    private static String unified(String oldText, String newText) {
        return TextDiff.of(oldText, newText, null).unified("old", "new");
    }

    @Test
    void identicalTextsHaveNoDiff() {
        assertEquals("", unified("a\nb\n", "a\nb\n"));
        assertTrue(TextDiff.of("a\nb\n", "a\nb\n", null).isEmpty());
        assertEquals("", unified("", ""));
    }

    @Test
    void insertionInTheMiddleHasThreeLinesOfContext() {
        assertEquals("""
                --- old
                +++ new
                @@ -2,6 +2,7 @@
                 b
                 c
                 d
                +X
                 e
                 f
                 g
                """, unified("a\nb\nc\nd\ne\nf\ng\nh\n", "a\nb\nc\nd\nX\ne\nf\ng\nh\n"));
    }

    @Test
    void deletionAtTheStart() {
        assertEquals("""
                --- old
                +++ new
                @@ -1,5 +1,3 @@
                -a
                -b
                 c
                 d
                 e
                """, unified("a\nb\nc\nd\ne\nf\n", "c\nd\ne\nf\n"));
    }

    @Test
    void changeAtTheEnd() {
        TextDiff diff = TextDiff.of("a\nb\nc\nd\ne\nf\n", "a\nb\nc\nd\ne\nF\n", null);
        assertEquals("""
                --- old
                +++ new
                @@ -3,4 +3,4 @@
                 c
                 d
                 e
                -f
                +F
                """, diff.unified("old", "new"));
        assertEquals(1, diff.added());
        assertEquals(1, diff.removed());
    }

    @Test
    void changeAtTheStart() {
        assertEquals("""
                --- old
                +++ new
                @@ -1,4 +1,4 @@
                -a
                +A
                 b
                 c
                 d
                """, unified("a\nb\nc\nd\ne\n", "A\nb\nc\nd\ne\n"));
    }

    @Test
    void emptyFiles() {
        assertEquals("""
                --- old
                +++ new
                @@ -0,0 +1,2 @@
                +a
                +b
                """, unified("", "a\nb\n"));
        assertEquals("""
                --- old
                +++ new
                @@ -1 +0,0 @@
                -a
                """, unified("a\n", ""));
    }

    @Test
    void missingNewlineAtTheEndIsAChangeAndIsMarked() {
        assertEquals("""
                --- old
                +++ new
                @@ -1,3 +1,3 @@
                 a
                 b
                -c
                \\ No newline at end of file
                +c
                """, unified("a\nb\nc", "a\nb\nc\n"));
        assertEquals("""
                --- old
                +++ new
                @@ -1,2 +1,2 @@
                 a
                -b
                \\ No newline at end of file
                +c
                \\ No newline at end of file
                """, unified("a\nb", "a\nc"));
    }

    @Test
    void changesSixLinesApartShareAHunkSevenApartDoNot() {
        assertEquals("""
                --- old
                +++ new
                @@ -1,10 +1,8 @@
                 1
                -X
                 2
                 3
                 4
                 5
                 6
                 7
                -Y
                 8
                """, unified("1\nX\n2\n3\n4\n5\n6\n7\nY\n8\n", "1\n2\n3\n4\n5\n6\n7\n8\n"));
        assertEquals("""
                --- old
                +++ new
                @@ -1,5 +1,4 @@
                 1
                -X
                 2
                 3
                 4
                @@ -7,5 +6,4 @@
                 6
                 7
                 8
                -Y
                 9
                """, unified("1\nX\n2\n3\n4\n5\n6\n7\n8\nY\n9\n", "1\n2\n3\n4\n5\n6\n7\n8\n9\n"));
    }

    @Test
    void ignoredLinesNeverCountAsChanges() {
        Predicate<String> timestamp = line -> line.startsWith("read at ");
        TextDiff onlyTimestamp = TextDiff.of("read at 10:00\na\nb\n", "read at 11:00\na\nb\n", timestamp);
        assertTrue(onlyTimestamp.isEmpty());
        assertEquals("", onlyTimestamp.unified("old", "new"));
        // An ignored line added or removed starts no hunk either.
        assertTrue(TextDiff.of("a\nb\n", "a\nread at 12:00\nb\n", timestamp).isEmpty());

        // A real change next to it: the hunk shows the timestamp lines as they are, but counts only the change.
        TextDiff real = TextDiff.of("read at 10:00\na\nb\n", "read at 11:00\na\nB\n", timestamp);
        assertEquals("""
                --- old
                +++ new
                @@ -1,3 +1,3 @@
                -read at 10:00
                +read at 11:00
                 a
                -b
                +B
                """, real.unified("old", "new"));
        assertEquals(1, real.added());
        assertEquals(1, real.removed());
    }

    @Test
    void linesKeepTheirTerminators() {
        assertEquals(List.of("a\n", "b\r\n", "c"), TextDiff.lines("a\nb\r\nc"));
        assertEquals(List.of(), TextDiff.lines(""));
        assertEquals("b", TextDiff.content("b\r\n"));
        assertEquals(1, TextDiff.of("a\r\n", "a\n", null).hunks().size(), "CRLF -> LF is a change");
    }

    /** Random edits on small alphabets: the diff is minimal (as long as an LCS) and turns old into new. */
    @Test
    void randomTextsGetAMinimalDiffThatReproducesTheNewText() {
        Random random = new Random(20240611);
        for (int round = 0; round < 500; round++) {
            List<String> oldLines = randomLines(random);
            List<String> newLines = random.nextBoolean() ? randomLines(random) : mutate(oldLines, random);
            TextDiff diff = TextDiff.of(oldLines, newLines, null);
            int lcs = lcsLength(oldLines, newLines);
            assertEquals(oldLines.size() - lcs, diff.removed(), () -> "removed for " + oldLines + " -> " + newLines);
            assertEquals(newLines.size() - lcs, diff.added(), () -> "added for " + oldLines + " -> " + newLines);
            assertEquals(newLines, apply(oldLines, diff), () -> "patch of " + oldLines + " -> " + newLines);
        }
    }

    @Test
    void largeRewrittenTextsStayFast() {
        List<String> oldLines = new ArrayList<>();
        List<String> newLines = new ArrayList<>();
        for (int i = 0; i < 50_000; i++) {
            oldLines.add("old line " + i + "\n");
            newLines.add(i % 2 == 0 ? "old line " + i + "\n" : "new line " + i + "\n");
        }
        TextDiff diff = TextDiff.of(oldLines, newLines, null);
        assertEquals(25_000, diff.added());
        assertEquals(25_000, diff.removed());
    }

    private static List<String> randomLines(Random random) {
        List<String> lines = new ArrayList<>();
        int size = random.nextInt(12);
        for (int i = 0; i < size; i++) {
            lines.add((char) ('a' + random.nextInt(4)) + "\n");
        }
        return lines;
    }

    private static List<String> mutate(List<String> lines, Random random) {
        List<String> result = new ArrayList<>(lines);
        for (int edits = random.nextInt(4); edits > 0; edits--) {
            int at = random.nextInt(result.size() + 1);
            if (random.nextBoolean() && at < result.size()) {
                result.remove(at);
            } else {
                result.add(at, (char) ('a' + random.nextInt(6)) + "\n");
            }
        }
        return result;
    }

    private static int lcsLength(List<String> a, List<String> b) {
        int[][] table = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                table[i][j] = a.get(i).equals(b.get(j)) ? table[i + 1][j + 1] + 1
                        : Math.max(table[i + 1][j], table[i][j + 1]);
            }
        }
        return table[0][0];
    }

    /** Applies the hunks to the old lines, checking that context and removed lines are where they say. */
    private static List<String> apply(List<String> oldLines, TextDiff diff) {
        List<String> result = new ArrayList<>();
        int next = 0;
        for (TextDiff.Hunk hunk : diff.hunks()) {
            int start = hunk.oldCount() == 0 ? hunk.oldStart() : hunk.oldStart() - 1;
            result.addAll(oldLines.subList(next, start));
            next = start;
            assertEquals(hunk.newCount() == 0 ? hunk.newStart() : hunk.newStart() - 1, result.size(), "new start");
            for (TextDiff.Line line : hunk.lines()) {
                if (line.kind() == TextDiff.Kind.ADDED) {
                    result.add(line.text());
                } else {
                    assertEquals(oldLines.get(next), line.text());
                    if (line.kind() == TextDiff.Kind.CONTEXT) {
                        result.add(line.text());
                    }
                    next++;
                }
            }
        }
        result.addAll(oldLines.subList(next, oldLines.size()));
        return result;
    }
}
