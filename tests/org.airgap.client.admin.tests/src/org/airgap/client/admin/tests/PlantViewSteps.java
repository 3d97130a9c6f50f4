package org.airgap.client.admin.tests;

import static org.airgap.testing.workbench.WorkbenchHarness.testId;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.airgap.testing.workbench.WorkbenchHarness;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;

/** What AdministrationWorkbenchTest does in the Plant view: its rows, keys, dialogs and drops. */
final class PlantViewSteps {

    static final String PART = "org.airgap.client.admin.plant.part";
    static final String COMMAND_REFRESH = "org.airgap.client.admin.plant.command.refresh";

    private final WorkbenchHarness workbench;

    PlantViewSteps(WorkbenchHarness workbench) {
        this.workbench = workbench;
    }

    Tree tree() {
        return workbench.find(Tree.class, testId("plant.tree"));
    }

    String status() {
        return text("plant.status");
    }

    String text(String id) {
        List<Label> labels = workbench.findAll(Label.class, testId(id));
        return labels.isEmpty() ? "" : workbench.ui(labels.get(0)::getText);
    }

    String details() {
        return workbench.ui(workbench.find(Text.class, testId("plant.details"))::getText);
    }

    /** The rows under the row named {@code parent} (null: the top level), expanded: "name | id | device type". */
    List<String> rows(String parent) {
        List<Tree> trees = workbench.findAll(Tree.class, testId("plant.tree"));
        if (trees.isEmpty()) {
            return List.of();
        }
        return workbench.ui(() -> {
            TreeItem found = parent == null ? null : find(trees.get(0).getItems(), parent);
            if (parent != null && found == null) {
                return List.<String>of();
            }
            TreeItem[] items = parent == null ? trees.get(0).getItems() : ViewSteps.expand(found).getItems();
            return Arrays.stream(items).map(PlantViewSteps::row).toList();
        });
    }

    private static String row(TreeItem item) {
        return item.getText(0) + " | " + item.getText(1) + " | " + item.getText(2);
    }

    /** The row named {@code name} (expanded to), on the UI thread. */
    TreeItem item(String name) {
        return workbench.ui(() -> {
            TreeItem found = find(tree().getItems(), name);
            if (found == null) {
                throw new AssertionError("no row " + name);
            }
            return found;
        });
    }

    /** Selects the row named {@code name} as a click would. */
    void select(String name) {
        TreeItem item = item(name);
        Tree tree = tree();
        workbench.run(() -> {
            tree.setFocus();
            tree.setSelection(item);
            Event event = new Event();
            event.item = item;
            tree.notifyListeners(SWT.Selection, event);
        });
        workbench.settle();
    }

    /** A key pressed in the tree ({@code modifiers} as SWT.MOD1, SWT.SHIFT). */
    void key(int keyCode, int modifiers) {
        Tree tree = tree();
        workbench.run(() -> tree.notifyListeners(SWT.KeyDown, keyEvent(keyCode, modifiers)));
        workbench.settle();
    }

    /** A key that opens a dialog (which blocks the UI thread): waits for the dialog titled {@code title}. */
    Shell keyForDialog(int keyCode, int modifiers, String title) {
        Tree tree = tree();
        workbench.display().asyncExec(() -> tree.notifyListeners(SWT.KeyDown, keyEvent(keyCode, modifiers)));
        return workbench.waitForShell(title, Duration.ofSeconds(10));
    }

    /** Checks or unchecks Show archived and waits until the plant is read again. */
    void showArchived(boolean shown) {
        org.eclipse.swt.widgets.Button archived = workbench.find(org.eclipse.swt.widgets.Button.class,
                testId("plant.showArchived"));
        workbench.run(() -> {
            archived.setSelection(shown);
            archived.notifyListeners(SWT.Selection, new Event());
        });
        AdminWorkbench.waitUntil(workbench, "the plant read " + (shown ? "with" : "without") + " archived ones",
                () -> !status().startsWith("Reading the plant")); // the box's listener began the read
    }

    /** Enter on the selected row (Edit…), which opens a dialog: waits for it. */
    Shell enterForDialog(String title) {
        Tree tree = tree();
        workbench.display().asyncExec(() -> tree.notifyListeners(SWT.DefaultSelection, new Event()));
        return workbench.waitForShell(title, Duration.ofSeconds(10));
    }

    /** Every label's and text field's text in the dialog (a title area's message is a read-only text field). */
    List<String> dialogTexts(Shell dialog) {
        List<String> texts = new java.util.ArrayList<>(workbench.texts(dialog));
        workbench.findAll(Text.class, text -> text.getShell() == dialog).forEach(text -> texts.add(workbench.ui(
                text::getText)));
        return texts;
    }

    boolean okEnabled(Shell dialog) {
        org.eclipse.swt.widgets.Button ok = workbench.find(org.eclipse.swt.widgets.Button.class,
                button -> button.getShell() == dialog && button.getText().equals("OK"));
        return workbench.ui(ok::isEnabled);
    }

    private static Event keyEvent(int keyCode, int modifiers) {
        Event event = new Event();
        event.keyCode = keyCode;
        event.character = keyCode < 0x10000 && Character.isLetter(keyCode) ? (char) keyCode : 0;
        event.stateMask = modifiers;
        event.doit = true;
        return event;
    }

    /** Types into the dialog's field of this test id, or its only editable field when {@code id} is null. */
    void type(Shell dialog, String id, String text) {
        Text field = workbench.find(Text.class, widget -> widget.getShell() == dialog
                && (id == null ? (widget.getStyle() & SWT.READ_ONLY) == 0 : testId(id).test(widget)));
        workbench.run(() -> field.setText(text));
    }

    /** Chooses {@code item} in the dialog's combo of this test id, as a selection by mouse or keys would. */
    void choose(Shell dialog, String id, String item) {
        org.eclipse.swt.widgets.Combo combo = workbench.find(org.eclipse.swt.widgets.Combo.class,
                widget -> widget.getShell() == dialog && testId(id).test(widget));
        workbench.run(() -> {
            int index = combo.indexOf(item);
            if (index < 0) {
                throw new AssertionError("no item " + item + " in " + Arrays.toString(combo.getItems()));
            }
            combo.select(index);
            combo.notifyListeners(SWT.Selection, new Event());
        });
        workbench.settle();
    }

    /** Sets the dialog's checkbox of this test id as a click would. */
    void check(Shell dialog, String id, boolean checked) {
        org.eclipse.swt.widgets.Button box = workbench.find(org.eclipse.swt.widgets.Button.class,
                widget -> widget.getShell() == dialog && testId(id).test(widget));
        workbench.run(() -> {
            box.setSelection(checked);
            box.notifyListeners(SWT.Selection, new Event());
        });
        workbench.settle();
    }

    /** The text of the dialog's label of this test id, "" when it is hidden. */
    String label(Shell dialog, String id) {
        org.eclipse.swt.widgets.Label label = workbench.find(org.eclipse.swt.widgets.Label.class,
                widget -> widget.getShell() == dialog && testId(id).test(widget));
        return workbench.ui(() -> label.isVisible() ? label.getText() : "");
    }

    /** Drops the row {@code moved} on the row {@code target} through the view's drop code (PlantDragAndDrop.drop). */
    boolean drop(String moved, String target) throws Exception {
        TreeItem from = item(moved);
        TreeItem onto = item(target);
        Tree tree = tree();
        return workbench.ui(() -> {
            Object adapter = tree.getData("airgap.plant.drop");
            Object node = from.getData();
            Method drop = adapter.getClass().getDeclaredMethod("drop", node.getClass(), Object.class);
            drop.setAccessible(true);
            return (Boolean) drop.invoke(adapter, node, onto.getData());
        });
    }

    /** The context menu's item texts for the selected row, as the menu key would show them. */
    List<String> contextMenu() {
        Tree tree = tree();
        return workbench.ui(() -> {
            org.eclipse.swt.widgets.Menu menu = tree.getMenu();
            menu.notifyListeners(SWT.Show, new Event());
            List<String> texts = Arrays.stream(menu.getItems()).map(org.eclipse.swt.widgets.MenuItem::getText)
                    .filter(text -> !text.isEmpty()).toList();
            menu.notifyListeners(SWT.Hide, new Event());
            return texts;
        });
    }

    /** The row whose name is {@code name}, expanding rows on the way (a virtual tree makes them then). */
    private static TreeItem find(TreeItem[] items, String name) {
        for (TreeItem item : items) {
            if (item.getText(0).equals(name)) {
                return item;
            }
        }
        for (TreeItem item : items) {
            if (item.getItemCount() > 0) {
                TreeItem below = find(ViewSteps.expand(item).getItems(), name);
                if (below != null) {
                    return below;
                }
            }
        }
        return null;
    }
}
