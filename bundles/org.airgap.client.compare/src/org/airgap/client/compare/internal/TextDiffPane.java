package org.airgap.client.compare.internal;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import java.util.List;

import org.airgap.client.ui.CompareResultStyle;

import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.Bullet;
import org.eclipse.swt.custom.LineStyleEvent;
import org.eclipse.swt.custom.ST;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GlyphMetrics;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * The side-by-side text diff: the basis on the left, the backup on the right, one row per row of a
 * {@link SideBySide}, with line numbers, changed rows highlighted, scrolling together, and buttons to go
 * to the next and previous change.
 */
final class TextDiffPane {

    private static final Color LINE_NUMBER = new Color(0x90, 0x90, 0x90);

    private final Composite control;
    private final Label leftTitle;
    private final Label rightTitle;
    private final Label position;
    private final Label note;
    private final Button previous;
    private final Button next;
    private final StyledText left;
    private final StyledText right;
    private SideBySide layout = null;
    private int current = -1;
    private boolean syncing;

    TextDiffPane(Composite parent) {
        control = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).equalWidth(true).spacing(4, 4).applyTo(control);

        Composite bar = new Composite(control, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(4).applyTo(bar);
        GridDataFactory.fillDefaults().span(2, 1).grab(true, false).applyTo(bar);
        previous = new Button(bar, SWT.PUSH);
        previous.setText("\u25b2 &Previous change");
        previous.setToolTipText("Go to the previous change (Alt+P)");
        previous.setData(TEST_ID, "compare.text.previous");
        next = new Button(bar, SWT.PUSH);
        next.setText("\u25bc &Next change");
        next.setToolTipText("Go to the next change (Alt+N)");
        next.setData(TEST_ID, "compare.text.next");
        position = new Label(bar, SWT.NONE);
        position.setData(TEST_ID, "compare.text.position");
        GridDataFactory.fillDefaults().align(SWT.BEGINNING, SWT.CENTER).indent(8, 0).applyTo(position);
        note = new Label(bar, SWT.NONE);
        note.setForeground(new Color(CompareResultStyle.ORANGE));
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).indent(8, 0).applyTo(note);
        previous.addListener(SWT.Selection, e -> go(-1));
        next.addListener(SWT.Selection, e -> go(+1));

        leftTitle = title(control);
        rightTitle = title(control);
        left = text(control, "compare.text.left");
        right = text(control, "compare.text.right");
        link(left, right);
        link(right, left);
    }

    private static Label title(Composite parent) {
        Label label = new Label(parent, SWT.NONE);
        label.setFont(JFaceResources.getBannerFont());
        GridDataFactory.fillDefaults().grab(true, false).applyTo(label);
        return label;
    }

    private StyledText text(Composite parent, String testId) {
        StyledText text = new StyledText(parent, SWT.BORDER | SWT.READ_ONLY | SWT.V_SCROLL | SWT.H_SCROLL);
        text.setFont(JFaceResources.getTextFont());
        text.setData(TEST_ID, testId);
        text.setAlwaysShowScrollBars(true); // both sides keep the same width, so their lines stay level
        text.setLeftMargin(4);
        text.addLineStyleListener(event -> lineNumber(text, event));
        GridDataFactory.fillDefaults().grab(true, true).hint(200, 200).applyTo(text);
        return text;
    }

    /** Line numbers of the side's own file in the margin; rows where the side has no line get none. */
    private void lineNumber(StyledText text, LineStyleEvent event) {
        if (layout == null) {
            return;
        }
        int row = text.getLineAtOffset(event.lineOffset);
        if (row >= layout.rows().size()) {
            return;
        }
        SideBySide.Row line = layout.rows().get(row);
        int number = text == left ? line.oldNumber() : line.newNumber();
        StyleRange style = new StyleRange();
        style.foreground = LINE_NUMBER;
        int digits = Math.max(3, Integer.toString(layout.rows().size()).length());
        style.metrics = new GlyphMetrics(0, 0, digits * text.getLineHeight() / 2 + 8);
        event.bullet = new Bullet(ST.BULLET_TEXT, style);
        event.bullet.text = number == 0 ? "" : String.format("%" + digits + "d", number);
        event.bulletIndex = row;
        if (line.kind() == SideBySide.Kind.CHANGED) {
            event.styles = changedPart(line, text == left, event.lineOffset);
        }
    }

    /** The part of a changed line that differs from its partner: what is left after the common ends. */
    private static StyleRange[] changedPart(SideBySide.Row row, boolean oldSide, int lineOffset) {
        String mine = oldSide ? row.oldText() : row.newText();
        String other = oldSide ? row.newText() : row.oldText();
        int prefix = 0;
        while (prefix < mine.length() && prefix < other.length() && mine.charAt(prefix) == other.charAt(prefix)) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < mine.length() - prefix && suffix < other.length() - prefix
                && mine.charAt(mine.length() - 1 - suffix) == other.charAt(other.length() - 1 - suffix)) {
            suffix++;
        }
        int length = mine.length() - prefix - suffix;
        if (length <= 0) {
            return new StyleRange[0];
        }
        StyleRange range = new StyleRange(lineOffset + prefix, length, null, StatusStyle.CHANGED_PART_BACKGROUND);
        range.fontStyle = SWT.BOLD;
        return new StyleRange[] { range };
    }

    /** Scrolls {@code follower} with {@code leader}, whichever way the leader moved. */
    private void link(StyledText leader, StyledText follower) {
        Runnable follow = () -> {
            if (syncing || leader.isDisposed() || follower.isDisposed()) {
                return;
            }
            syncing = true;
            try {
                follower.setTopPixel(leader.getTopPixel());
                follower.setHorizontalPixel(leader.getHorizontalPixel());
            } finally {
                syncing = false;
            }
        };
        leader.getVerticalBar().addListener(SWT.Selection, e -> follow.run());
        leader.getHorizontalBar().addListener(SWT.Selection, e -> follow.run());
        leader.addCaretListener(e -> leader.getDisplay().asyncExec(follow));
        leader.addListener(SWT.MouseVerticalWheel, e -> leader.getDisplay().asyncExec(follow));
        leader.addListener(SWT.Resize, e -> follow.run());
    }

    Composite control() {
        return control;
    }

    StyledText left() {
        return left;
    }

    StyledText right() {
        return right;
    }

    /** Shows a diff; {@code note} explains something about it (a table file shown as text), may be null. */
    void show(SideBySide diff, String leftLabel, String rightLabel, String noteText) {
        layout = diff;
        leftTitle.setText(leftLabel);
        rightTitle.setText(rightLabel);
        note.setText(noteText == null ? "" : noteText);
        StringBuilder oldText = new StringBuilder();
        StringBuilder newText = new StringBuilder();
        List<SideBySide.Row> rows = diff.rows();
        for (int i = 0; i < rows.size(); i++) {
            String separator = i + 1 < rows.size() ? "\n" : "";
            oldText.append(rows.get(i).oldText()).append(separator);
            newText.append(rows.get(i).newText()).append(separator);
        }
        left.setText(oldText.toString());
        right.setText(newText.toString());
        for (int i = 0; i < rows.size(); i++) {
            SideBySide.Row row = rows.get(i);
            left.setLineBackground(i, 1, background(row.kind(), true));
            right.setLineBackground(i, 1, background(row.kind(), false));
        }
        current = -1;
        if (!diff.changes().isEmpty()) {
            go(+1);
        } else {
            left.setTopIndex(0);
            right.setTopIndex(0);
            updatePosition();
        }
        control.layout(true, true);
    }

    private static Color background(SideBySide.Kind kind, boolean oldSide) {
        return switch (kind) {
            case EQUAL -> null;
            case CHANGED -> StatusStyle.CHANGED_BACKGROUND;
            case REMOVED -> oldSide ? StatusStyle.REMOVED_BACKGROUND : StatusStyle.FILLER_BACKGROUND;
            case ADDED -> oldSide ? StatusStyle.FILLER_BACKGROUND : StatusStyle.ADDED_BACKGROUND;
            case IGNORED -> StatusStyle.IGNORED_BACKGROUND;
        };
    }

    /** Moves to the next ({@code +1}) or previous ({@code -1}) change, both sides, and selects it on the right. */
    private void go(int direction) {
        List<Integer> changes = layout == null ? List.of() : layout.changes();
        int target = current + direction;
        if (target < 0 || target >= changes.size()) {
            return;
        }
        current = target;
        int row = changes.get(current);
        int top = Math.max(0, row - 3); // a little context above the change
        syncing = true;
        try {
            left.setTopIndex(top);
            right.setTopIndex(top);
            right.setSelection(right.getOffsetAtLine(row));
            left.setSelection(left.getOffsetAtLine(row));
            left.setTopIndex(top);
            right.setTopIndex(top);
        } finally {
            syncing = false;
        }
        updatePosition();
    }

    /** The row of the change shown, or -1. */
    int currentChangeRow() {
        return current < 0 ? -1 : layout.changes().get(current);
    }

    private void updatePosition() {
        int count = layout.changes().size();
        position.setText(count == 0 ? "No differences"
                : "Change " + (current + 1) + " of " + count);
        previous.setEnabled(current > 0);
        next.setEnabled(current + 1 < count);
        position.getParent().layout(true);
    }
}
