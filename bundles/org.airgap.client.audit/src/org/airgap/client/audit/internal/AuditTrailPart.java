package org.airgap.client.audit.internal;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.airgap.audit.AuditEntry;
import org.airgap.audit.AuditTrail;
import org.airgap.audit.AuditVerification;
import org.airgap.client.ui.ServiceChange;
import org.airgap.workspace.JobRepository;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * Audit trail: this laptop's audit entries, newest first, under the verification of their hash chain
 * (intact, or broken at which entry and why). Reading and verifying run in an Eclipse job.
 */
public class AuditTrailPart {

    static final String ID = "org.airgap.client.audit.part";
    /** The SWT data key under which widgets are named for UI tests. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());
    private static final Color VERIFIED = new Color(0x2e, 0x7d, 0x32);
    private static final Color BROKEN = new Color(0xc6, 0x28, 0x28);
    private static final Color BROKEN_BACKGROUND = new Color(0xfb, 0xe0, 0xe0);
    private static final Color UNVERIFIED_FOREGROUND = new Color(0x80, 0x80, 0x80);

    /** What one load found: the entries (newest first) and the chain's state. */
    private record Loaded(List<AuditEntry> entries, AuditVerification verification, String readProblem) {
    }

    @Inject
    private UISynchronize sync;

    private JobRepository repository;
    private Label state;
    private Label stateDetail;
    private Button refresh;
    private TableViewer table;
    private AuditVerification verification;
    private Job loadJob;
    private int loads;

    @Inject
    void repository(@Optional @Service JobRepository repository) {
        this.repository = repository;
        ServiceChange.reload(sync, table == null ? null : table.getControl(), this::load);
    }

    @PostConstruct
    public void create(Composite parent) {
        GridLayoutFactory.fillDefaults().margins(6, 6).spacing(6, 4).applyTo(parent);

        // The state in a word, its reason beside it (wrapped when long), Refresh on the right.
        Composite bar = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(3).spacing(10, 0).applyTo(bar);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        state = new Label(bar, SWT.NONE);
        state.setFont(JFaceResources.getBannerFont());
        state.setData(TEST_ID, "audit.state");
        GridDataFactory.fillDefaults().align(SWT.BEGINNING, SWT.CENTER).applyTo(state);
        stateDetail = new Label(bar, SWT.WRAP);
        stateDetail.setData(TEST_ID, "audit.stateDetail");
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).hint(200, SWT.DEFAULT)
                .applyTo(stateDetail);
        refresh = new Button(bar, SWT.PUSH);
        refresh.setText("&Refresh");
        refresh.setToolTipText("Read the audit trail again and check its hash chain");
        refresh.setData(TEST_ID, "audit.refresh");
        refresh.addListener(SWT.Selection, e -> load());

        table = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.V_SCROLL | SWT.H_SCROLL | SWT.VIRTUAL);
        table.getTable().setHeaderVisible(true);
        table.getTable().setLinesVisible(true);
        table.getTable().setData(TEST_ID, "audit.table");
        GridDataFactory.fillDefaults().grab(true, true).applyTo(table.getControl());
        column("#", 60, SWT.RIGHT, entry -> Long.toString(entry.sequence()));
        column("Time", 150, SWT.LEFT, entry -> TIME.format(entry.time()));
        column("User", 110, SWT.LEFT, AuditEntry::user);
        column("Action", 120, SWT.LEFT, entry -> entry.action().name());
        column("Subject", 200, SWT.LEFT, AuditEntry::subject);
        column("Details", 520, SWT.LEFT, AuditEntry::details);
        table.setContentProvider(ArrayContentProvider.getInstance());
        load();
    }

    private void column(String title, int width, int alignment, Function<AuditEntry, String> text) {
        TableViewerColumn column = new TableViewerColumn(table, alignment);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return text.apply((AuditEntry) element);
            }

            @Override
            public Color getBackground(Object element) {
                return isBroken((AuditEntry) element) ? BROKEN_BACKGROUND : null;
            }

            @Override
            public Color getForeground(Object element) {
                // Entries after the break are shown but not vouched for by the chain.
                return verification != null && !verification.ok()
                        && ((AuditEntry) element).sequence() > verification.firstBadSequence()
                                ? UNVERIFIED_FOREGROUND : null;
            }
        });
    }

    private boolean isBroken(AuditEntry entry) {
        return verification != null && !verification.ok() && entry.sequence() == verification.firstBadSequence();
    }

    /** Reads the entries and checks the chain in the background. */
    private void load() {
        if (repository == null) {
            showState("Audit trail not available", BROKEN, "The local workspace could not be opened: another Airgap "
                    + "workbench or command line may be using it.");
            return;
        }
        if (loadJob != null) {
            loadJob.cancel();
        }
        int request = ++loads;
        AuditTrail trail = repository.audit();
        refresh.setEnabled(false);
        showState("Verifying\u2026", null, "");
        loadJob = Job.create("Verifying the audit trail", monitor -> {
            Loaded loaded;
            try {
                AuditVerification checked = trail.verify();
                List<AuditEntry> entries = new ArrayList<>();
                String readProblem = null;
                try {
                    entries.addAll(trail.entries());
                    Collections.reverse(entries);
                } catch (IOException e) {
                    readProblem = e.getMessage(); // a line that is not an entry at all: verify names it
                }
                loaded = new Loaded(entries, checked, readProblem);
            } catch (IOException e) {
                loaded = new Loaded(List.of(), null, "Cannot read the audit trail: " + e.getMessage());
            }
            Loaded result = loaded;
            sync.asyncExec(() -> shown(request, result));
            return Status.OK_STATUS;
        });
        loadJob.schedule();
    }

    private void shown(int request, Loaded loaded) {
        if (request != loads || table.getControl().isDisposed()) {
            return;
        }
        refresh.setEnabled(true);
        verification = loaded.verification();
        if (verification == null) {
            showState("\u2717 Not verified", BROKEN, loaded.readProblem());
        } else if (verification.ok() && !verification.chainChecked()) {
            // Sealed, and the workspace is locked: only the lines' form and checksums could be checked.
            showState("\u2713 Sealed", null, verification.validEntries() + " sealed entries intact; log in to read them "
                    + "and check the hash chain");
        } else if (verification.ok()) {
            showState("\u2713 Verified", VERIFIED, verification.validEntries() + (verification.validEntries() == 1
                    ? " entry" : " entries") + ", hash chain intact");
        } else {
            showState("\u2717 Broken at entry " + verification.firstBadSequence(), BROKEN, verification.problem()
                    + ". Entries from there on cannot be trusted; report this to the administrator.");
        }
        table.setInput(loaded.entries());
        table.getTable().setToolTipText(loaded.readProblem());
    }

    private void showState(String text, Color color, String detail) {
        state.setText(text);
        state.setForeground(color);
        stateDetail.setText(detail == null ? "" : detail);
        stateDetail.setToolTipText(detail);
        state.getParent().getParent().layout(true, true);
    }

    @Focus
    public void focus() {
        table.getControl().setFocus();
    }

    @PreDestroy
    public void dispose() {
        loads++;
        if (loadJob != null) {
            loadJob.cancel();
        }
    }
}
