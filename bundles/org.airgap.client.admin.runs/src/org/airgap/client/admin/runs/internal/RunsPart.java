package org.airgap.client.admin.runs.internal;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import java.util.Optional;
import java.util.function.Function;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.airgap.client.admin.AdministrationService;
import org.airgap.client.admin.RunFilter;
import org.airgap.client.admin.perspective.AdminColumns;
import org.airgap.client.admin.perspective.AdministratorSession;
import org.airgap.client.admin.perspective.PagedList;
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
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Composite;

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
    private PagedList<RunFilter> pages;
    private TableViewer table;
    private RunDetailPane detail;
    private Job detailJob;
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

        pages = new PagedList<>(parent, sync, new PagedList.Texts("runs", "runs", "newest backup first"),
                new PagedList.Paging<>(RunFilter::after, RunFilter::limit), (filter, paging) -> read(filter),
                filters::setEnabled, bar -> {
                });

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
        AdminColumns.add(table, AdminRun.class, "Outcome", 95, run -> run.outcome().name(),
                run -> run.outcome() != RunOutcome.SUCCEEDED ? FAILED : null);
        column("Attempts", 70, run -> Integer.toString(run.attempts()));
        AdminColumns.add(table, AdminRun.class, "Server version \u2194 Backup", 165,
                run -> RunTexts.result(run.serverVersionResult()), run -> resultColor(run.serverVersionResult()));
        AdminColumns.add(table, AdminRun.class, "Prev. backup \u2194 Backup", 160,
                run -> RunTexts.result(run.previousBackupResult()), run -> resultColor(run.previousBackupResult()));
        column("Version", 60, RunTexts::version);
        table.addSelectionChangedListener(event -> selected((IStructuredSelection) event.getSelection()));
        detail = new RunDetailPane(split);
        split.setWeights(55, 45);
        applyFilters();
    }

    private void column(String title, int width, Function<AdminRun, String> text) {
        AdminColumns.add(table, AdminRun.class, title, width, text);
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
            pages.refused(e.getMessage());
            return;
        }
        pages.first(filter);
    }

    /** The read of {@code filter}'s page, or null (said why) without an administrator's session. */
    private PagedList.Read read(RunFilter filter) {
        Optional<ClientSession> session = AdministratorSession.forCall(administration != null, sessions,
                "see the runs", problem -> pages.show(problem, true));
        if (session.isEmpty()) {
            return null;
        }
        AdministrationService service = administration;
        ClientSession current = session.get();
        return new PagedList.Read("Reading runs from the server", "Reading runs from " + current.server() + "\u2026",
                monitor -> {
                    AdminRunPage page = service.runs(current, filter, monitor);
                    return new PagedList.Page(page.runs().size(), page.next(), () -> {
                        table.setInput(page.runs());
                        detail.show(null,
                                page.runs().isEmpty() ? "" : "Select a run to see its log, attempts and results.");
                    });
                }, message -> {
                });
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

    @Focus
    public void focus() {
        table.getControl().setFocus();
    }

    @PreDestroy
    public void dispose() {
        pages.dispose();
        detailRequests++;
        if (detailJob != null) {
            detailJob.cancel();
        }
    }
}
