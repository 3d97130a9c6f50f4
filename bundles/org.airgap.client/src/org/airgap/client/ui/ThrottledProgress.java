package org.airgap.client.ui;

import java.time.Duration;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.ProgressMonitorWrapper;

/**
 * A job's progress monitor that also tells a view what it reports, at most once per interval, so that a
 * busy job does not flood the UI thread with updates. Beginning a task or renaming it is reported at
 * once; work done and subtasks only when the interval has passed. Everything is passed on to the wrapped
 * monitor too (the job's own progress, and cancelling through it).
 */
public final class ThrottledProgress extends ProgressMonitorWrapper {

    /** How often the views of the workbench update a progress bar at most. */
    public static final Duration INTERVAL = Duration.ofMillis(100);

    /** What the monitor has been told so far. */
    public record Progress(String task, String subTask, double fraction) {

        /** The subtask when there is one (a file, a run), otherwise the task. */
        public String latest() {
            return subTask != null ? subTask : task;
        }
    }

    /** Called on the job's thread: hand the progress to the UI thread yourself. */
    @FunctionalInterface
    public interface Listener {
        void progress(Progress progress);
    }

    private final long intervalNanos;
    private final Listener listener;
    private String task = "";
    private String subTask;
    private double total;
    private double worked;
    private long lastReport;
    private boolean reported;

    public ThrottledProgress(IProgressMonitor monitor, Duration interval, Listener listener) {
        super(monitor);
        this.intervalNanos = interval.toNanos();
        this.listener = listener;
    }

    @Override
    public void beginTask(String name, int totalWork) {
        super.beginTask(name, totalWork);
        total = totalWork;
        worked = 0;
        task = name == null ? "" : name;
        subTask = null;
        report(true);
    }

    @Override
    public void setTaskName(String name) {
        super.setTaskName(name);
        task = name == null ? "" : name;
        subTask = null;
        report(true);
    }

    @Override
    public void subTask(String name) {
        super.subTask(name);
        if (name != null && !name.isBlank()) {
            subTask = name;
        }
        report(false);
    }

    @Override
    public void internalWorked(double work) {
        super.internalWorked(work);
        worked += work;
        report(false);
    }

    @Override
    public void worked(int work) {
        internalWorked(work);
    }

    private void report(boolean always) {
        long now = System.nanoTime();
        if (always || !reported || now - lastReport >= intervalNanos) {
            reported = true;
            lastReport = now;
            listener.progress(new Progress(task, subTask, total > 0 ? Math.min(1, worked / total) : 0));
        }
    }
}
