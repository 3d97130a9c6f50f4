package org.airgap.client.jobs.internal;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.airgap.client.WorkbenchIds;
import org.airgap.client.events.ComponentScope;
import org.airgap.client.events.JobsSelected;
import org.airgap.client.events.RunFinished;
import org.airgap.client.events.RunStarted;
import org.airgap.client.events.ServerJobs;
import org.airgap.client.events.WorkbenchEvents;
import org.airgap.client.ui.ServiceChange;
import org.airgap.client.ui.WorkbenchImages;
import org.airgap.client.jobs.internal.JobsModel.Column;
import org.airgap.runner.check.CheckService;
import org.airgap.workspace.JobRepository;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.airgap.client.events.EventSubscriptions;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.services.EMenuService;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.e4.ui.workbench.modeling.ESelectionService;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.ILazyContentProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.jface.viewers.Viewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.Text;

/**
 * Jobs: the synced jobs with their component, device type, last run and the two results of the last
 * run, a warning when a backup is older than the job allows; filter, sort, several selected, "Execute
 * selected jobs once" (button, Enter, Ctrl+R, context menu, Jobs menu). The table is virtual: only the
 * rows on screen are made, so 5,000 jobs open and filter at once.
 */
public class JobsPart {

    @Inject
    private UISynchronize sync;
    @Inject
    private IEventBroker events;
    @Inject
    private ESelectionService selectionService;
    @Inject
    private ECommandService commands;
    @Inject
    private EHandlerService handlers;
    @Inject
    private EMenuService menus;

    private JobRepository repository;
    private CheckService check;
    private LocalResourceManager resources;
    private Text filter;
    private Label scopeLabel;
    private Button showAll;
    private Button execute;
    private Label summary;
    private TableViewer viewer;
    private Color grey;

    private JobsModel model = JobsModel.EMPTY;
    private String loadProblem;
    private JobRow[] shown = new JobRow[0];
    private ComponentScope scope = ComponentScope.ALL;
    private Column sortColumn = Column.JOB;
    private boolean ascending = true;
    private final Set<String> runningJobs = new HashSet<>();
    private final Set<String> selectedJobIds = new LinkedHashSet<>();
    private Job loading;
    private EventSubscriptions subscriptions;
    /** What the server listed at the last online login; {@code null} before one. */
    private ServerJobs serverJobs;

    @Inject
    void repository(@Optional @Service JobRepository repository) {
        this.repository = repository;
        ServiceChange.reload(sync, viewer == null ? null : viewer.getControl(), this::reload);
    }

    /** The pre-flight check marks the jobs this laptop cannot run; without it the marks are left out. */
    @Inject
    void check(@Optional @Service CheckService service) {
        this.check = service;
        ServiceChange.reload(sync, viewer == null ? null : viewer.getControl(), this::reload);
    }

    @PostConstruct
    public void create(Composite parent) {
        resources = new LocalResourceManager(JFaceResources.getResources(), parent);
        grey = parent.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY);
        GridLayoutFactory.fillDefaults().margins(6, 6).spacing(6, 6).applyTo(parent);

        Composite bar = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(4).applyTo(bar);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        filter = new Text(bar, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL);
        filter.setMessage("Filter by job, component or device type (Ctrl+F)");
        filter.setData(TEST_ID, "jobs.filter");
        GridDataFactory.fillDefaults().grab(true, false).hint(320, SWT.DEFAULT).applyTo(filter);
        scopeLabel = new Label(bar, SWT.NONE);
        scopeLabel.setData(TEST_ID, "jobs.scope");
        GridDataFactory.fillDefaults().align(SWT.FILL, SWT.CENTER).applyTo(scopeLabel);
        showAll = new Button(bar, SWT.PUSH);
        showAll.setText("Show &all components");
        showAll.setData(TEST_ID, "jobs.showall");
        showAll.addListener(SWT.Selection, e -> events.post(WorkbenchEvents.COMPONENT_SCOPE, ComponentScope.ALL));
        execute = new Button(bar, SWT.PUSH);
        execute.setText("&Execute selected once");
        execute.setToolTipText("Back up the selected jobs' devices now, once each (Ctrl+R, or Enter in the table)");
        execute.setImage(resources.create(WorkbenchImages.descriptor(WorkbenchImages.RUN)));
        execute.setData(TEST_ID, "jobs.execute");
        execute.addListener(SWT.Selection, e -> executeSelected());

        createTable(parent);

        summary = new Label(parent, SWT.NONE);
        summary.setData(TEST_ID, "jobs.summary");
        GridDataFactory.fillDefaults().grab(true, false).applyTo(summary);

        filter.addListener(SWT.Modify, e -> show());
        filter.addListener(SWT.KeyDown, e -> {
            if (e.keyCode == SWT.ARROW_DOWN || e.character == SWT.CR) {
                viewer.getTable().setFocus(); // from the filter straight to the results
                e.doit = false;
            } else if (e.character == SWT.ESC) {
                filter.setText("");
            }
        });
        viewer.getTable().addListener(SWT.KeyDown, e -> {
            if ((e.stateMask & SWT.MOD1) != 0 && e.keyCode == 'f') { // Ctrl+F: back to the filter
                filter.setFocus();
                filter.selectAll();
                e.doit = false;
            }
        });
        bar.setTabList(new org.eclipse.swt.widgets.Control[] { filter, showAll, execute });
        parent.setTabList(new org.eclipse.swt.widgets.Control[] { bar, viewer.getTable() });
        updateScope();
        subscriptions = new EventSubscriptions(events)
                .on(WorkbenchEvents.REPOSITORY_CHANGED, Object.class, this::repositoryChanged)
                .on(WorkbenchEvents.COMPONENT_SCOPE, ComponentScope.class, this::scopeChanged)
                .on(WorkbenchEvents.RUN_STARTED, RunStarted.class, this::runStarted)
                .on(WorkbenchEvents.RUN_FINISHED, RunFinished.class, this::runFinished)
                .on(WorkbenchEvents.SERVER_JOBS, ServerJobs.class, this::serverJobsListed);
        reload();
    }

    private void createTable(Composite parent) {
        viewer = new TableViewer(parent, SWT.VIRTUAL | SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL
                | SWT.H_SCROLL);
        Table table = viewer.getTable();
        table.setData(TEST_ID, "jobs.table");
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(table);
        viewer.setUseHashlookup(true);
        viewer.setContentProvider(new ILazyContentProvider() {
            @Override
            public void updateElement(int index) {
                if (index < shown.length) {
                    viewer.replace(shown[index], index);
                }
            }

            @Override
            public void inputChanged(Viewer v, Object oldInput, Object newInput) {
                // The rows come from show(): nothing to keep here.
            }
        });
        for (Column column : Column.values()) {
            TableViewerColumn viewerColumn = new TableViewerColumn(viewer, SWT.NONE);
            TableColumn tableColumn = viewerColumn.getColumn();
            tableColumn.setText(column.title);
            tableColumn.setWidth(column.width);
            tableColumn.setMoveable(true);
            tableColumn.setData(TEST_ID, "jobs.column." + column.name().toLowerCase(java.util.Locale.ROOT));
            tableColumn.addListener(SWT.Selection, e -> sortBy(column, tableColumn));
            viewerColumn.setLabelProvider(new JobColumnLabels(column, resources, grey, runningJobs));
        }
        table.setSortColumn(table.getColumn(sortColumn.ordinal()));
        table.setSortDirection(SWT.UP);
        ColumnViewerToolTipSupport.enableFor(viewer);
        table.addListener(SWT.Selection, e -> selectionChanged());
        table.addListener(SWT.DefaultSelection, e -> executeSelected()); // Enter or double click
        menus.registerContextMenu(table, "org.airgap.client.jobs.popup");
        viewer.setInput(shown);
    }

    private void sortBy(Column column, TableColumn tableColumn) {
        ascending = column != sortColumn || !ascending;
        sortColumn = column;
        viewer.getTable().setSortColumn(tableColumn);
        viewer.getTable().setSortDirection(ascending ? SWT.UP : SWT.DOWN);
        show();
    }

    /** Filters and sorts the model into the table, keeping the selected jobs selected. */
    private void show() {
        shown = model.view(filter.getText(), scope.componentIds(), sortColumn, ascending);
        Table table = viewer.getTable();
        table.setRedraw(false);
        try {
            viewer.setInput(shown);
            viewer.setItemCount(shown.length);
            table.clearAll();
            List<Integer> indices = new ArrayList<>();
            for (int i = 0; i < shown.length; i++) {
                if (selectedJobIds.contains(shown[i].id())) {
                    indices.add(i);
                }
            }
            table.setSelection(indices.stream().mapToInt(Integer::intValue).toArray());
        } finally {
            table.setRedraw(true);
        }
        selectionChanged();
    }

    private void selectionChanged() {
        List<JobRow> selected = selectedRows();
        selectedJobIds.clear();
        selected.forEach(row -> selectedJobIds.add(row.id()));
        long runnable = selected.stream().filter(JobRow::runnable).count();
        execute.setEnabled(runnable > 0);
        String text = model.summary(shown.length, selected.size());
        summary.setText(loadProblem != null ? loadProblem : text);
        summary.getParent().layout(new org.eclipse.swt.widgets.Control[] { summary });
        selectionService.setSelection(selected.stream().map(JobRow::job).toList());
        events.post(WorkbenchEvents.JOBS_SELECTED, new JobsSelected(selected.stream().map(JobRow::id).toList(),
                new LinkedHashSet<>(selected.stream().map(JobRow::componentId).toList())));
        events.send(UIEvents.REQUEST_ENABLEMENT_UPDATE_TOPIC, UIEvents.ALL_ELEMENT_ID);
    }

    /** The selected rows, in table order. */
    List<JobRow> selectedRows() {
        if (viewer == null || viewer.getTable().isDisposed()) {
            return List.of();
        }
        return Arrays.stream(viewer.getTable().getSelectionIndices()).sorted().filter(i -> i < shown.length)
                .mapToObj(i -> shown[i]).toList();
    }

    private void executeSelected() {
        handlers.executeHandler(commands.createCommand(WorkbenchIds.COMMAND_EXECUTE_JOBS, null));
    }

    /** Reads the repository in the background and shows the result. */
    private void reload() {
        JobRepository source = repository;
        CheckService preflight = check;
        ServerJobs listed = serverJobs;
        if (loading != null) {
            loading.cancel();
        }
        loading = new Job("Reading the jobs") {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                JobsModel loaded = JobsModel.EMPTY;
                String problem = null;
                if (source == null) {
                    problem = "The job repository is not available: the workspace may be open in another Airgap. "
                            + "Close that Airgap and restart this one.";
                } else {
                    try {
                        loaded = JobsModel.load(source, listed, preflight, Instant.now());
                    } catch (IOException | RuntimeException e) {
                        problem = "The jobs could not be read from " + source.location() + ": " + e.getMessage();
                    }
                }
                if (monitor.isCanceled()) {
                    return Status.CANCEL_STATUS;
                }
                JobsModel result = loaded;
                String resultProblem = problem;
                sync.asyncExec(() -> {
                    if (!viewer.getControl().isDisposed()) {
                        model = result;
                        loadProblem = resultProblem;
                        show();
                    }
                });
                return Status.OK_STATUS;
            }
        };
        loading.setSystem(true);
        loading.schedule();
    }

    private void repositoryChanged(Object what) {
        if (viewer != null && !viewer.getControl().isDisposed()) {
            reload();
        }
    }

    private void serverJobsListed(ServerJobs listed) {
        serverJobs = listed;
        repositoryChanged(listed);
    }

    private void scopeChanged(ComponentScope chosen) {
        scope = chosen;
        if (viewer != null && !viewer.getControl().isDisposed()) {
            updateScope();
            show();
        }
    }

    private void updateScope() {
        scopeLabel.setText(scope.isAll() ? "All components" : "Only " + scope.label());
        showAll.setEnabled(!scope.isAll());
        scopeLabel.getParent().layout(true);
    }

    private void runStarted(RunStarted run) {
        if (viewer == null || viewer.getControl().isDisposed()) {
            return;
        }
        runningJobs.add(run.jobId());
        refreshRows();
    }

    private void runFinished(RunFinished run) {
        // The repository change that follows reloads the rows with the new run.
        if (viewer == null || viewer.getControl().isDisposed()) {
            return;
        }
        runningJobs.remove(run.jobId());
        refreshRows();
    }

    private void refreshRows() {
        if (viewer != null && !viewer.getControl().isDisposed()) {
            viewer.getTable().clearAll();
        }
    }

    @Focus
    public void focus() {
        viewer.getTable().setFocus();
    }

    @PreDestroy
    void dispose() {
        if (subscriptions != null) {
            subscriptions.close();
        }
        if (loading != null) {
            loading.cancel();
        }
    }
}
