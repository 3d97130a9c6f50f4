package org.airgap.client.compare.internal;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.airgap.compare.EntryComparison;
import org.airgap.compare.EntryStatus;
import org.airgap.store.ManifestEntry;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;

/**
 * The Compare part's file tree: name, status (icon and colour) and details of each entry, only the
 * changes while "Changes only" is on, the folders on the way to the changes opened.
 */
final class CompareTree {

    /** Folders expanded at most when a comparison opens: enough for the changes, bounded for huge trees. */
    private static final int MAX_EXPANDED = 500;

    private final TreeViewer tree;
    private final StatusStyle style;
    private final BooleanSupplier changesOnly;
    private CompareNode root;

    /**
     * @param changesOnly whether to leave out what is equal or ignored (asked on every refresh)
     * @param selected    told of each entry selected
     */
    CompareTree(Composite parent, StatusStyle style, BooleanSupplier changesOnly, Consumer<CompareNode> selected) {
        this.style = style;
        this.changesOnly = changesOnly;
        tree = new TreeViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL | SWT.SINGLE);
        tree.getTree().setHeaderVisible(true);
        tree.getTree().setData(TEST_ID, "compare.tree");
        tree.setUseHashlookup(true);
        createColumns();
        tree.setContentProvider(new ChangesContent());
        tree.addSelectionChangedListener(event -> {
            if (((IStructuredSelection) event.getSelection()).getFirstElement() instanceof CompareNode node) {
                selected.accept(node);
            }
        });
        // Enter or a double click on a folder opens or closes it, as the arrow keys do.
        tree.addDoubleClickListener(event -> {
            Object chosen = ((IStructuredSelection) event.getSelection()).getFirstElement();
            if (chosen instanceof CompareNode node && node.isFolder()) {
                tree.setExpandedState(node, !tree.getExpandedState(node));
            }
        });
    }

    private void createColumns() {
        column("Name", 180, new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return ((CompareNode) element).name;
            }

            @Override
            public Image getImage(Object element) {
                return ((CompareNode) element).isFolder() ? style.folderImage() : style.fileImage();
            }
        });
        column("Status", 100, new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return ((CompareNode) element).statusText();
            }

            @Override
            public Image getImage(Object element) {
                CompareNode node = (CompareNode) element;
                return style.badge(node.status(), !node.ownChange() && node.changesBelow() > 0);
            }

            @Override
            public Color getForeground(Object element) {
                CompareNode node = (CompareNode) element;
                return style.color(!node.ownChange() && node.changesBelow() > 0 ? EntryStatus.CHANGED : node.status());
            }
        });
        column("Details", 150, new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return details((CompareNode) element);
            }
        });
    }

    private void column(String name, int width, ColumnLabelProvider labels) {
        TreeViewerColumn column = new TreeViewerColumn(tree, SWT.NONE);
        column.getColumn().setText(name);
        column.getColumn().setWidth(width);
        column.setLabelProvider(labels);
    }

    /** The children of a node, only those with changes while "Changes only" is on. */
    private final class ChangesContent implements ITreeContentProvider {
        @Override
        public Object[] getElements(Object input) {
            return getChildren(input);
        }

        @Override
        public Object[] getChildren(Object parent) {
            List<CompareNode> children = ((CompareNode) parent).children();
            return changesOnly.getAsBoolean() ? children.stream().filter(CompareNode::hasChanges).toArray()
                    : children.toArray();
        }

        @Override
        public Object getParent(Object element) {
            return ((CompareNode) element).parent;
        }

        @Override
        public boolean hasChildren(Object element) {
            CompareNode node = (CompareNode) element;
            return changesOnly.getAsBoolean() ? node.changesBelow() > 0 : !node.children().isEmpty();
        }
    }

    static String details(CompareNode node) {
        EntryComparison entry = node.entry;
        if (entry == null || node.isFolder() && entry.detail() == null) {
            return "";
        }
        if (entry.detail() != null) {
            return entry.detail();
        }
        ManifestEntry basis = entry.basis();
        ManifestEntry backup = entry.backup();
        return switch (entry.status()) {
            case CHANGED -> size(basis) + " \u2192 " + size(backup);
            case ADDED -> size(backup);
            case REMOVED -> size(basis);
            default -> size(backup != null ? backup : basis);
        };
    }

    private static String size(ManifestEntry entry) {
        long bytes = entry.size();
        if (bytes < 1024) {
            return bytes + " B";
        }
        return bytes < 1024 * 1024 ? String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0)
                : String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }

    /** Shows a comparison's tree ({@code null}: none) with the folders on the way to the changes open. */
    void show(CompareNode shown) {
        root = shown;
        tree.getTree().setRedraw(false);
        try {
            tree.setInput(shown);
            if (shown != null) {
                expandChanges();
            }
        } finally {
            tree.getTree().setRedraw(true);
        }
    }

    /** Shows again after "Changes only" was switched, keeping the selected entry in sight. */
    void refresh() {
        if (root == null) {
            return;
        }
        Object selected = tree.getStructuredSelection().getFirstElement();
        tree.getTree().setRedraw(false);
        try {
            tree.refresh();
            expandChanges();
            if (selected != null) {
                tree.reveal(selected);
            }
        } finally {
            tree.getTree().setRedraw(true);
        }
    }

    /** Opens the folders on the way to each change, breadth first, up to {@link #MAX_EXPANDED}. */
    private void expandChanges() {
        List<CompareNode> expand = new ArrayList<>();
        List<CompareNode> level = List.of(root);
        while (!level.isEmpty() && expand.size() < MAX_EXPANDED) {
            List<CompareNode> next = new ArrayList<>();
            for (CompareNode node : level) {
                for (CompareNode child : node.children()) {
                    if (child.changesBelow() > 0 && expand.size() < MAX_EXPANDED) {
                        expand.add(child);
                        next.add(child);
                    }
                }
            }
            level = next;
        }
        tree.setExpandedElements(expand.toArray());
    }

    Control control() {
        return tree.getControl();
    }
}
