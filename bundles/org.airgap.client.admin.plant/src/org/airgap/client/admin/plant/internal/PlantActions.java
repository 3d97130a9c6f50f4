package org.airgap.client.admin.plant.internal;

import java.util.Locale;

import org.airgap.client.admin.perspective.ServerCalls;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;

/**
 * What the administrator does in the Plant view, from the context menu and from the keyboard: Ins new folder
 * (Ctrl+Ins at the top level),
 * Ctrl+N new component, Ctrl+J new job, Enter edit, F2 rename, Del delete (or archive, as the server decides),
 * Ctrl+Shift+R restore, Shift+Del purge (confirmed), Ctrl+X then Ctrl+V on a folder to move (the keyboard's drag
 * and drop), F5 refresh. Each change is one call in {@link ServerCalls}; its answer in words, then the plant read again.
 */
final class PlantActions {

    private final PlantPart part;
    private final ServerCalls work;
    private final PlantChanges changes;
    /** The folder or component Ctrl+X picked up, moved by Ctrl+V. */
    private PlantNode cut;

    PlantActions(PlantPart part, ServerCalls work, PlantChanges changes) {
        this.part = part;
        this.work = work;
        this.changes = changes;
    }

    void install(TreeViewer tree) {
        MenuManager menu = new MenuManager();
        menu.setRemoveAllWhenShown(true);
        menu.addMenuListener(this::fill);
        tree.getControl().setMenu(menu.createContextMenu(tree.getControl()));
        tree.getControl().addListener(SWT.KeyDown, this::key);
        tree.getControl().addListener(SWT.DefaultSelection, event -> {
            PlantNode node = part.selected();
            if (node != null && node.kind() != PlantNode.Kind.FOLDER) {
                edit();
            }
        });
    }

    private void key(Event event) {
        boolean ctrl = (event.stateMask & SWT.MOD1) != 0;
        boolean shift = (event.stateMask & SWT.SHIFT) != 0;
        int key = Character.toLowerCase(event.keyCode);
        Runnable action = null;
        if (event.keyCode == SWT.INSERT && !shift) {
            action = ctrl ? this::newTopLevelFolder : this::newFolder;
        } else if (ctrl && !shift && key == 'n') {
            action = this::newComponent;
        } else if (ctrl && !shift && key == 'j') {
            action = this::newJob;
        } else if (event.keyCode == SWT.F2) {
            action = this::rename;
        } else if (event.keyCode == SWT.DEL) {
            action = shift ? this::purge : this::delete;
        } else if (ctrl && shift && key == 'r') {
            action = this::restore;
        } else if (ctrl && !shift && key == 'x') {
            action = this::cut;
        } else if (ctrl && !shift && key == 'v') {
            action = this::paste;
        } else if (event.keyCode == SWT.F5) {
            action = part::refresh;
        }
        if (action != null) {
            event.doit = false;
            action.run();
        }
    }

    private void fill(IMenuManager menu) {
        PlantNode node = part.selected();
        boolean folder = node != null && node.kind() == PlantNode.Kind.FOLDER;
        boolean component = node != null && node.kind() == PlantNode.Kind.COMPONENT;
        boolean archived = node != null && node.archived();
        menu.add(action("&New Folder…\tIns", true, this::newFolder));
        menu.add(action("New Top-&Level Folder…\tCtrl+Ins", true, this::newTopLevelFolder));
        menu.add(action("New &Component…\tCtrl+N", folder, this::newComponent));
        menu.add(action("New &Job…\tCtrl+J", component && !archived, this::newJob));
        menu.add(new Separator());
        menu.add(action("&Edit…\tEnter", node != null && !folder, this::edit));
        menu.add(action("Re&name…\tF2", node != null, this::rename));
        menu.add(action("Cu&t (to Move)\tCtrl+X", folder || component, this::cut));
        menu.add(action("&Paste (Move Here)\tCtrl+V", cut != null && node != null, this::paste));
        menu.add(action("Move to &Top Level", folder && node.parent() != null, () -> changes.move(node, null)));
        menu.add(new Separator());
        menu.add(action("&Delete\tDel", node != null && !archived, this::delete));
        menu.add(action("&Restore\tCtrl+Shift+R", archived, this::restore));
        menu.add(action("P&urge…\tShift+Del", component && archived, this::purge));
        menu.add(new Separator());
        menu.add(action("Re&fresh\tF5", true, part::refresh));
    }

    private static Action action(String text, boolean enabled, Runnable run) {
        Action action = new Action(text) {
            @Override
            public void run() {
                run.run();
            }
        };
        action.setEnabled(enabled);
        return action;
    }

    void newFolder() {
        PlantNode node = part.selected();
        newFolderIn(node == null ? null : node.enclosingFolder());
    }

    void newTopLevelFolder() {
        newFolderIn(null);
    }

    private void newFolderIn(PlantNode parent) {
        Folder folder = new FolderDialog(part.shell(), parent == null ? null : parent.id()).openFor();
        if (folder != null) {
            changes.create("folder " + folder.id(), PlantNode.Kind.FOLDER, folder.id(),
                    (service, session, monitor) -> service.createFolder(session, folder, monitor));
        }
    }

    void newComponent() {
        PlantNode node = part.selected();
        PlantNode folder = node == null ? null : node.enclosingFolder();
        if (folder == null) {
            work.show("Select the folder the new component goes into.", true);
            return;
        }
        PlantEditors editors = editors();
        if (editors == null) {
            return;
        }
        Component component = editors.newComponent(part.shell(), folder.id());
        if (component != null) {
            changes.create("component " + component.id(), PlantNode.Kind.COMPONENT, component.id(),
                    (service, session, monitor) -> service.createComponent(session, component, monitor));
        }
    }

    void newJob() {
        PlantNode node = part.selected();
        PlantNode component = node == null ? null : node.kind() == PlantNode.Kind.JOB ? node.parent() : node;
        if (component == null || component.kind() != PlantNode.Kind.COMPONENT) {
            work.show("Select the component the new job backs up.", true);
            return;
        }
        PlantEditors editors = editors();
        if (editors == null) {
            return;
        }
        Job job = editors.newJob(part.shell(), component.component().component());
        if (job != null) {
            changes.create("job " + job.id(), PlantNode.Kind.JOB, job.id(),
                    (service, session, monitor) -> service.createJob(session, job, monitor));
        }
    }

    void edit() {
        PlantNode node = part.selected();
        PlantEditors editors = node == null || node.kind() == PlantNode.Kind.FOLDER ? null : editors();
        if (editors == null) {
            return;
        }
        if (node.kind() == PlantNode.Kind.COMPONENT) {
            Component changed = editors.editComponent(part.shell(), node.component().component());
            if (changed != null) {
                changes.change(node, (service, session, monitor) -> service.changeComponent(session,
                        changed, monitor));
            }
            return;
        }
        Job changed = editors.editJob(part.shell(), node.job().job(),
                node.parent() == null ? null : node.parent().component().component());
        if (changed != null) {
            changes.change(node, (service, session, monitor) -> service.changeJob(session, changed,
                    monitor));
        }
    }

    /** The editors, or {@code null} with the reason in the status line. */
    private PlantEditors editors() {
        PlantEditors editors = part.editors();
        if (editors == null) {
            work.show("The component and job editors are not available: the bundle org.airgap.client.forms is not "
                    + "running in this workbench.", true);
        }
        return editors;
    }

    void rename() {
        PlantNode node = part.selected();
        if (node == null) {
            return;
        }
        InputDialog dialog = new InputDialog(part.shell(), "Rename " + capitalized(node.subject()),
                "The new name of " + node.subject() + " (its id stays):", node.name(),
                text -> text.isBlank() ? "A name cannot be empty." : null);
        if (dialog.open() == Window.OK) {
            changes.rename(node, dialog.getValue().strip());
        }
    }

    void delete() {
        PlantNode node = part.selected();
        if (node != null) {
            changes.delete(node);
        }
    }

    void restore() {
        PlantNode node = part.selected();
        if (node != null && node.archived()) {
            changes.restore(node.kind() == PlantNode.Kind.JOB && node.job().archived() == null ? node.parent() : node);
        }
    }

    void purge() {
        PlantNode node = part.selected();
        if (node == null || node.kind() != PlantNode.Kind.COMPONENT || !node.archived()) {
            work.show("Only an archived component can be purged: delete it first, which archives it.", true);
            return;
        }
        String what = node.subject() + " (\"" + node.name() + "\") with its " + node.children().size() + " job(s), "
                + node.component().runs() + " run(s) and " + node.component().versions() + " version(s)";
        if (MessageDialog.openConfirm(part.shell(), "Purge " + capitalized(node.subject()), "Purge " + what
                + "? They are removed from the server for good; this cannot be undone.")) {
            changes.purge(node);
        }
    }

    void cut() {
        PlantNode node = part.selected();
        if (node == null || node.kind() == PlantNode.Kind.JOB) {
            work.show("A job stays with its component: cut a folder or a component to move it.", true);
            return;
        }
        cut = node;
        work.show("Cut " + node.subject() + ": select the folder to move it into and press Ctrl+V.", false);
    }

    void paste() {
        PlantNode node = part.selected();
        if (cut == null || node == null) {
            work.show("Cut a folder or component first (Ctrl+X), then select where it goes.", true);
            return;
        }
        PlantNode moved = cut;
        cut = null;
        changes.move(moved, node.enclosingFolder());
    }

    static String capitalized(String text) {
        return text.isEmpty() ? text : text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }
}
