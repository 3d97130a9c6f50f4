package org.airgap.client.console.internal;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

import org.airgap.client.events.RunFinished;
import org.airgap.client.events.RunLogLine;
import org.airgap.client.events.RunProgress;
import org.airgap.client.events.RunStarted;
import org.airgap.client.events.WorkbenchEvents;
import org.airgap.client.ui.CompareResultStyle;
import org.airgap.client.ui.WorkbenchImages;
import org.airgap.model.CompareResult;
import org.airgap.model.Run;
import org.airgap.model.RunMessage;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.airgap.client.events.EventSubscriptions;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.resource.FontDescriptor;
import org.eclipse.jface.resource.ColorDescriptor;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import jakarta.inject.Inject;

/**
 * Run console: the runs started in this workbench (left) and, for the one selected, its progress (items,
 * bytes), attempts and retries, results, a Cancel button and its log (time, level, text). A failed run
 * shows its reason in red above the log. Fed by the {@link WorkbenchEvents} run topics, so it needs to
 * know nothing of who runs the jobs.
 */
public class RunConsolePart {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    @Inject
    private IEventBroker events;

    private final Map<String, ConsoleRun> runs = new LinkedHashMap<>();
    private LocalResourceManager resources;
    private Table runTable;
    private Label title;
    private Label status;
    private Composite failure;
    private Label failureText;
    private ProgressBar progressBar;
    private Label progressText;
    private Button cancel;
    private Button clear;
    private Table log;
    private Label placeholder;
    private ConsoleRun selected;
    private EventSubscriptions subscriptions;

    @PostConstruct
    public void create(Composite parent) {
        resources = new LocalResourceManager(JFaceResources.getResources(), parent);
        parent.setLayout(GridLayoutFactory.fillDefaults().create());
        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(sash);

        Composite left = new Composite(sash, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(6, 6).applyTo(left);
        runTable = new Table(left, SWT.SINGLE | SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL);
        runTable.setData(TEST_ID, "console.runs");
        runTable.setHeaderVisible(true);
        column(runTable, "Run", 170);
        column(runTable, "State", 95);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(runTable);
        runTable.addListener(SWT.Selection, e -> select(e.item == null ? null : (ConsoleRun) e.item.getData()));
        clear = new Button(left, SWT.PUSH);
        clear.setText("C&lear finished runs");
        clear.setData(TEST_ID, "console.clear");
        clear.addListener(SWT.Selection, e -> clearFinished());

        Composite details = new Composite(sash, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(6, 6).spacing(6, 4).numColumns(3).applyTo(details);
        title = new Label(details, SWT.NONE);
        title.setData(TEST_ID, "console.title");
        title.setFont(resources.create(FontDescriptor.createFrom(JFaceResources.getDialogFont()).setStyle(SWT.BOLD)));
        GridDataFactory.fillDefaults().span(3, 1).grab(true, false).applyTo(title);
        status = new Label(details, SWT.WRAP);
        status.setData(TEST_ID, "console.status");
        GridDataFactory.fillDefaults().span(3, 1).grab(true, false).hint(300, SWT.DEFAULT).applyTo(status);

        failure = new Composite(details, SWT.NONE);
        GridLayoutFactory.fillDefaults().numColumns(2).applyTo(failure);
        GridDataFactory.fillDefaults().span(3, 1).grab(true, false).applyTo(failure);
        Label failureIcon = new Label(failure, SWT.NONE);
        failureIcon.setImage(image(WorkbenchImages.ERROR));
        GridDataFactory.fillDefaults().align(SWT.BEGINNING, SWT.BEGINNING).applyTo(failureIcon);
        failureText = new Label(failure, SWT.WRAP);
        failureText.setData(TEST_ID, "console.failure");
        failureText.setForeground(errorColor());
        failureText.setFont(title.getFont());
        GridDataFactory.fillDefaults().grab(true, false).hint(300, SWT.DEFAULT).applyTo(failureText);

        progressBar = new ProgressBar(details, SWT.HORIZONTAL | SWT.SMOOTH);
        progressBar.setData(TEST_ID, "console.progress");
        progressBar.setMaximum(1000);
        GridDataFactory.fillDefaults().align(SWT.FILL, SWT.CENTER).hint(220, SWT.DEFAULT).applyTo(progressBar);
        progressText = new Label(details, SWT.NONE);
        progressText.setData(TEST_ID, "console.progresstext");
        GridDataFactory.fillDefaults().grab(true, false).align(SWT.FILL, SWT.CENTER).applyTo(progressText);
        cancel = new Button(details, SWT.PUSH);
        cancel.setText("&Cancel run");
        cancel.setImage(image(WorkbenchImages.CANCEL));
        cancel.setData(TEST_ID, "console.cancel");
        GridDataFactory.fillDefaults().align(SWT.END, SWT.CENTER).applyTo(cancel);
        cancel.addListener(SWT.Selection, e -> {
            if (selected != null) {
                selected.cancel();
                show(selected);
            }
        });

        log = new Table(details, SWT.MULTI | SWT.FULL_SELECTION | SWT.BORDER | SWT.V_SCROLL | SWT.H_SCROLL);
        log.setData(TEST_ID, "console.log");
        log.setHeaderVisible(true);
        column(log, "Time", 80);
        column(log, "Level", 90);
        column(log, "Message", 900);
        GridDataFactory.fillDefaults().span(3, 1).grab(true, true).applyTo(log);

        placeholder = new Label(details, SWT.WRAP);
        placeholder.setText("No runs yet. Select jobs in the Jobs view and press Ctrl+R (Execute selected once): "
                + "their progress and log appear here.");
        GridDataFactory.fillDefaults().span(3, 1).grab(true, false).hint(300, SWT.DEFAULT).applyTo(placeholder);

        sash.setWeights(27, 73);
        left.setTabList(new Control[] { runTable, clear });
        details.setTabList(new Control[] { cancel, log });
        show(null);
        subscriptions = new EventSubscriptions(events)
                .on(WorkbenchEvents.RUN_STARTED, RunStarted.class, this::started)
                .on(WorkbenchEvents.RUN_PROGRESS, RunProgress.class, this::progress)
                .on(WorkbenchEvents.RUN_LOG, RunLogLine.class, this::logged)
                .on(WorkbenchEvents.RUN_FINISHED, RunFinished.class, this::finished);
    }

    @PreDestroy
    void dispose() {
        subscriptions.close();
    }

    private static void column(Table table, String text, int width) {
        TableColumn column = new TableColumn(table, SWT.NONE);
        column.setText(text);
        column.setWidth(width);
    }

    private Color errorColor() {
        return resources.create(ColorDescriptor.createFrom(CompareResultStyle.color(CompareResult.ERROR)));
    }

    private Image image(String name) {
        return resources.create(WorkbenchImages.descriptor(name));
    }

    private void started(RunStarted start) {
        if (!alive()) {
            return;
        }
        ConsoleRun run = new ConsoleRun(start);
        runs.put(start.key(), run);
        TableItem item = new TableItem(runTable, SWT.NONE, 0); // newest on top
        item.setData(run);
        updateRow(item, run);
        // Follow the new run unless the technician is looking at one still running.
        if (selected == null || selected.isFinished()) {
            runTable.setSelection(item);
            select(run);
        }
    }

    private void progress(RunProgress update) {
        ConsoleRun run = alive() ? runs.get(update.key()) : null;
        if (run != null) {
            run.progress(update);
            if (run == selected) {
                showProgress(run);
            }
        }
    }

    private void logged(RunLogLine line) {
        ConsoleRun run = alive() ? runs.get(line.key()) : null;
        if (run != null) {
            ConsoleRun.Line added = run.log(line);
            if (run == selected) {
                addLogItem(run, added);
                log.showItem(log.getItem(log.getItemCount() - 1));
            }
        }
    }

    private void finished(RunFinished end) {
        ConsoleRun run = alive() ? runs.get(end.key()) : null;
        if (run != null) {
            run.finish(end);
            updateClear();
            for (TableItem item : runTable.getItems()) {
                if (item.getData() == run) {
                    updateRow(item, run);
                }
            }
            if (run == selected) {
                show(run);
            }
        }
    }

    private boolean alive() {
        return runTable != null && !runTable.isDisposed();
    }

    private void updateRow(TableItem item, ConsoleRun run) {
        item.setText(new String[] { run.started.jobName(), run.state() });
        Run recorded = run.run();
        String icon = !run.isFinished() ? WorkbenchImages.RUNNING
                : run.failureReason() != null ? WorkbenchImages.ERROR
                        : recorded != null && recorded.outcome() == org.airgap.model.RunOutcome.SUCCEEDED
                                ? "result-equal.png" : WorkbenchImages.WARNING;
        item.setImage(image(icon));
    }

    private void select(ConsoleRun run) {
        selected = run;
        show(run);
    }

    /** Shows everything about one run in the details. */
    private void show(ConsoleRun run) {
        boolean any = run != null;
        for (Control control : new Control[] { title, status, progressBar, progressText, cancel, log }) {
            setVisible(control, any);
        }
        setVisible(placeholder, !any);
        updateClear();
        if (!any) {
            setVisible(failure, false);
            title.getParent().layout(true, true);
            return;
        }
        title.setText(run.started.jobName() + "  \u2014  " + run.started.componentName() + " ("
                + run.started.deviceType() + "), started "
                + CLOCK.format(LocalTime.ofInstant(run.started.start(), ZoneId.systemDefault())));
        status.setText(statusText(run));
        String reason = run.failureReason();
        setVisible(failure, reason != null);
        failureText.setText(reason == null ? "" : "Backup failed: " + reason);
        cancel.setEnabled(!run.isFinished() && !run.cancelRequested());
        boolean progressShown = !run.isFinished() || !run.progressText().isEmpty();
        setVisible(progressBar, progressShown);
        setVisible(progressText, progressShown);
        setVisible(cancel, progressShown);
        showProgress(run);
        log.setRedraw(false);
        try {
            log.removeAll();
            run.lines().forEach(line -> addLogItem(run, line));
            if (log.getItemCount() > 0) {
                log.showItem(log.getItem(log.getItemCount() - 1));
            }
        } finally {
            log.setRedraw(true);
        }
        title.getParent().layout(true, true);
    }

    private void updateClear() {
        clear.setEnabled(runs.values().stream().anyMatch(ConsoleRun::isFinished));
    }

    private static String statusText(ConsoleRun run) {
        StringBuilder text = new StringBuilder(run.state()).append(" \u00b7 ").append(run.attempts());
        Run recorded = run.run();
        if (recorded != null && recorded.snapshotId() != null) {
            text.append(" \u00b7 Server version \u2194 Backup: ").append(recorded.serverVersionResult().label())
                    .append(" \u00b7 Prev. backup \u2194 Backup: ").append(recorded.previousBackupResult().label());
        }
        return text.toString();
    }

    private void showProgress(ConsoleRun run) {
        int permille = run.permille();
        progressBar.setSelection(Math.max(0, permille));
        progressText.setText(run.progressText().isEmpty() ? (run.isFinished() ? "" : "Connecting\u2026")
                : run.progressText());
        progressText.getParent().layout(new Control[] { progressText });
    }

    private void addLogItem(ConsoleRun run, ConsoleRun.Line line) {
        TableItem item = new TableItem(log, SWT.NONE);
        // Lines without a level once the run is recorded are the driver's own (not in the run's messages).
        String level = line.level == null ? (run.isFinished() ? "Driver" : "")
                : switch (line.level) {
        case INFO -> "Info";
        case WARNING -> "Warning";
        case ERROR -> "Error";
        };
        item.setText(new String[] { CLOCK.format(LocalTime.ofInstant(line.time, ZoneId.systemDefault())), level,
                line.text });
        if (line.level != null) {
            item.setImage(1, image(switch (line.level) {
            case INFO -> WorkbenchImages.INFO;
            case WARNING -> WorkbenchImages.WARNING;
            case ERROR -> WorkbenchImages.ERROR;
            }));
        }
        if (line.level == RunMessage.Level.ERROR) {
            item.setForeground(errorColor());
        }
    }

    private void clearFinished() {
        for (TableItem item : runTable.getItems()) {
            ConsoleRun run = (ConsoleRun) item.getData();
            if (run.isFinished()) {
                runs.remove(run.started.key());
                item.dispose();
            }
        }
        if (selected != null && selected.isFinished()) {
            select(null);
        } else {
            show(selected);
        }
    }

    private static void setVisible(Control control, boolean visible) {
        control.setVisible(visible);
        ((org.eclipse.swt.layout.GridData) control.getLayoutData()).exclude = !visible;
    }

    @Focus
    public void focus() {
        runTable.setFocus();
    }
}
