package org.airgap.client.admin.versions.internal;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import org.airgap.client.ui.CompareResultStyle;
import org.airgap.model.CompareResult;
import org.airgap.protocol.SnapshotCompare;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * The server's compare of two snapshots: the file tree with each path's status on the left, the selected
 * file's differences on the right as the server gives them (a unified diff for text, one line per changed row
 * for a register table). A differing file whose diff the server left out of the answer (its limit) is asked
 * for by itself through {@code askForFile}.
 */
final class ComparePane {

    private static final Color ADDED = new Color(CompareResultStyle.GREEN);
    private static final Color REMOVED = new Color(CompareResultStyle.RED);
    private static final Color CHANGED = new Color(CompareResultStyle.ORANGE);

    private final Label summary;
    private final TreeViewer tree;
    private final StyledText diff;
    private final Consumer<String> askForFile;
    private SnapshotCompare shown;

    ComparePane(Composite parent, Consumer<String> askForFile) {
        this.askForFile = askForFile;
        Composite pane = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().spacing(4, 4).applyTo(pane);
        summary = new Label(pane, SWT.WRAP);
        summary.setData(TEST_ID, "versions.compare.summary");
        GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(summary);
        SashForm split = new SashForm(pane, SWT.HORIZONTAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(split);
        tree = new TreeViewer(split, SWT.BORDER | SWT.SINGLE | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL);
        tree.getTree().setHeaderVisible(true);
        tree.getTree().setData(TEST_ID, "versions.compare.tree");
        tree.setContentProvider(new ITreeContentProvider() {
            @Override
            public Object[] getElements(Object input) {
                return ((List<?>) input).toArray();
            }

            @Override
            public Object[] getChildren(Object parent) {
                return ((CompareFileTree.Node) parent).children().toArray();
            }

            @Override
            public Object getParent(Object element) {
                return null;
            }

            @Override
            public boolean hasChildren(Object element) {
                return ((CompareFileTree.Node) element).hasChildren();
            }
        });
        column("File", 150, node -> node.name, null);
        column("Status", 80, node -> CompareFileTree.label(node.status()), ComparePane::statusColor);
        tree.addSelectionChangedListener(event -> selected((IStructuredSelection) event.getSelection()));
        diff = new StyledText(split, SWT.BORDER | SWT.READ_ONLY | SWT.V_SCROLL | SWT.H_SCROLL);
        diff.setFont(JFaceResources.getTextFont());
        diff.setData(TEST_ID, "versions.compare.diff");
        split.setWeights(40, 60);
        show(null, "Select two versions (or one: it is compared with the version before) and press Compare.");
    }

    private void column(String title, int width, java.util.function.Function<CompareFileTree.Node, String> text,
            java.util.function.Function<String, Color> color) {
        TreeViewerColumn column = new TreeViewerColumn(tree, SWT.LEFT);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((CompareFileTree.Node) element);
            }

            @Override
            public Color getForeground(Object element) {
                return color == null ? null : color.apply(((CompareFileTree.Node) element).status());
            }
        });
    }

    private static Color statusColor(String status) {
        return switch (status) {
            case "ADDED" -> ADDED;
            case "REMOVED", "ERROR" -> REMOVED;
            case "CHANGED" -> CHANGED;
            default -> null;
        };
    }

    /** Shows a compare ({@code null}: none, with {@code message} instead). */
    void show(SnapshotCompare compare, String message) {
        shown = compare;
        if (compare == null) {
            summary.setText(message);
            tree.setInput(List.of());
            showDiff("");
        } else {
            summary.setText(describe(compare));
            summary.setForeground(new Color(CompareResultStyle.color(compare.result())));
            tree.setInput(CompareFileTree.of(compare.entries()));
            tree.expandAll();
            showDiff(compare.diffs().isEmpty() ? "No differences." : "Select a file to see its differences.");
        }
        summary.getParent().layout(true, true);
    }

    private static String describe(SnapshotCompare compare) {
        List<String> counts = new ArrayList<>();
        compare.counts().forEach((status, count) -> counts.add(count + " " + status.toLowerCase(Locale.ROOT)));
        return side(compare.left()) + " \u2194 " + side(compare.right()) + ": " + compare.result().label() + " \u2014 "
                + String.join(", ", counts) + (compare.ignoreRulesOf() == null ? ""
                        : "; ignore rules of job " + compare.ignoreRulesOf());
    }

    private static String side(SnapshotCompare.Side side) {
        return side.version() != null ? "Version " + side.version() : side.ref();
    }

    /** A file's differences the view asked for by themselves, when the compare's answer had no room for them. */
    void showFile(SnapshotCompare.FileDiff file) {
        showDiff(text(file));
    }

    private void selected(IStructuredSelection selection) {
        if (shown == null || !(selection.getFirstElement() instanceof CompareFileTree.Node node)) {
            return;
        }
        if (node.entry == null || "DIRECTORY".equals(node.entry.type())) {
            showDiff(node.path + ": folder, " + CompareFileTree.label(node.status()).toLowerCase(Locale.ROOT));
            return;
        }
        for (SnapshotCompare.FileDiff file : shown.diffs()) {
            if (file.path().equals(node.path)) {
                showDiff(text(file));
                return;
            }
        }
        String status = node.entry.status();
        if (status.equals("EQUAL") || status.equals("IGNORED")) {
            showDiff(node.path + ": " + CompareFileTree.label(status).toLowerCase(Locale.ROOT)
                    + (node.entry.detail() == null ? "" : " (" + node.entry.detail() + ")"));
            return;
        }
        showDiff("Reading the differences of " + node.path + "\u2026");
        askForFile.accept(node.path);
    }

    private static String text(SnapshotCompare.FileDiff file) {
        return switch (file.kind()) {
            case "TEXT" -> (file.reason() == null ? "" : file.path() + ": " + file.reason() + "\n") + file.text()
                    + (file.truncated() ? "\n(cut at the server's limit)" : "");
            case "TABLE" -> file.path() + " (table: " + String.join(", ", file.columns()) + ")\n" + file.text()
                    + (file.truncated() ? "\n(cut at the server's limit)" : "");
            default -> file.path() + ": no line differences to show: " + file.reason();
        };
    }

    private void showDiff(String text) {
        diff.setText(text);
        List<StyleRange> styles = new ArrayList<>();
        int offset = 0;
        for (String line : text.split("\n", -1)) {
            Color color = line.startsWith("+++") || line.startsWith("---") ? null
                    : line.startsWith("+") ? ADDED : line.startsWith("-") ? REMOVED
                            : line.startsWith("@@") || line.startsWith("~") ? CHANGED : null;
            if (color != null && !line.isEmpty()) {
                styles.add(new StyleRange(offset, line.length(), color, null));
            }
            offset += line.length() + 1;
        }
        diff.setStyleRanges(styles.toArray(StyleRange[]::new));
    }

    /** The path shown, for a file's own answer arriving late: it is shown only while its file is selected. */
    String selectedPath() {
        return tree.getStructuredSelection().getFirstElement() instanceof CompareFileTree.Node node ? node.path : null;
    }

    CompareResult result() {
        return shown == null ? null : shown.result();
    }

    org.eclipse.swt.widgets.Control control() {
        return summary.getParent();
    }
}
