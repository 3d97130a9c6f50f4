package org.airgap.client.compare.internal;

import java.io.IOException;

import org.airgap.client.ui.ThrottledProgress;
import org.airgap.compare.CompareEngine;
import org.airgap.workspace.JobRepository;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.e4.ui.di.UISynchronize;

/**
 * The Compare part's work off the UI thread: comparing a run with a basis, and reading one file's
 * differences, each in an Eclipse job that Cancel (or the next request) cancels. What a job finds reaches
 * the part on the UI thread, and only while it is still wanted: a newer compare, another file or closing
 * the part drops the answer of an older job.
 */
final class CompareSession {

    /** How the part hears of a comparison; called on the UI thread. */
    interface LoadListener {
        /** @param fraction 0 to 1 */
        void progress(double fraction, String text);

        void loaded(CompareLoad result);

        /** It failed or was cancelled; the message says which and what to do. */
        void failed(String message);
    }

    /** Reads what one file's differences need, off the UI thread, and returns how to show them. */
    interface DiffReader {
        Runnable read() throws IOException;
    }

    /** How the part hears of one file's differences; called on the UI thread. */
    interface DiffListener {
        /** The differences were read: {@code show} shows them. */
        void read(Runnable show);

        void failed(Exception e);

        void cancelled();
    }

    private final UISynchronize sync;
    private Job loadJob;
    private Job diffJob;
    /** Counts compares, so that a slow job's result for an older request is dropped. */
    private int loads;
    /** Counts file selections, likewise. */
    private int selections;
    /** The selection whose differences are shown. */
    private int shownSelection;

    CompareSession(UISynchronize sync) {
        this.sync = sync;
    }

    /** Compares a run with a basis in a job; what was asked before is cancelled and forgotten. */
    void load(JobRepository repository, CompareEngine engine, String runId, CompareBasis basis,
            LoadListener listener) {
        load(basis.label + " of run " + runId, monitor -> CompareLoad.load(repository, engine, runId, basis, monitor),
                listener);
    }

    /** Works out what the part shows, off the UI thread. */
    interface Loader {
        CompareLoad load(IProgressMonitor monitor) throws IOException;
    }

    /** Runs {@code loader} in a job named {@code name}; what was asked before is cancelled and forgotten. */
    void load(String name, Loader loader, LoadListener listener) {
        cancel();
        selections++;
        int request = ++loads;
        loadJob = Job.create(name, monitor -> {
            try {
                CompareLoad result = loader.load(relay(monitor, request, listener));
                whenLoadWanted(request, () -> listener.loaded(result));
                return Status.OK_STATUS;
            } catch (OperationCanceledException e) {
                return Status.CANCEL_STATUS;
            } catch (IOException | RuntimeException e) {
                whenLoadWanted(request, () -> listener.failed("Cannot compare: " + e.getMessage()));
                return Status.info(e.toString());
            }
        });
        // Also when the job is cancelled before it ran: then only this listener hears of it.
        onCancel(loadJob, () -> whenLoadWanted(request,
                () -> listener.failed("Cancelled: open the compare again to see it.")));
        loadJob.schedule();
    }

    /** Passes the job's progress on to the part, at most a few times a second. */
    private IProgressMonitor relay(IProgressMonitor monitor, int request, LoadListener listener) {
        return new ThrottledProgress(monitor, ThrottledProgress.INTERVAL, progress -> whenLoadWanted(request,
                () -> listener.progress(progress.fraction(), progress.task() + "\u2026")));
    }

    private void whenLoadWanted(int request, Runnable action) {
        sync.asyncExec(() -> {
            if (request == loads) {
                action.run();
            }
        });
    }

    /**
     * Reads one file's differences in a job, cancelling the file read before.
     *
     * @return the request, for {@link #stillReading(int)}
     */
    int diff(String path, DiffReader reader, DiffListener listener) {
        int request = forgetDiff();
        diffJob = Job.create("Differences of " + path, monitor -> {
            try {
                Runnable show = reader.read();
                whenDiffWanted(request, () -> listener.read(show));
                return Status.OK_STATUS;
            } catch (IOException | RuntimeException e) {
                whenDiffWanted(request, () -> listener.failed(e));
                return Status.info(e.toString());
            }
        });
        onCancel(diffJob, () -> whenDiffWanted(request, listener::cancelled));
        diffJob.schedule();
        return request;
    }

    /** Cancels and forgets the file being read (a folder was selected: it has no differences to read). */
    int forgetDiff() {
        if (diffJob != null) {
            diffJob.cancel();
        }
        return ++selections;
    }

    /** Whether the file of {@code request} is still wanted and its differences not shown yet. */
    boolean stillReading(int request) {
        return request == selections && shownSelection != request;
    }

    private void whenDiffWanted(int request, Runnable action) {
        sync.asyncExec(() -> {
            if (request == selections) {
                shownSelection = request;
                action.run();
            }
        });
    }

    /** Runs {@code cancelled} when the job ends cancelled, whether it had started or not. */
    private static void onCancel(Job job, Runnable cancelled) {
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                if (event.getResult() != null && event.getResult().getSeverity() == IStatus.CANCEL) {
                    cancelled.run();
                }
            }
        });
    }

    /** Cancels the compare and the file being read, as the Cancel button does. */
    void cancel() {
        if (loadJob != null) {
            loadJob.cancel();
        }
        if (diffJob != null) {
            diffJob.cancel();
        }
    }

    /** Cancels everything and drops whatever answer is still on its way: the part is closing. */
    void dispose() {
        cancel();
        loads++;
        selections++;
    }
}
