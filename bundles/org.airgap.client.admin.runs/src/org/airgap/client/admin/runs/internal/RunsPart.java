package org.airgap.client.admin.runs.internal;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Function;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.airgap.client.admin.AdministrationService;
import org.airgap.client.admin.RunFilter;
import org.airgap.client.admin.perspective.AdministratorSession;
import org.airgap.client.admin.perspective.ServerRead;
import org.airgap.client.ui.CompareResultStyle;
import org.airgap.client.ui.ServiceChange;
import org.airgap.model.CompareResult;
import org.airgap.model.RunOutcome;
import org.airgap.protocol.AdminRun;
import org.airgap.protocol.AdminRunDetail;
import org.airgap.protocol.AdminRunPage;
import org.airgap.session.ClientSession;
import org.airgap.session.SessionService;
import org.eclipse.core.runtime.jobs.IJobFunction;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;

/**
 * Runs (Administration perspective): the runs the laptops uploaded, newest backup first, one page at a time
 * from the server with the filters of {@link RunFilterBar}; the selected run's log, attempts and results below
 * ({@link RunDetailPane}). Every read is an Eclipse job with a busy bar and Cancel; a newer request cancels
 * the one before and its answer is dropped.
 */
public class RunsPart {

    private static final Color FAILED = new Color(CompareResultStyle.RED);

    @Inject
    private UISynchronize sync;
    /** The selected run, for other views (the Versions view's check-in takes its id). */
    @Inject
    private org.eclipse.e4.ui.workbench.modeling.ESelectionService selection;

    private AdministrationService administration;
    private SessionService sessions;
    private RunFilterBar filters;
    private Label status;
    private Composite busy;
    private Button newer;
    private Button older;
    private TableViewer table;
    private RunDetailPane detail;
    /** The cursors of the pages before the one shown, for Newer. */
    private final Deque<RunFilter> previous = new ArrayDeque<>();
    private RunFilter shown;
    private String next;
    private Job pageJob;
    private Job detailJob;
    private int requests;
    private int detailRequests;

    @Inject
    void administration(@org.eclipse.e4.core.di.annotations.Optional @Service AdministrationService administration) {
        this.administration = administration;
        ServiceChange.reload(sync, table == null ? null : table.getControl(), this::applyFilters);
    }

    @Inject
    void sessions(@org.eclipse.e4.core.di.annotations.Optional @Service SessionService sessions) {
        this.sessions = sessions;
        ServiceChange.reload(sync, table == null ? null : table.getControl(), this::applyFilters);
    }

    @PostConstruct
    public void create(Composite parent) {
        GridLayoutFactory.fillDefaults().margins(6, 6).spacing(6, 4).applyTo(parent);
        filters = new RunFilterBar(parent, this::applyFilters);

        Composite bar = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(4).spacing(8, 0).applyTo(bar);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        status = new Label(bar, SWT.WRAP);
        status.setData(TEST_ID, "runs.status");
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).hint(200, SWT.DEFAULT)
                .applyTo(status);
        busy = new Composite(bar, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(4, 0).applyTo(busy);
        GridDataFactory.fillDefaults().align(SWT.END, SWT.CENTER).applyTo(busy);
        ProgressBar progress = new ProgressBar(busy, SWT.INDETERMINATE);
        GridDataFactory.fillDefaults().align(SWT.FILL, SWT.CENTER).hint(90, SWT.DEFAULT).applyTo(progress);
        Button cancel = new Button(busy, SWT.PUSH);
        cancel.setText("&Cancel");
        cancel.setData(TEST_ID, "runs.cancel");
        cancel.addListener(SWT.Selection, event -> cancel());
        newer = button(bar, "\u25C2 &Newer", "runs.newer", "The page of newer runs", this::newerPage);
        older = button(bar, "&Older \u25B8", "runs.older", "The page of older runs", this::olderPage);

        SashForm split = new SashForm(parent, SWT.VERTICAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(split);
        table = new TableViewer(split, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL | SWT.VIRTUAL);
        table.getTable().setHeaderVisible(true);
        table.getTable().setLinesVisible(true);
        table.getTable().setData(TEST_ID, "runs.table");
        table.setContentProvider(ArrayContentProvider.getInstance());
        column("Backup time", 150, run -> RunTexts.time(run.backupTime()));
        column("Component", 85, AdminRun::componentId);
        column("Job", 90, AdminRun::jobId);
        column("Technician", 85, AdminRun::user);
        column("Outcome", 95, run -> run.outcome().name());
        column("Attempts", 70, run -> Integer.toString(run.attempts()));
        column("Server version \u2194 Backup", 165, run -> RunTexts.result(run.serverVersionResult()));
        column("Prev. backup \u2194 Backup", 160, run -> RunTexts.result(run.previousBackupResult()));
        column("Version", 60, RunTexts::version);
        table.addSelectionChangedListener(event -> selected((IStructuredSelection) event.getSelection()));
        detail = new RunDetailPane(split);
        split.setWeights(55, 45);
        showBusy(false);
        applyFilters();
    }

    private static Button button(Composite parent, String text, String testId, String tooltip, Runnable action) {
        Button button = new Button(parent, SWT.PUSH);
        button.setText(text);
        button.setToolTipText(tooltip);
        button.setData(TEST_ID, testId);
        button.setEnabled(false);
        button.addListener(SWT.Selection, event -> action.run());
        return button;
    }

    private void column(String title, int width, Function<AdminRun, String> text) {
        TableViewerColumn column = new TableViewerColumn(table, SWT.LEFT);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((AdminRun) element);
            }

            @Override
            public Color getForeground(Object element) {
                AdminRun run = (AdminRun) element;
                if (title.startsWith("Server version")) {
                    return resultColor(run.serverVersionResult());
                }
                if (title.startsWith("Prev. backup")) {
                    return resultColor(run.previousBackupResult());
                }
                return title.equals("Outcome") && run.outcome() != RunOutcome.SUCCEEDED ? FAILED : null;
            }
        });
    }

    private static Color resultColor(CompareResult result) {
        return result == null ? null : new Color(CompareResultStyle.color(result));
    }

    /** The first page of what the filters say (Apply, Enter, a changed outcome or page size). */
    public void applyFilters() {
        if (table == null || table.getControl().isDisposed()) {
            return;
        }
        RunFilter filter;
        try {
            filter = filters.filter();
        } catch (IllegalArgumentException e) {
            // A read still running was asked with the filters before: its answer must not hide this refusal.
            cancel();
            requests++;
            showBusy(false);
            showStatus(e.getMessage(), true);
            newer.setEnabled(false);
            older.setEnabled(false);
            return;
        }
        load(filter, new ArrayDeque<>());
    }

    private void olderPage() {
        if (shown != null && next != null) {
            Deque<RunFilter> before = new ArrayDeque<>(previous);
            before.push(shown);
            load(shown.after(next), before);
        }
    }

    private void newerPage() {
        if (!previous.isEmpty()) {
            Deque<RunFilter> before = new ArrayDeque<>(previous);
            load(before.pop(), before);
        }
    }

    /** Reads the page of {@code filter}; once it is shown, {@code before} are the pages before it. */
    private void load(RunFilter filter, Deque<RunFilter> before) {
        cancel();
        Optional<ClientSession> session = AdministratorSession.current(sessions);
        if (administration == null || session.isEmpty()) {
            showStatus(administration == null ? "The administration service is not running in this workbench."
                    : "Log in online as an administrator to see the runs.", true);
            return;
        }
        int request = ++requests;
        AdministrationService service = administration;
        ClientSession current = session.get();
        showBusy(true);
        showStatus("Reading runs from " + current.server() + "\u2026", false);
        IJobFunction readPage = monitor -> ServerRead.inJob(() -> {
            AdminRunPage page = service.runs(current, filter, monitor);
            sync.asyncExec(() -> shown(request, filter, before, page));
        }, message -> sync.asyncExec(() -> failed(request, message)));
        pageJob = Job.create("Reading runs from the server", readPage);
        pageJob.schedule();
    }

    private void shown(int request, RunFilter filter, Deque<RunFilter> before, AdminRunPage page) {
        if (request != requests || table.getControl().isDisposed()) {
            return;
        }
        showBusy(false);
        previous.clear();
        previous.addAll(before);
        shown = filter;
        next = page.next();
        table.setInput(page.runs());
        int first = previous.stream().mapToInt(RunFilter::limit).sum() + 1;
        showStatus(page.runs().isEmpty() ? "No runs match." : "Runs " + first + "\u2013"
                + (first + page.runs().size() - 1) + ", newest backup first" + (next == null ? "" : "; older runs follow"),
                false);
        newer.setEnabled(!previous.isEmpty());
        older.setEnabled(next != null);
        detail.show(null, page.runs().isEmpty() ? "" : "Select a run to see its log, attempts and results.");
    }

    private void failed(int request, String message) {
        if (request != requests || table.getControl().isDisposed()) {
            return;
        }
        showBusy(false);
        showStatus(message, true);
        newer.setEnabled(!previous.isEmpty()); // the page shown before stays, with its paging
        older.setEnabled(shown != null && next != null);
    }

    private void selected(IStructuredSelection selection) {
        if (!(selection.getFirstElement() instanceof AdminRun run)) {
            return;
        }
        this.selection.setSelection(run);
        if (detailJob != null) {
            detailJob.cancel();
        }
        Optional<ClientSession> session = AdministratorSession.current(sessions);
        if (administration == null || session.isEmpty()) {
            return;
        }
        int request = ++detailRequests;
        AdministrationService service = administration;
        ClientSession current = session.get();
        detail.show(null, "Reading run " + run.id() + "\u2026");
        IJobFunction readRun = monitor -> ServerRead.inJob(() -> {
            AdminRunDetail found = service.run(current, run.id(), monitor);
            sync.asyncExec(() -> {
                if (request == detailRequests && !table.getControl().isDisposed()) {
                    detail.show(found, null);
                }
            });
        }, message -> sync.asyncExec(() -> {
            if (request == detailRequests && !table.getControl().isDisposed()) {
                detail.show(null, message);
            }
        }));
        detailJob = Job.create("Reading run " + run.id(), readRun);
        detailJob.schedule();
    }

    private void cancel() {
        if (pageJob != null) {
            pageJob.cancel();
        }
    }

    private void showBusy(boolean loading) {
        busy.setVisible(loading);
        ((GridData) busy.getLayoutData()).exclude = !loading;
        filters.setEnabled(!loading);
        if (loading) {
            newer.setEnabled(false);
            older.setEnabled(false);
        }
        busy.getParent().layout(true, true);
    }

    private void showStatus(String text, boolean problem) {
        status.setText(text);
        status.setToolTipText(text);
        status.setForeground(problem ? FAILED : null);
        status.getParent().layout(true, true);
    }

    @Focus
    public void focus() {
        table.getControl().setFocus();
    }

    @PreDestroy
    public void dispose() {
        requests++;
        detailRequests++;
        cancel();
        if (detailJob != null) {
            detailJob.cancel();
        }
    }
}
