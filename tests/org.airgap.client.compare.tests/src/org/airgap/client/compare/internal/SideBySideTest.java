package org.airgap.client.compare.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.Predicate;

import org.airgap.client.compare.internal.SideBySide.Kind;
import org.airgap.client.compare.internal.SideBySide.Row;
import org.airgap.compare.TextDiff;
import org.junit.jupiter.api.Test;

/** The side-by-side layout follows the engine's hunks: every line once, both sides level. */
class SideBySideTest {

    private static SideBySide layout(String oldText, String newText, Predicate<String> ignored) {
        return SideBySide.of(oldText, newText, TextDiff.of(oldText, newText, ignored));
    }

    private static String numbered(int from, int to, int changed, String change) {
        StringBuilder text = new StringBuilder();
        for (int line = from; line <= to; line++) {
            text.append(line == changed ? change : "line " + line).append('\n');
        }
        return text.toString();
    }

    @Test
    void aChangedLineFarFromTheStartStandsLevelWithItsReplacement() {
        SideBySide layout = layout(numbered(1, 40, 0, null), numbered(1, 40, 25, "line 25 changed"), null);
        assertEquals(40, layout.rows().size(), "one row per line: nothing padded");
        assertEquals(new Row(Kind.CHANGED, 25, "line 25", 25, "line 25 changed"), layout.rows().get(24));
        assertEquals(new Row(Kind.EQUAL, 40, "line 40", 40, "line 40"), layout.rows().get(39));
        assertEquals(List.of(24), layout.changes());
    }

    @Test
    void removedAndAddedLinesLeaveAGapOnTheOtherSideAndLaterLinesKeepTheirNumbers() {
        String oldText = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\n";
        String newText = "a\nc\nd\ne\nf\ng\nh\ni\nj\nk\nNEW\nl\n"; // b removed, NEW added: two hunks
        SideBySide layout = layout(oldText, newText, null);
        assertEquals(new Row(Kind.REMOVED, 2, "b", 0, ""), layout.rows().get(1));
        assertEquals(new Row(Kind.EQUAL, 3, "c", 2, "c"), layout.rows().get(2));
        assertEquals(new Row(Kind.ADDED, 0, "", 11, "NEW"), layout.rows().get(11));
        assertEquals(new Row(Kind.EQUAL, 12, "l", 12, "l"), layout.rows().get(12));
        assertEquals(13, layout.rows().size());
        assertEquals(List.of(1, 11), layout.changes());
    }

    @Test
    void anAddedFileIsAllOnTheRightAndAFileWithoutFinalNewlineKeepsItsLastLine() {
        SideBySide added = layout("", "x\ny", null);
        assertEquals(List.of(new Row(Kind.ADDED, 0, "", 1, "x"), new Row(Kind.ADDED, 0, "", 2, "y")), added.rows());
        SideBySide removed = layout("x\n", "", null);
        assertEquals(List.of(new Row(Kind.REMOVED, 1, "x", 0, "")), removed.rows());
    }

    @Test
    void differencesInIgnoredLinesAreShownButAreNoChangeToGoTo() {
        String oldText = "speed=1\n# saved 08:00\nmode=2\n";
        String newText = "speed=1\n# saved 09:30\nmode=2\n";
        SideBySide layout = layout(oldText, newText, line -> line.startsWith("# saved"));
        assertEquals(List.of(), layout.changes());
        assertEquals(Kind.IGNORED, layout.rows().get(1).kind());
        assertEquals("# saved 09:30", layout.rows().get(1).newText());
    }

    @Test
    void aDiffOfOtherTextsIsRefused() {
        TextDiff diff = TextDiff.of("a\nb\n", "a\nc\n", null);
        assertThrows(IllegalArgumentException.class, () -> SideBySide.of("a\n", "a\nc\nd\ne\n", diff));
    }
}
