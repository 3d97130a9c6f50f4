package org.airgap.client.jobs.internal;

import java.time.Instant;
import java.util.Objects;

import org.airgap.client.events.RunLogLine;
import org.airgap.client.events.RunProgress;
import org.airgap.client.events.WorkbenchEvents;
import org.airgap.driver.api.DriverProgress;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.e4.core.services.events.IEventBroker;

/**
 * The driver's progress for one run in the workbench: counts items and work, passes the current item to
 * the Eclipse Job's monitor, posts progress (at most every {@value #PROGRESS_INTERVAL_MS} ms, so that a
 * fast driver cannot flood the UI) and every log line as events, and reports the monitor's cancel.
 */
final class RunReporter implements DriverProgress {

    private static final long PROGRESS_INTERVAL_MS = 150;

    private final String key;
    private final IEventBroker events;
    private final IProgressMonitor monitor;
    private String unit = "";
    private long total = -1;
    private long done;
    private long items;
    private String currentItem = "";
    private long lastPost;

    RunReporter(String key, IEventBroker events, IProgressMonitor monitor) {
        this.key = key;
        this.events = events;
        this.monitor = monitor;
    }

    @Override
    public synchronized void begin(long totalWork, String unit) {
        this.total = totalWork;
        this.unit = unit == null ? "" : unit;
        this.done = 0;
        post(true);
    }

    @Override
    public synchronized void worked(long work, String item) {
        done += work;
        if (item != null && !item.equals(currentItem)) {
            items++;
            currentItem = item;
            monitor.subTask(item);
        }
        post(false);
    }

    @Override
    public void log(String message) {
        events.post(WorkbenchEvents.RUN_LOG, new RunLogLine(key, Instant.now(), Objects.toString(message, "")));
    }

    @Override
    public boolean isCancelled() {
        return monitor.isCanceled();
    }

    /** Posts the final counts, whatever the interval. */
    synchronized void flush() {
        post(true);
    }

    private void post(boolean always) {
        long now = System.currentTimeMillis();
        if (always || now - lastPost >= PROGRESS_INTERVAL_MS) {
            lastPost = now;
            events.post(WorkbenchEvents.RUN_PROGRESS, new RunProgress(key, unit, total, done, items, currentItem));
        }
    }
}
