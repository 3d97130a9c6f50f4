package org.airgap.client.components.internal;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.airgap.client.events.ComponentScope;
import org.airgap.client.events.JobsSelected;
import org.airgap.client.events.WorkbenchEvents;
import org.airgap.client.ui.ServiceChange;
import org.airgap.client.ui.WorkbenchImages;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.workspace.JobRepository;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UISynchronize;
import org.airgap.client.events.EventSubscriptions;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.jface.viewers.DelegatingStyledCellLabelProvider;
import org.eclipse.jface.viewers.DelegatingStyledCellLabelProvider.IStyledLabelProvider;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.StyledString;
import org.eclipse.jface.viewers.TreePath;
import org.eclipse.jface.viewers.TreeSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * Components: the synced folders and devices. Choosing a folder or device shows only its jobs in the
 * Jobs view ({@link WorkbenchEvents#COMPONENT_SCOPE}); selecting jobs there selects their device here.
 * The tree is read from the job repository again whenever it changes.
 */
public class ComponentsPart {

    /** Expand everything up to this many elements; beyond, only the top folders. */
    private static final int EXPAND_ALL_LIMIT = 500;

    @Inject
    private UISynchronize sync;
    @Inject
    private IEventBroker events;
    @Inject
    private ESelectionService selectionService;

    private JobRepository repository;
    private TreeViewer viewer;
    private Label summary;
    private LocalResourceManager resources;
    private ComponentTree tree = ComponentTree.EMPTY;
    /** True while the tree follows the Jobs view: that selection must not narrow the Jobs view again. */
    private boolean following;
    private boolean expandedOnce;
    private EventSubscriptions subscriptions;

    @Inject
    void repository(@Optional @Service JobRepository repository) {
        this.repository = repository;
        ServiceChange.reload(sync, viewer == null ? null : viewer.getControl(), this::reload);
    }

    @PostConstruct
    public void create(Composite parent) {
        resources = new LocalResourceManager(JFaceResources.getResources(), parent);
        GridLayoutFactory.fillDefaults().margins(6, 6).spacing(6, 6).applyTo(parent);
        viewer = new TreeViewer(parent, SWT.SINGLE | SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
        viewer.getTree().setData(TEST_ID, "components.tree");
        GridDataFactory.fillDefaults().grab(true, true).applyTo(viewer.getControl());
        viewer.setContentProvider(new ITreeContentProvider() {
            @Override
            public Object[] getElements(Object input) {
                return tree.roots();
            }

            @Override
            public Object[] getChildren(Object element) {
                return tree.children(element);
            }

            @Override
            public Object getParent(Object element) {
                return tree.parent(element);
            }

            @Override
            public boolean hasChildren(Object element) {
                return tree.children(element).length > 0;
            }
        });
        viewer.setLabelProvider(new DelegatingStyledCellLabelProvider(new Labels()));
        viewer.addSelectionChangedListener(event -> chosen(viewer.getStructuredSelection().getFirstElement()));
        summary = new Label(parent, SWT.WRAP);
        summary.setData(TEST_ID, "components.summary");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(summary);
        subscriptions = new EventSubscriptions(events)
                .on(WorkbenchEvents.REPOSITORY_CHANGED, Object.class, this::repositoryChanged)
                .on(WorkbenchEvents.JOBS_SELECTED, JobsSelected.class, this::jobsSelected)
                .on(WorkbenchEvents.COMPONENT_SCOPE, ComponentScope.class, this::scopeChanged);
        reload();
    }

    @PreDestroy
    void dispose() {
        subscriptions.close();
    }

    private final class Labels extends LabelProvider implements IStyledLabelProvider {
        @Override
        public StyledString getStyledText(Object element) {
            if (element == ComponentTree.ALL) {
                return new StyledString(element.toString()).append("  " + tree.componentCount(),
                        StyledString.COUNTER_STYLER);
            }
            if (element instanceof Folder folder) {
                int devices = tree.componentIds(folder).size();
                return new StyledString(folder.name()).append("  " + devices, StyledString.COUNTER_STYLER);
            }
            Component component = (Component) element;
            return new StyledString(component.name()).append("  " + component.deviceType(),
                    StyledString.DECORATIONS_STYLER);
        }

        @Override
        public Image getImage(Object element) {
            return resources.create(WorkbenchImages.descriptor(element == ComponentTree.ALL ? "airgap16.png"
                    : element instanceof Folder ? WorkbenchImages.FOLDER : WorkbenchImages.DEVICE));
        }
    }

    private void chosen(Object element) {
        selectionService.setSelection(element == ComponentTree.ALL ? null : element);
        if (following) {
            return;
        }
        if (element == null || element == ComponentTree.ALL) {
            events.post(WorkbenchEvents.COMPONENT_SCOPE, ComponentScope.ALL);
        } else {
            String label = element instanceof Folder folder ? folder.name() : ((Component) element).name();
            events.post(WorkbenchEvents.COMPONENT_SCOPE, new ComponentScope(label, tree.componentIds(element)));
        }
    }

    private void reload() {
        // synced() is held in memory by the repository: cheap enough for the UI thread.
        tree = repository == null ? ComponentTree.EMPTY : new ComponentTree(repository.synced());
        Object[] expanded = viewer.getExpandedElements();
        viewer.setInput(tree);
        if (!expandedOnce && tree.componentCount() > 0) {
            viewer.expandToLevel(tree.componentCount() <= EXPAND_ALL_LIMIT ? TreeViewer.ALL_LEVELS : 2);
            expandedOnce = true;
        } else {
            viewer.setExpandedElements(expanded);
        }
        summary.setText(repository == null ? "The job repository is not available."
                : tree.componentCount() == 0 ? "Nothing synced yet: sync with the server to get your jobs."
                        : tree.componentCount() + " devices. Choose a folder or device to see only its jobs.");
        summary.getParent().layout(true);
    }

    private void repositoryChanged(Object what) {
        if (viewer != null && !viewer.getControl().isDisposed()) {
            reload();
        }
    }

    /** Follows the Jobs view: the device of the selected jobs, when they are all of one device. */
    private void jobsSelected(JobsSelected selected) {
        if (viewer == null || viewer.getControl().isDisposed() || selected.componentIds().size() != 1) {
            return;
        }
        Component component = tree.component(selected.componentIds().iterator().next());
        if (component == null || component.equals(viewer.getStructuredSelection().getFirstElement())) {
            return;
        }
        follow(() -> viewer.setSelection(new TreeSelection(path(component)), true));
    }

    /** "Show all components" in the Jobs view: "All components" is chosen here too. */
    private void scopeChanged(ComponentScope scope) {
        if (scope.isAll() && viewer != null && !viewer.getControl().isDisposed()) {
            follow(() -> viewer.setSelection(new StructuredSelection(ComponentTree.ALL)));
        }
    }

    private void follow(Runnable change) {
        following = true;
        try {
            change.run();
        } finally {
            following = false;
        }
    }

    private TreePath path(Object element) {
        java.util.LinkedList<Object> segments = new java.util.LinkedList<>();
        for (Object e = element; e != null; e = tree.parent(e)) {
            segments.addFirst(e);
        }
        return new TreePath(segments.toArray());
    }

    @Focus
    public void focus() {
        viewer.getControl().setFocus();
    }
}
