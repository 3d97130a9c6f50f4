package org.airgap.client.admin.plant.internal;

import org.eclipse.jface.util.LocalSelectionTransfer;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.ViewerDropAdapter;
import org.eclipse.swt.dnd.DND;
import org.eclipse.swt.dnd.DragSourceAdapter;
import org.eclipse.swt.dnd.DragSourceEvent;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.dnd.TransferData;

/**
 * Drag and drop in the Plant tree: a folder or component dragged onto a folder (or onto a component or job, meaning
 * its folder) moves there on the server, as Ctrl+X and Ctrl+V do. The server decides: a folder dropped into itself
 * or below itself is refused there, in its words in the status line.
 */
final class PlantDragAndDrop extends ViewerDropAdapter {

    /** The widget data key under which the tree carries this adapter (the UI test drops through {@link #drop}). */
    static final String DATA_KEY = "airgap.plant.drop";

    private final PlantPart part;
    private final PlantChanges changes;

    PlantDragAndDrop(PlantPart part, PlantChanges changes, TreeViewer tree) {
        super(tree);
        this.part = part;
        this.changes = changes;
        setFeedbackEnabled(false); // a drop goes into a folder, never between rows
    }

    void install(TreeViewer tree) {
        Transfer[] local = { LocalSelectionTransfer.getTransfer() };
        tree.addDragSupport(DND.DROP_MOVE, local, new DragSourceAdapter() {
            @Override
            public void dragStart(DragSourceEvent event) {
                PlantNode node = part.selected();
                event.doit = node != null && node.kind() != PlantNode.Kind.JOB && !node.archived();
                LocalSelectionTransfer.getTransfer().setSelection(tree.getStructuredSelection());
            }

            @Override
            public void dragSetData(DragSourceEvent event) {
                event.data = LocalSelectionTransfer.getTransfer().getSelection();
            }

            @Override
            public void dragFinished(DragSourceEvent event) {
                LocalSelectionTransfer.getTransfer().setSelection(null);
            }
        });
        tree.addDropSupport(DND.DROP_MOVE, local, this);
        tree.getControl().setData(DATA_KEY, this);
    }

    @Override
    public boolean validateDrop(Object target, int operation, TransferData type) {
        return target instanceof PlantNode && LocalSelectionTransfer.getTransfer().isSupportedType(type);
    }

    @Override
    public boolean performDrop(Object data) {
        Object dragged = data instanceof IStructuredSelection selection ? selection.getFirstElement()
                : LocalSelectionTransfer.getTransfer().getSelection() instanceof IStructuredSelection selection
                        ? selection.getFirstElement() : null;
        return dragged instanceof PlantNode moved && drop(moved, getCurrentTarget());
    }

    /** What a drop of {@code moved} on {@code target} does: moves it into the target's folder on the server. */
    boolean drop(PlantNode moved, Object target) {
        if (!(target instanceof PlantNode onto) || moved == onto || moved.kind() == PlantNode.Kind.JOB) {
            return false;
        }
        PlantNode folder = onto.enclosingFolder();
        if (folder == null || folder == moved.parent()) {
            return false; // already there
        }
        changes.move(moved, folder);
        return true;
    }
}
