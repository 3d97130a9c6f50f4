package org.airgap.client.admin.audit.internal;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.airgap.client.admin.AdministrationService;
import org.airgap.client.admin.AuditTrailFilter;
import org.airgap.client.admin.perspective.AdministratorSession;
import org.airgap.client.admin.perspective.ServerRead;
import org.airgap.client.ui.CompareResultStyle;
import org.airgap.client.ui.ServiceChange;
import org.airgap.protocol.AuditLogEntry;
import org.airgap.protocol.AuditPage;
import org.airgap.protocol.AuditTrailCheck;
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
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;

/**
 * Server Audit Trail (Administration perspective): the server's own audit trail and the trails the laptops
 * uploaded, newest first, one page at a time from the server with the filters of {@link AuditFilterBar}, and above them whether
 * each trail's hash chain verifies ({@link TrailChecksPane}, from the server's verification of every trail).
 * Every read is an Eclipse job with a busy bar and Cancel; a newer request cancels the one before and its
 * answer is dropped.
 */
public class AuditPart {

    private static final Color PROBLEM = new Color(CompareResultStyle.RED);

    @Inject
    private UISynchronize sync;

    private AdministrationService administration;
    private SessionService sessions;
    private AuditFilterBar filters;
    private TrailChecksPane checks;
    private Label status;
    private Composite busy;
    private Button newer;
    private Button older;
    private TableViewer table;
    /** The filters of the pages before the one shown, for Newer. */
    private final Deque<AuditTrailFilter> previous = new ArrayDeque<>();
    private AuditTrailFilter shown;
    private String next;
    private Job job;
    private int requests;

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
        checks = new TrailChecksPane(parent);
        filters = new AuditFilterBar(parent, this::applyFilters);

        Composite bar = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(5).spacing(8, 0).applyTo(bar);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        status = new Label(bar, SWT.WRAP);
        status.setData(TEST_ID, "audit.status");
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).hint(200, SWT.DEFAULT)
                .applyTo(status);
        busy = new Composite(bar, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).spacing(4, 0).applyTo(busy);
        GridDataFactory.fillDefaults().align(SWT.END, SWT.CENTER).applyTo(busy);
        ProgressBar progress = new ProgressBar(busy, SWT.INDETERMINATE);
        GridDataFactory.fillDefaults().align(SWT.FILL, SWT.CENTER).hint(90, SWT.DEFAULT).applyTo(progress);
        Button cancel = new Button(busy, SWT.PUSH);
        cancel.setText("&Cancel");
        cancel.setData(TEST_ID, "audit.cancel");
        cancel.addListener(SWT.Selection, event -> cancel());
        Button verify = button(bar, "&Verify Trails", "audit.verify",
                "Ask the server to check every trail's hash chain again", this::verify);
        verify.setEnabled(true);
        newer = button(bar, "\u25C2 &Newer", "audit.newer", "The page of newer entries", this::newerPage);
        older = button(bar, "&Older \u25B8", "audit.older", "The page of older entries", this::olderPage);

        table = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL | SWT.VIRTUAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(table.getControl());
        table.getTable().setHeaderVisible(true);
        table.getTable().setLinesVisible(true);
        table.getTable().setData(TEST_ID, "audit.table");
        table.setContentProvider(ArrayContentProvider.getInstance());
        column("Time", 140, entry -> AuditTexts.time(entry.time()));
        column("Trail", 60, AuditTexts::source);
        column("User", 110, AuditTexts::user);
        column("Action", 125, AuditLogEntry::action);
        column("Subject", 150, entry -> AuditTexts.orDash(entry.subject()));
        column("Details", 320, entry -> AuditTexts.orDash(entry.details()));
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

    private void column(String title, int width, Function<AuditLogEntry, String> text) {
        TableViewerColumn column = new TableViewerColumn(table, SWT.LEFT);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((AuditLogEntry) element);
            }

            @Override
            public String getToolTipText(Object element) {
                return getText(element);
            }
        });
    }

    /** The first page of what the filters say, and every trail verified again (Apply, Enter, a changed combo). */
    public void applyFilters() {
        if (table == null || table.getControl().isDisposed()) {
            return;
        }
        AuditTrailFilter filter;
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
        load(filter, new ArrayDeque<>(), true);
    }

    private void olderPage() {
        if (shown != null && next != null) {
            Deque<AuditTrailFilter> before = new ArrayDeque<>(previous);
            before.push(shown);
            load(shown.after(next), before, false);
        }
    }

    private void newerPage() {
        if (!previous.isEmpty()) {
            Deque<AuditTrailFilter> before = new ArrayDeque<>(previous);
            load(before.pop(), before, false);
        }
    }

    /** Only the check of every trail, the page shown stays. */
    private void verify() {
        if (shown == null) {
            applyFilters();
        } else {
            load(shown, new ArrayDeque<>(previous), true);
        }
    }

    /** Reads the page of {@code filter} (and with {@code verify} the check of every trail) in a job. */
    private void load(AuditTrailFilter filter, Deque<AuditTrailFilter> before, boolean verify) {
        cancel();
        Optional<ClientSession> session = AdministratorSession.current(sessions);
        if (administration == null || session.isEmpty()) {
            showStatus(administration == null ? "The administration service is not running in this workbench."
                    : "Log in online as an administrator to see the audit trail.", true);
            return;
        }
        int request = ++requests;
        AdministrationService service = administration;
        ClientSession current = session.get();
        showBusy(true);
        showStatus("Reading the audit trail from " + current.server() + "\u2026", false);
        if (verify) {
            checks.showMessage("Verifying every trail's hash chain on the server\u2026");
        }
        IJobFunction read = monitor -> ServerRead.inJob(() -> {
            AuditPage page = service.auditTrail(current, filter, monitor);
            List<AuditTrailCheck> verified = verify
                    ? service.verifyAuditTrails(current, AuditTrailFilter.Source.ALL, monitor)
                    : null;
            sync.asyncExec(() -> shown(request, filter, before, page, verified));
        }, message -> sync.asyncExec(() -> failed(request, message, verify)));
        job = Job.create("Reading the audit trail from the server", read);
        job.schedule();
    }

    private void shown(int request, AuditTrailFilter filter, Deque<AuditTrailFilter> before, AuditPage page,
            List<AuditTrailCheck> verified) {
        if (request != requests || table.getControl().isDisposed()) {
            return;
        }
        showBusy(false);
        previous.clear();
        previous.addAll(before);
        shown = filter;
        next = page.next();
        table.setInput(page.entries());
        if (verified != null) {
            checks.show(verified);
        }
        int first = previous.stream().mapToInt(AuditTrailFilter::limit).sum() + 1;
        int last = first + page.entries().size() - 1;
        showStatus(page.entries().isEmpty() ? "No entries match." : "Entries " + first + "\u2013" + last
                + ", newest first" + (next == null ? "" : "; older entries follow"), false);
        newer.setEnabled(!previous.isEmpty());
        older.setEnabled(next != null);
    }

    private void failed(int request, String message, boolean verify) {
        if (request != requests || table.getControl().isDisposed()) {
            return;
        }
        showBusy(false);
        showStatus(message, true);
        if (verify) {
            checks.showMessage("The trails were not verified: " + message);
        }
        newer.setEnabled(!previous.isEmpty()); // the page shown before stays, with its paging
        older.setEnabled(shown != null && next != null);
    }

    private void cancel() {
        if (job != null) {
            job.cancel();
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
        status.setForeground(problem ? PROBLEM : null);
        status.getParent().layout(true, true);
    }

    @Focus
    public void focus() {
        table.getControl().setFocus();
    }

    @PreDestroy
    public void dispose() {
        requests++;
        cancel();
    }
}
