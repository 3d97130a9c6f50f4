package org.airgap.client.uploads.internal;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.airgap.client.events.EventSubscriptions;
import org.airgap.client.events.WorkbenchEvents;
import org.airgap.client.uploads.internal.UploadActivity.Phase;
import org.airgap.client.uploads.internal.UploadActivity.State;
import org.airgap.model.Job;
import org.airgap.model.Run;
import org.airgap.protocol.CommitResult;
import org.airgap.session.ClientSession;
import org.airgap.session.SessionService;
import org.airgap.sync.RemovedJob;
import org.airgap.sync.RunUpload;
import org.airgap.sync.SyncService;
import org.airgap.workspace.JobRepository;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
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
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;

/**
 * Uploads: the runs waiting for upload (from the job repository's queue), the one uploading with the
 * sync's progress, those the last sync uploaded with the server's answer (version created or not,
 * compare results), the one whose upload failed with the reason and a Retry button, and those held back
 * because their job was removed from this laptop, with the reason.
 */
public class UploadsPart {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    /** Where a run stands. */
    public enum UploadState {
        WAITING("Waiting"), UPLOADING("Uploading"), DONE("Done"), FAILED("Failed"), HELD("Held"),
        /** Queued, but its record cannot be read on this laptop: it is not sent. */
        UNREADABLE("Unreadable");

        private final String label;

        UploadState(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One line of the table. */
    public record Row(String runId, String jobId, String jobName, String finished, UploadState state, String detail) {
    }

    @Inject
    private UploadActivity activity;
    @Inject
    private UISynchronize ui;
    @Inject
    private IEventBroker broker;
    private JobRepository repository;
    private SessionService sessions;
    private SyncService syncService;
    private EventSubscriptions subscriptions;

    private TableViewer table;
    private Label status;
    private ProgressBar progress;
    private Button sync;
    private Button cancel;
    private Button retry;
    private volatile boolean refreshQueued;
    private final Runnable activityListener = this::queueRefresh;

    @Inject
    void repository(@Optional @Service JobRepository repository) {
        this.repository = repository;
        if (table != null) {
            queueRefresh();
        }
    }

    @Inject
    void sessions(@Optional @Service SessionService sessions) {
        this.sessions = sessions;
    }

    @Inject
    void syncService(@Optional @Service SyncService syncService) {
        this.syncService = syncService;
    }

    @PostConstruct
    public void create(Composite parent) {
        GridLayoutFactory.fillDefaults().margins(6, 6).applyTo(parent);

        Composite bar = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(5).applyTo(bar);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(bar);
        sync = button(bar, "&Sync", "uploads.sync", "Pull jobs and baselines, then upload the waiting runs (M1+M2+S)");
        sync.addListener(SWT.Selection, event -> start(true));
        retry = button(bar, "&Retry", "uploads.retry", "Upload the waiting runs again");
        retry.addListener(SWT.Selection, event -> start(false));
        progress = new ProgressBar(bar, SWT.HORIZONTAL | SWT.SMOOTH);
        progress.setData(TEST_ID, "uploads.progress");
        progress.setMaximum(1000);
        GridDataFactory.fillDefaults().hint(180, SWT.DEFAULT).align(SWT.FILL, SWT.CENTER).applyTo(progress);
        cancel = button(bar, "&Cancel", "uploads.cancel", "Stop the sync; runs not uploaded yet stay queued");
        cancel.addListener(SWT.Selection, event -> activity.cancel());
        status = new Label(bar, SWT.NONE);
        status.setData(TEST_ID, "uploads.status");
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(status);

        table = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI);
        table.getTable().setData(TEST_ID, "uploads.table");
        table.getTable().setHeaderVisible(true);
        table.getTable().setLinesVisible(true);
        table.setContentProvider(ArrayContentProvider.getInstance());
        column("State", 110, Row::state);
        column("Job", 220, Row::jobName);
        column("Finished", 150, Row::finished);
        column("Run", 230, Row::runId);
        column("Details", 520, Row::detail);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(table.getControl());

        activity.addListener(activityListener);
        // Runs finished in the Jobs view, uploads acknowledged by the command line's sync, and so on.
        subscriptions = new EventSubscriptions(broker).on(WorkbenchEvents.REPOSITORY_CHANGED, Object.class,
                what -> queueRefresh());
        refresh();
    }

    private static Button button(Composite bar, String text, String testId, String tooltip) {
        Button button = new Button(bar, SWT.PUSH);
        button.setText(text);
        button.setToolTipText(tooltip);
        button.setData(TEST_ID, testId);
        return button;
    }

    private void column(String title, int width, java.util.function.Function<Row, Object> value) {
        TableViewerColumn column = new TableViewerColumn(table, SWT.NONE);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                Object shown = value.apply((Row) element);
                return shown instanceof UploadState state ? state.label() : shown == null ? "" : shown.toString();
            }

            @Override
            public Color getForeground(Object element) {
                UploadState state = ((Row) element).state();
                int color = state == UploadState.FAILED || state == UploadState.UNREADABLE ? SWT.COLOR_DARK_RED
                        : state == UploadState.HELD ? SWT.COLOR_DARK_GRAY : SWT.NONE;
                return color == SWT.NONE ? null : table.getControl().getDisplay().getSystemColor(color);
            }
        });
    }

    private void start(boolean pull) {
        java.util.Optional<ClientSession> session = sessions == null ? java.util.Optional.empty()
                : sessions.current();
        if (session.isEmpty() || !session.get().online()) {
            status.setText(session.isEmpty() ? "Not logged in: log in online first (File > Log In\u2026)"
                    : "Logged in offline: log in online to sync; the runs stay queued");
            status.requestLayout();
            return;
        }
        activity.start(session.get(), pull, syncService, repository);
    }

    private void queueRefresh() {
        if (!refreshQueued) {
            refreshQueued = true;
            ui.asyncExec(() -> {
                refreshQueued = false;
                refresh();
            });
        }
    }

    private void refresh() {
        if (table == null || table.getControl().isDisposed()) {
            return;
        }
        State state = activity.state();
        List<Row> rows = new ArrayList<>();
        try {
            rows.addAll(rows(state, pendingUploads()));
            for (Map.Entry<String, String> unreadable : repository.unreadableRuns(true).entrySet()) {
                rows.add(new Row(unreadable.getKey(), "", "", "", UploadState.UNREADABLE, unreadable.getValue()
                        + "; it is not uploaded"));
            }
        } catch (IOException e) {
            rows.clear();
            status.setText("Cannot read the upload queue: " + e.getMessage());
        }
        table.setInput(rows);
        boolean running = activity.isRunning();
        progress.setSelection(running ? (int) Math.round(state.fraction() * 1000) : 0);
        progress.setEnabled(running);
        cancel.setEnabled(running);
        sync.setEnabled(!running);
        retry.setEnabled(!running && state.failure() != null);
        String text = running ? state.task() : state.outcome();
        if (!text.equals(status.getText())) {
            status.setText(text);
            status.setToolTipText(text);
            status.requestLayout();
        }
    }

    private List<Run> pendingUploads() throws IOException {
        if (repository == null) {
            throw new IOException("the local workspace is not available: another Airgap may be using it");
        }
        return repository.pendingUploads();
    }

    /** Uploading, waiting and failed runs from the queue first, then those the last push uploaded. */
    private List<Row> rows(State state, List<Run> pending) {
        List<Row> rows = new ArrayList<>();
        Map<String, RemovedJob> removed = removedJobs();
        Set<String> queued = new LinkedHashSet<>();
        boolean pushing = activity.isRunning() && state.phase() == Phase.PUSHING;
        for (Run run : pending) {
            queued.add(run.id());
            UploadState upload = UploadState.WAITING;
            String detail = "waiting for the next sync";
            if (pushing && queued.size() == 1) {
                upload = UploadState.UPLOADING;
                detail = Math.round(state.fraction() * 100) + " % \u2014 " + state.task();
            } else if (!activity.isRunning() && state.failure() != null && run.id().equals(state.failure().runId())) {
                upload = UploadState.FAILED;
                detail = state.failure().message();
            } else if (removed.containsKey(run.jobId())) {
                // The push holds it back: the server would refuse a run of a job it no longer gives the user.
                RemovedJob job = removed.get(run.jobId());
                rows.add(new Row(run.id(), run.jobId(), job.name(), finished(run), UploadState.HELD, "not uploaded: "
                        + job.reason() + "; it is uploaded once the job is assigned to you again"));
                continue;
            }
            rows.add(new Row(run.id(), run.jobId(), jobName(run.jobId()), finished(run), upload, detail));
        }
        if (state.lastPush() != null) {
            for (RunUpload uploaded : state.lastPush().runs()) {
                if (!queued.contains(uploaded.runId())) {
                    rows.add(new Row(uploaded.runId(), uploaded.jobId(), jobName(uploaded.jobId()),
                            repositoryRun(uploaded.runId()).map(UploadsPart::finished).orElse(""), UploadState.DONE,
                            done(uploaded)));
                }
            }
        }
        return rows;
    }

    /** The jobs syncs removed from this laptop, by id; none when their file cannot be read. */
    private Map<String, RemovedJob> removedJobs() {
        Map<String, RemovedJob> removed = new HashMap<>();
        try {
            RemovedJob.read(repository.location()).forEach(job -> removed.put(job.jobId(), job));
        } catch (IOException e) {
            // The rows then say "Waiting"; the push itself still holds the runs back and says so.
        }
        return removed;
    }

    private java.util.Optional<Run> repositoryRun(String runId) {
        try {
            return repository.run(runId);
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }

    private static String finished(Run run) {
        return run.end() == null ? "" : TIME.format(run.end());
    }

    private String jobName(String jobId) {
        return repository.job(jobId).map(Job::name).orElse(jobId);
    }

    /** The server's answer to the commit, in words. */
    static String done(RunUpload uploaded) {
        CommitResult result = uploaded.result();
        StringBuilder text = new StringBuilder();
        if (result.versionCreated() && result.version() != null) {
            text.append("version ").append(result.version().number()).append(" created");
        } else if (result.version() != null) {
            text.append("no new version (latest: ").append(result.version().number()).append(')');
        } else {
            text.append("no new version");
        }
        if (result.versionRefusal() != null) {
            text.append(" (").append(result.versionRefusal()).append(')');
        }
        text.append(" \u00b7 server version \u2194 backup: ").append(result.serverVersionResult().label())
                .append(" \u00b7 previous backup \u2194 backup: ").append(result.previousBackupResult().label());
        if (uploaded.bytesSent() > 0) {
            text.append(" \u00b7 ").append(uploaded.blobsSent()).append(" files, ")
                    .append(String.format("%,d", uploaded.bytesSent())).append(" bytes sent");
        } else {
            text.append(" \u00b7 the server had every file already");
        }
        return text.toString();
    }

    @Focus
    public void focus() {
        table.getControl().setFocus();
    }

    @PreDestroy
    void dispose() {
        activity.removeListener(activityListener);
        subscriptions.close();
    }
}
