package org.airgap.client.uploads.internal;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.airgap.client.events.WorkbenchEvents;
import org.airgap.client.ui.ThrottledProgress;
import org.airgap.model.Run;
import org.airgap.session.ClientSession;
import org.airgap.sync.PullReport;
import org.airgap.sync.PushReport;
import org.airgap.sync.SyncService;
import org.airgap.workspace.JobRepository;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.services.events.IEventBroker;

/**
 * The workbench's syncs: one at a time, each in an Eclipse Job (pull then push, or push only for a
 * retry), and what the Uploads view shows of them: the phase, the progress from the sync service's
 * monitor, the last push's report and the last failure. Listeners are called on the Job's thread.
 */
public class UploadActivity {

    /** The family of the sync Jobs ({@code Job.getJobManager().join(FAMILY, monitor)} waits for them). */
    public static final String FAMILY = "org.airgap.client.uploads.sync";
    private static final String PLUGIN = "org.airgap.client.uploads";

    /** What a sync is doing. */
    public enum Phase {
        IDLE, PULLING, PUSHING
    }

    /** A sync that failed: the run whose upload failed ({@code null} when none was being uploaded) and why. */
    public record Failure(String runId, String message) {
    }

    /** A snapshot of the activity for display. */
    public record State(Phase phase, String task, double fraction, PushReport lastPush, PullReport lastPull,
            Failure failure, String outcome) {
    }

    private final IEventBroker broker;

    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile State state = new State(Phase.IDLE, "", 0, null, null, null, "");
    private Job running;

    /**
     * Holds no service: whoever starts a sync passes the services it got injected, so that creating the
     * activity at start-up does not activate the job repository before the workspace folder is chosen.
     *
     * @param broker the workbench's, told when a sync changed the repository
     */
    public UploadActivity(IEventBroker broker) {
        this.broker = broker;
    }

    private static <S> S require(S service, Class<S> type) {
        if (service == null) {
            throw new IllegalStateException("the " + type.getSimpleName() + " service is not installed");
        }
        return service;
    }

    public State state() {
        return state;
    }

    public void addListener(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    public synchronized boolean isRunning() {
        return running != null;
    }

    /**
     * Starts a sync in an Eclipse Job unless one is running.
     *
     * @param pull       whether to pull jobs and baselines before uploading (a retry only uploads)
     * @param sync       {@code null} when the service is missing: the sync fails and says so
     * @param repository {@code null} when the workspace is not available
     * @return whether a sync was started
     */
    public synchronized boolean start(ClientSession session, boolean pull, SyncService sync,
            JobRepository repository) {
        if (running != null) {
            return false;
        }
        running = new Job(pull ? "Sync with " + session.server() : "Upload to " + session.server()) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                return runSync(session, pull, sync, repository, monitor);
            }

            @Override
            public boolean belongsTo(Object family) {
                return FAMILY.equals(family);
            }
        };
        running.setUser(true);
        update(new State(pull ? Phase.PULLING : Phase.PUSHING, "Starting", 0, state.lastPush(), state.lastPull(),
                null, ""));
        running.schedule();
        return true;
    }

    /** Cancels the running sync; what was committed stays committed, the rest stays queued. */
    public synchronized void cancel() {
        if (running != null) {
            running.cancel();
        }
    }

    private IStatus runSync(ClientSession session, boolean pull, SyncService sync, JobRepository repository,
            IProgressMonitor jobMonitor) {
        // The sync service's progress goes to the Job and, a few times a second, to the view.
        IProgressMonitor reporting = new ThrottledProgress(jobMonitor, ThrottledProgress.INTERVAL, progress -> {
            State current = state;
            update(new State(current.phase(), progress.latest(), progress.fraction(), current.lastPush(),
                    current.lastPull(), current.failure(), current.outcome()));
        });
        SubMonitor progress = SubMonitor.convert(reporting, pull ? 2 : 1);
        PullReport pulled = state.lastPull();
        String changed = null;
        try {
            if (pull) {
                pulled = require(sync, SyncService.class).pull(session, progress.split(1));
                changed = "sync: " + pulled.jobs() + " jobs pulled";
                update(new State(Phase.PUSHING, "Uploading", progress.isCanceled() ? 0 : 0.5, state.lastPush(),
                        pulled, null, ""));
            }
            PushReport pushed = require(sync, SyncService.class).push(session, progress.split(1));
            changed = "sync: " + pushed.runs().size() + " runs uploaded";
            update(new State(Phase.IDLE, "", 1, pushed, pulled, null, outcome(pull, pulled, pushed)));
            return Status.OK_STATUS;
        } catch (OperationCanceledException e) {
            update(new State(Phase.IDLE, "", 0, state.lastPush(), pulled, null,
                    "Sync cancelled: runs not uploaded yet stay in the queue"));
            return Status.CANCEL_STATUS;
        } catch (IOException | RuntimeException e) {
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            Failure failure = new Failure(state.phase() == Phase.PUSHING ? firstPending(repository) : null, message);
            update(new State(Phase.IDLE, "", 0, state.lastPush(), pulled, failure,
                    (state.phase() == Phase.PUSHING ? "Upload failed: " : "Sync failed: ") + message));
            return Status.error(message, e);
        } finally {
            synchronized (this) {
                running = null;
            }
            broker.post(WorkbenchEvents.REPOSITORY_CHANGED, changed == null ? "sync failed" : changed);
            notifyListeners();
        }
    }

    private static String outcome(boolean pull, PullReport pulled, PushReport pushed) {
        String uploads = pushed.runs().isEmpty() ? "nothing to upload"
                : pushed.runs().size() + (pushed.runs().size() == 1 ? " run" : " runs") + " uploaded, "
                        + pushed.versionsCreated() + " new " + (pushed.versionsCreated() == 1 ? "version" : "versions");
        String outcome = pull ? "Synced: " + pulled.jobs() + (pulled.jobs() == 1 ? " job, " : " jobs, ") + uploads
                : "Uploaded: " + uploads;
        String removed = pull ? RemovedJobsNotice.summary(pulled) : "";
        if (!removed.isEmpty()) {
            outcome += " \u00b7 " + removed;
        }
        if (!pushed.held().isEmpty()) {
            outcome += " \u00b7 " + pushed.held().size() + (pushed.held().size() == 1 ? " run" : " runs")
                    + " held, not uploaded";
        }
        if (!pushed.refused().isEmpty()) {
            // Refused as they are (laptop signature, revoked laptop): queued with the server's message.
            outcome += " \u00b7 " + pushed.refused().size() + (pushed.refused().size() == 1 ? " run" : " runs")
                    + " refused by the server: " + String.join("; ", pushed.refused().values());
        }
        if (!pushed.unreadable().isEmpty()) {
            outcome += " \u00b7 " + pushed.unreadable().size() + (pushed.unreadable().size() == 1 ? " run" : " runs")
                    + " not sent, cannot be read on this laptop: " + String.join("; ", pushed.unreadable().values());
        }
        return outcome;
    }

    /** The run a failed push was at: the oldest one still queued (committed ones left the queue). */
    private static String firstPending(JobRepository repository) {
        try {
            List<Run> pending = require(repository, JobRepository.class).pendingUploads();
            return pending.isEmpty() ? null : pending.get(0).id();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private void update(State next) {
        state = next;
        notifyListeners();
    }

    private void notifyListeners() {
        for (Runnable listener : listeners) {
            listener.run();
        }
    }
}
