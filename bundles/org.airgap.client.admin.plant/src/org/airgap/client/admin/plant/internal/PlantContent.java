package org.airgap.client.admin.plant.internal;

import java.util.List;

import org.eclipse.jface.viewers.ILazyTreeContentProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.Viewer;

/**
 * The Plant tree's rows on demand: the tree is {@code SWT.VIRTUAL}, so SWT asks only for the rows it paints and a
 * plant of 10,000 components opens as fast as one of ten. The input is a {@link PlantTree}.
 */
final class PlantContent implements ILazyTreeContentProvider {

    private TreeViewer viewer;

    @Override
    public void inputChanged(Viewer changed, Object oldInput, Object newInput) {
        this.viewer = (TreeViewer) changed;
    }

    @Override
    public void updateElement(Object parent, int index) {
        List<PlantNode> children = children(parent);
        if (index < children.size()) {
            PlantNode child = children.get(index);
            viewer.replace(parent, index, child);
            viewer.setChildCount(child, child.children().size());
        }
    }

    @Override
    public void updateChildCount(Object element, int currentChildCount) {
        int count = children(element).size();
        if (count != currentChildCount) {
            viewer.setChildCount(element, count);
        }
    }

    @Override
    public Object getParent(Object element) {
        if (element instanceof PlantNode node) {
            return node.parent() != null ? node.parent() : viewer.getInput();
        }
        return null;
    }

    private static List<PlantNode> children(Object element) {
        if (element instanceof PlantTree tree) {
            return tree.roots();
        }
        if (element instanceof PlantNode node) {
            return node.children();
        }
        return List.of();
    }
}
