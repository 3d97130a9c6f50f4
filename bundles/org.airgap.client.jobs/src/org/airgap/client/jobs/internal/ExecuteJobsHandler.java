package org.airgap.client.jobs.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.airgap.client.WorkbenchIds;
import org.airgap.client.events.RunFinished;
import org.airgap.client.events.RunStarted;
import org.airgap.client.events.WorkbenchEvents;
import org.airgap.model.Run;
import org.airgap.model.RunOutcome;
import org.airgap.runner.JobRunner;
import org.airgap.session.ClientSession;
import org.airgap.session.SessionService;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;

/**
 * "Execute selected jobs once": runs each job selected in the Jobs view in an Eclipse Job of its own
 * (never on the UI thread), through the {@link JobRunner} service, and tells the workbench through
 * {@link WorkbenchEvents} (the Run console shows progress and log; views reload when the run ends).
 * A job already running is not started twice.
 */
public class ExecuteJobsHandler {

    /** The jobs running now, by id: the table's selection may name them again. */
    private final Set<String> running = ConcurrentHashMap.newKeySet();

    @CanExecute
    public boolean canExecute(EPartService parts) {
        return selectedRunnable(parts).stream().anyMatch(row -> !running.contains(row.id()));
    }

    /**
     * The services come as parameters, not fields: a field would be injected when the handler is created at
     * start-up and activate the runner and, through it, every driver before the first window is painted.
     */
    @Execute
    public void execute(EPartService parts, IEventBroker events, Shell shell, @Optional @Service JobRunner runner,
            @Optional @Service SessionService sessions) {
        List<JobRow> rows = selectedRunnable(parts).stream().filter(row -> !running.contains(row.id())).toList();
        if (rows.isEmpty()) {
            return;
        }
        if (runner == null) {
            MessageDialog.openError(shell, "Execute Jobs", "The job runner is not available, so no job can run. "
                    + "Restart Airgap; if this stays, Help > Installed plugins shows which component is missing.");
            return;
        }
        String refusal = staleSync(sessions);
        if (refusal != null) {
            MessageDialog.openError(shell, "Execute Jobs", refusal);
            return;
        }
        showConsole(parts);
        for (JobRow row : rows) {
            running.add(row.id());
            runJob(row, runner, CurrentUser.name(sessions), events).schedule();
        }
    }

    private Job runJob(JobRow row, JobRunner jobRunner, String user, IEventBroker events) {
        String key = UUID.randomUUID().toString();
        Job job = new Job("Backing up " + row.name()) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                monitor.beginTask("Backing up " + row.name() + " (" + row.componentName() + ")",
                        IProgressMonitor.UNKNOWN);
                events.post(WorkbenchEvents.RUN_STARTED, new RunStarted(key, row.id(), row.name(), row.componentName(),
                        row.deviceType(), row.job().options().maxAttempts(), Instant.now(), this::cancel));
                RunReporter reporter = new RunReporter(key, events, monitor);
                try {
                    Run run = jobRunner.run(row.id(), user, reporter);
                    reporter.flush();
                    events.post(WorkbenchEvents.RUN_FINISHED, new RunFinished(key, row.id(), run, null));
                    return run.outcome() == RunOutcome.CANCELLED ? Status.CANCEL_STATUS : Status.OK_STATUS;
                } catch (IOException | RuntimeException e) {
                    // The runner reports device problems in the run; what arrives here is the workspace's own
                    // trouble (job no longer synced, disk full, folder not writable), in its own words.
                    String problem = "Airgap could not run or record " + row.name() + ": " + e.getMessage();
                    events.post(WorkbenchEvents.RUN_FINISHED, new RunFinished(key, row.id(), null, problem));
                    IStatus status = Status.error(problem, e);
                    ILog.of(ExecuteJobsHandler.class).log(status);
                    return Status.OK_STATUS; // reported in the console; no second dialog
                } finally {
                    running.remove(row.id());
                    monitor.done();
                    events.post(WorkbenchEvents.REPOSITORY_CHANGED, "run of job " + row.id());
                }
            }

            @Override
            public boolean belongsTo(Object family) {
                return WorkbenchEvents.RUN_JOB_FAMILY.equals(family);
            }
        };
        job.setUser(true);
        return job;
    }

    /**
     * Why no job may run now, as {@code airgap run} says it: after server.ini [Client] offlineLoginDays without a
     * sync, running jobs needs one. {@code null} when they may run (or nobody is logged in: tests and demos).
     */
    private static String staleSync(SessionService sessions) {
        String user = sessions == null ? null : sessions.current().map(ClientSession::user).orElse(null);
        if (user == null) {
            return null;
        }
        try {
            sessions.requireCurrentSync(user);
            return null;
        } catch (IOException e) {
            return "Run refused: " + e.getMessage();
        }
    }

    /** Brings the console up (without taking the focus from the table) so the technician sees the runs. */
    private static void showConsole(EPartService parts) {
        MPart console = parts.findPart(WorkbenchIds.PART_RUN_CONSOLE);
        if (console != null) {
            parts.showPart(console, PartState.VISIBLE);
        }
    }

    private static List<JobRow> selectedRunnable(EPartService parts) {
        MPart part = parts.findPart(WorkbenchIds.PART_JOBS);
        if (part == null || !(part.getObject() instanceof JobsPart jobs)) {
            return List.of();
        }
        return jobs.selectedRows().stream().filter(JobRow::runnable).toList();
    }
}
