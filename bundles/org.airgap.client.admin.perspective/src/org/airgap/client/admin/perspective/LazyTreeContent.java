package org.airgap.client.admin.perspective;

import java.util.List;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.eclipse.jface.viewers.ILazyTreeContentProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.Viewer;

/**
 * A tree's rows on demand for an {@code SWT.VIRTUAL} tree: SWT asks only for the rows it paints, so a plant of 10,000
 * components opens as fast as one of ten. The tree's nodes are of type {@code N}; the input is whatever
 * {@code children} turns into the top-level nodes.
 *
 * @param <N> the tree's node type
 */
public final class LazyTreeContent<N> implements ILazyTreeContentProvider {

    private final Class<N> nodeType;
    private final UnaryOperator<N> parentOf;
    private final Function<Object, List<N>> children;
    private TreeViewer viewer;

    /**
     * @param parentOf a node's parent node, {@code null} for a top-level one
     * @param children the nodes under the input or under a node
     */
    public LazyTreeContent(Class<N> nodeType, UnaryOperator<N> parentOf, Function<Object, List<N>> children) {
        this.nodeType = nodeType;
        this.parentOf = parentOf;
        this.children = children;
    }

    @Override
    public void inputChanged(Viewer changed, Object oldInput, Object newInput) {
        this.viewer = (TreeViewer) changed;
    }

    @Override
    public void updateElement(Object parent, int index) {
        List<N> below = children.apply(parent);
        if (index < below.size()) {
            N child = below.get(index);
            viewer.replace(parent, index, child);
            viewer.setChildCount(child, children.apply(child).size());
        }
    }

    @Override
    public void updateChildCount(Object element, int currentChildCount) {
        int count = children.apply(element).size();
        if (count != currentChildCount) {
            viewer.setChildCount(element, count);
        }
    }

    @Override
    public Object getParent(Object element) {
        if (nodeType.isInstance(element)) {
            N parent = parentOf.apply(nodeType.cast(element));
            return parent != null ? parent : viewer.getInput();
        }
        return null;
    }
}
