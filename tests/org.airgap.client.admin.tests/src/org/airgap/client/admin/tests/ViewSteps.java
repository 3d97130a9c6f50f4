package org.airgap.client.admin.tests;

import static org.airgap.testing.workbench.WorkbenchHarness.testId;

import java.util.Arrays;
import java.util.List;

import org.airgap.testing.workbench.WorkbenchHarness;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;

/**
 * What the administration UI tests do in the views, by the controls' test ids: read a label, type into a field
 * and press Enter, press a button, choose in a combo, select table rows, read the overview tree's rows, and take
 * a screenshot once GTK has painted.
 */
final class ViewSteps {

    private final WorkbenchHarness workbench;

    ViewSteps(WorkbenchHarness workbench) {
        this.workbench = workbench;
    }

    /** The label's text; "" while the view has not made it yet. */
    String text(String id) {
        List<Label> labels = workbench.findAll(Label.class, testId(id));
        return labels.isEmpty() ? "" : workbench.ui(labels.get(0)::getText);
    }

    /** Types into a field and presses Enter. */
    void type(String id, String text) {
        Text field = workbench.find(Text.class, testId(id));
        workbench.run(() -> {
            field.setText(text);
            field.notifyListeners(SWT.DefaultSelection, new Event());
        });
        workbench.settle();
    }

    void setText(String id, String text) {
        Text field = workbench.find(Text.class, testId(id));
        workbench.run(() -> field.setText(text));
        workbench.settle();
    }

    void choose(String id, String item) {
        Combo combo = workbench.find(Combo.class, testId(id));
        workbench.run(() -> {
            combo.select(combo.indexOf(item));
            combo.notifyListeners(SWT.Selection, new Event());
        });
        workbench.settle();
    }

    void press(String id) {
        Button button = workbench.find(Button.class, testId(id));
        workbench.run(() -> button.notifyListeners(SWT.Selection, new Event()));
        workbench.settle();
    }

    /** Selects rows of the table as clicks (with Ctrl) would. */
    void select(String tableId, int... rows) {
        Table table = workbench.find(Table.class, testId(tableId));
        workbench.run(() -> {
            table.setSelection(rows);
            Event event = new Event();
            event.item = table.getItem(rows[0]);
            table.notifyListeners(SWT.Selection, event);
        });
        workbench.settle();
    }

    /** The table's rows, the given columns of each joined by " | ". */
    List<String> rows(String tableId, int... columns) {
        List<Table> tables = workbench.findAll(Table.class, testId(tableId));
        if (tables.isEmpty()) {
            return List.of();
        }
        return workbench.ui(() -> Arrays.stream(tables.get(0).getItems()).map(item -> String.join(" | ",
                Arrays.stream(columns).mapToObj(item::getText).toList())).toList());
    }

    /** The rows under the overview's item named {@code parent} (null: the roots), expanded: "name | status | count". */
    List<String> overviewRows(String parent) {
        List<Tree> trees = workbench.findAll(Tree.class, testId("overview.tree"));
        if (trees.isEmpty()) {
            return List.of();
        }
        Tree tree = trees.get(0);
        return workbench.ui(() -> {
            TreeItem found = parent == null ? null : find(tree.getItems(), parent);
            if (parent != null && found == null) {
                return List.<String>of();
            }
            TreeItem[] items = parent == null ? tree.getItems() : expand(found).getItems();
            return Arrays.stream(items).map(item -> item.getText(0) + " | " + item.getText(1) + " | " + item.getText(2))
                    .toList();
        });
    }

    /** A screenshot once GTK has painted the latest state (a frame painted a moment earlier can still be there). */
    void paintedScreenshot(String name) throws InterruptedException {
        for (int round = 0; round < 3; round++) {
            workbench.run(() -> {
                for (Shell shell : workbench.display().getShells()) {
                    if (shell.isVisible()) {
                        shell.redraw();
                        shell.update();
                    }
                }
            });
            workbench.settle();
            Thread.sleep(100);
        }
        workbench.screenshot(name);
    }

    /** Expands the row as a click on its arrow would (a virtual tree makes its children then). */
    static TreeItem expand(TreeItem item) {
        if (!item.getExpanded()) {
            item.setExpanded(true);
            Event event = new Event();
            event.item = item;
            item.getParent().notifyListeners(SWT.Expand, event);
        }
        return item;
    }

    private static TreeItem find(TreeItem[] items, String name) {
        for (TreeItem item : items) {
            if (item.getText(0).equals(name)) {
                return item;
            }
            TreeItem below = item.getExpanded() ? find(item.getItems(), name) : null;
            if (below != null) {
                return below;
            }
        }
        return null;
    }
}
