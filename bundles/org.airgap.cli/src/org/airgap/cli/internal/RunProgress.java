package org.airgap.cli.internal;

import java.io.PrintStream;
import java.time.Duration;

import org.airgap.driver.api.DriverProgress;

/**
 * A run's progress as lines on stderr (stdout stays for the results): every log line, and the count of
 * work done at most once a second so that thousands of files do not flood the terminal.
 */
final class RunProgress implements DriverProgress {

    private static final long INTERVAL_NANOS = Duration.ofSeconds(1).toNanos();

    private final PrintStream err;
    private final String prefix;
    private long total = -1;
    private String unit = "";
    private long done;
    private long lastPrinted = System.nanoTime();

    RunProgress(PrintStream err, String jobId) {
        this.err = err;
        this.prefix = jobId + ": ";
    }

    @Override
    public void begin(long totalWork, String unit) {
        this.total = totalWork;
        this.unit = unit == null ? "" : unit;
        this.done = 0;
    }

    @Override
    public void worked(long work, String currentItem) {
        done += work;
        long now = System.nanoTime();
        if (now - lastPrinted >= INTERVAL_NANOS) {
            lastPrinted = now;
            err.println(prefix + done + (total >= 0 ? "/" + total : "") + " " + unit
                    + (currentItem == null || currentItem.isBlank() ? "" : "  " + currentItem));
        }
    }

    @Override
    public void log(String message) {
        err.println(prefix + message);
    }

    @Override
    public boolean isCancelled() {
        // Ctrl-C ends the process; the repository marks the run interrupted when it next opens.
        return false;
    }
}
