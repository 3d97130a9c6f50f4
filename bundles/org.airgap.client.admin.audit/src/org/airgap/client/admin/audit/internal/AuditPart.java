package org.airgap.client.admin.audit.internal;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.airgap.client.admin.AdministrationService;
import org.airgap.client.admin.AuditTrailFilter;
import org.airgap.client.admin.perspective.AdminButtons;
import org.airgap.client.admin.perspective.AdminColumns;
import org.airgap.client.admin.perspective.AdministratorSession;
import org.airgap.client.admin.perspective.PagedList;
import org.airgap.client.ui.ServiceChange;
import org.airgap.protocol.AuditLogEntry;
import org.airgap.protocol.AuditPage;
import org.airgap.protocol.AuditTrailCheck;
import org.airgap.session.ClientSession;
import org.airgap.session.SessionService;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;

/**
 * Server Audit Trail (Administration perspective): the server's own audit trail and the trails the laptops
 * uploaded, newest first, one page at a time from the server with the filters of {@link AuditFilterBar}, and above them whether
 * each trail's hash chain verifies ({@link TrailChecksPane}, from the server's verification of every trail).
 * Every read is an Eclipse job with a busy bar and Cancel; a newer request cancels the one before and its
 * answer is dropped.
 */
public class AuditPart {

    @Inject
    private UISynchronize sync;

    private AdministrationService administration;
    private SessionService sessions;
    private AuditFilterBar filters;
    private TrailChecksPane checks;
    private PagedList<AuditTrailFilter> pages;
    private TableViewer table;

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

        pages = new PagedList<>(parent, sync, new PagedList.Texts("audit", "entries", "newest first"),
                new PagedList.Paging<>(AuditTrailFilter::after, AuditTrailFilter::limit),
                (filter, paging) -> read(filter, !paging), filters::setEnabled,
                bar -> AdminButtons.add(bar, "V&erify Trails", "audit.verify",
                        "Ask the server to check every trail's hash chain again", this::verify));

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
        applyFilters();
    }

    private void column(String title, int width, Function<AuditLogEntry, String> text) {
        AdminColumns.add(table, AuditLogEntry.class, title, width, text);
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
            pages.refused(e.getMessage());
            return;
        }
        pages.first(filter);
    }

    /** Only the check of every trail, the page shown stays. */
    private void verify() {
        if (!pages.again()) {
            applyFilters();
        }
    }

    /**
     * The read of {@code filter}'s page (and with {@code verify} the check of every trail), or null (said why)
     * without an administrator's session.
     */
    private PagedList.Read read(AuditTrailFilter filter, boolean verify) {
        Optional<ClientSession> session = AdministratorSession.forCall(administration != null, sessions,
                "see the audit trail", problem -> pages.show(problem, true));
        if (session.isEmpty()) {
            return null;
        }
        AdministrationService service = administration;
        ClientSession current = session.get();
        if (verify) {
            checks.showMessage("Verifying every trail's hash chain on the server\u2026");
        }
        return new PagedList.Read("Reading the audit trail from the server",
                "Reading the audit trail from " + current.server() + "\u2026", monitor -> {
                    AuditPage page = service.auditTrail(current, filter, monitor);
                    List<AuditTrailCheck> verified = verify
                            ? service.verifyAuditTrails(current, AuditTrailFilter.Source.ALL, monitor)
                            : null;
                    return new PagedList.Page(page.entries().size(), page.next(), () -> {
                        table.setInput(page.entries());
                        if (verified != null) {
                            checks.show(verified);
                        }
                    });
                }, message -> {
                    if (verify) {
                        checks.showMessage("The trails were not verified: " + message);
                    }
                });
    }

    @Focus
    public void focus() {
        table.getControl().setFocus();
    }

    @PreDestroy
    public void dispose() {
        pages.dispose();
    }
}
