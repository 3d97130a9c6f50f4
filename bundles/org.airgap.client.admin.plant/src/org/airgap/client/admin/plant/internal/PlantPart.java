package org.airgap.client.admin.plant.internal;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.airgap.client.admin.perspective.LazyTreeContent;
import org.airgap.client.admin.perspective.ServerCalls;
import org.airgap.client.admin.AdministrationService;
import org.airgap.client.forms.DriverCatalog;
import org.airgap.client.ui.ServiceChange;
import org.airgap.model.Folder;
import org.airgap.protocol.PlantComponent;
import org.airgap.protocol.PlantJob;
import org.airgap.session.SessionService;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.jface.viewers.TreeViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;

/**
 * Plant (Administration perspective): the server's folders, components and jobs as a virtual tree, read in an
 * Eclipse job (busy bar, Cancel; F5 or Refresh reads again), archived ones greyed and only with Show archived;
 * the selected row's details read-only below. The actions ({@link PlantActions}: context menu and keys) and drag
 * and drop ({@link PlantDragAndDrop}) change the plant on the server and read it again.
 */
public class PlantPart {

    @Inject
    private UISynchronize sync;

    private AdministrationService administration;
    private SessionService sessions;
    private PlantEditors editors;
    private Label summary;
    private Button showArchived;
    private ServerCalls work;
    private TreeViewer tree;
    private Text details;
    private PlantTree shown;
    private int loads;
    /** The status line's count of messages when the latest read began. */
    private int reading;

    @Inject
    void administration(@Optional @Service AdministrationService administration) {
        this.administration = administration;
        ServiceChange.reload(sync, tree == null ? null : tree.getControl(), this::refresh);
    }

    @Inject
    void catalog(@Optional @Service DriverCatalog catalog) {
        this.editors = catalog == null ? null : new FormEditors(catalog);
    }

    @Inject
    void sessions(@Optional @Service SessionService sessions) {
        this.sessions = sessions;
        ServiceChange.reload(sync, tree == null ? null : tree.getControl(), this::refresh);
    }

    @PostConstruct
    public void create(Composite parent) {
        LocalResourceManager resources = new LocalResourceManager(JFaceResources.getResources(), parent);
        GridLayoutFactory.fillDefaults().margins(6, 6).spacing(6, 4).applyTo(parent);
        Composite header = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).spacing(10, 0).applyTo(header);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(header);
        summary = new Label(header, SWT.NONE);
        summary.setData(TEST_ID, "plant.summary");
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(summary);
        showArchived = new Button(header, SWT.CHECK);
        showArchived.setText("Show archi&ved");
        showArchived.setToolTipText("Also show archived components and jobs (greyed), to restore or purge them");
        showArchived.setData(TEST_ID, "plant.showArchived");
        showArchived.addListener(SWT.Selection, event -> refresh());
        Button refresh = new Button(header, SWT.PUSH);
        refresh.setText("&Refresh");
        refresh.setToolTipText("Read the plant from the server again (F5)");
        refresh.setData(TEST_ID, "plant.refresh");
        refresh.addListener(SWT.Selection, event -> refresh());
        work = new ServerCalls(parent, "plant", "see the plant", sync, () -> administration, () -> sessions);

        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);
        tree = new TreeViewer(sash, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL | SWT.VIRTUAL);
        tree.setUseHashlookup(true);
        tree.getTree().setHeaderVisible(true);
        tree.getTree().setData(TEST_ID, "plant.tree");
        tree.setContentProvider(new LazyTreeContent<>(PlantNode.class, PlantNode::parent,
                element -> element instanceof PlantTree shown ? shown.roots()
                        : element instanceof PlantNode node ? node.children() : List.of()));
        for (PlantLabels.Column column : PlantLabels.Column.values()) {
            TreeViewerColumn viewerColumn = new TreeViewerColumn(tree, SWT.LEFT);
            viewerColumn.getColumn().setText(column.title);
            viewerColumn.getColumn().setWidth(column.width);
            viewerColumn.setLabelProvider(new PlantLabels(column, resources));
        }
        ColumnViewerToolTipSupport.enableFor(tree);
        details = new Text(sash, SWT.BORDER | SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.V_SCROLL);
        details.setData(TEST_ID, "plant.details");
        details.setText(PlantDetails.of(null));
        sash.setWeights(3, 1);
        tree.addSelectionChangedListener(event -> details.setText(PlantDetails.of(selected())));
        PlantChanges changes = new PlantChanges(this, work);
        new PlantActions(this, work, changes).install(tree);
        new PlantDragAndDrop(this, changes, tree).install(tree);
        refresh();
    }

    /** Reads the plant from the server again, keeping what was expanded and selected; on the UI thread. */
    public void refresh() {
        reload("");
    }

    /** {@link #refresh()}, then {@code done} in the status line (what a change did, in words). */
    void reload(String done) {
        reload(done, null, null);
    }

    /** {@link #reload(String)}, then the row of {@code kind}/{@code id} selected (a created or changed one). */
    void reload(String done, PlantNode.Kind kind, String id) {
        if (tree == null || tree.getControl().isDisposed()) {
            return;
        }
        int request = ++loads;
        boolean archived = showArchived.getSelection();
        work.run("Reading the plant", (service, session, monitor) -> {
            List<Folder> folders = service.folders(session, monitor);
            List<PlantComponent> components = service.components(session, archived, monitor);
            List<PlantJob> jobs = service.jobs(session, archived, monitor);
            return PlantTree.of(folders, components, jobs);
        }, plant -> show(request, plant, done, kind, id));
        reading = work.messages(); // "Reading the plant…"
    }

    private void show(int request, PlantTree plant, String done, PlantNode.Kind kind, String id) {
        if (request != loads || tree.getControl().isDisposed()) {
            return; // a newer read is on its way
        }
        List<PlantNode> expanded = new ArrayList<>();
        for (Object element : tree.getExpandedElements()) {
            if (element instanceof PlantNode node) {
                expanded.add(node);
            }
        }
        PlantNode selected = selected();
        boolean first = shown == null;
        shown = plant;
        tree.getTree().setRedraw(false);
        try {
            tree.setInput(plant);
            tree.getTree().setItemCount(plant.roots().size());
            if (first) {
                tree.expandToLevel(2);
            }
            for (PlantNode before : expanded) {
                plant.find(before.kind(), before.id()).ifPresent(node -> tree.setExpandedState(node, true));
            }
            PlantNode.Kind selectKind = kind != null ? kind : selected == null ? null : selected.kind();
            String selectId = kind != null ? id : selected == null ? null : selected.id();
            if (selectKind != null) {
                plant.find(selectKind, selectId)
                        .ifPresent(node -> tree.setSelection(new StructuredSelection(node), true));
            }
        } finally {
            tree.getTree().setRedraw(true);
        }
        summary.setText(plant.summary()); // Show archived beside it says whether archived ones count
        summary.getParent().layout(true, true);
        details.setText(PlantDetails.of(selected()));
        if (work.messages() == reading) { // nothing newer (a refusal, a cut) said since the read began
            work.show(done, false);
        }
    }

    PlantNode selected() {
        IStructuredSelection selection = tree.getStructuredSelection();
        return selection.getFirstElement() instanceof PlantNode node ? node : null;
    }

    PlantTree shown() {
        return shown;
    }

    /** The component and job editors; {@code null} while the forms' driver catalog is not running. */
    PlantEditors editors() {
        return editors;
    }

    org.eclipse.swt.widgets.Shell shell() {
        return tree.getControl().getShell();
    }

    @Focus
    public void focus() {
        tree.getControl().setFocus();
    }

    @PreDestroy
    public void dispose() {
        loads++;
        work.dispose();
    }
}
