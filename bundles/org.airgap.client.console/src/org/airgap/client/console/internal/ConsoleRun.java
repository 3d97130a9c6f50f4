package org.airgap.client.console.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.airgap.client.events.RunFinished;
import org.airgap.client.events.RunLogLine;
import org.airgap.client.events.RunProgress;
import org.airgap.client.events.RunStarted;
import org.airgap.model.Run;
import org.airgap.model.RunMessage;
import org.airgap.model.RunOutcome;

/**
 * What the console knows about one run: how it started, the latest progress, the log as it came, and
 * the run as recorded when it ended. Used on the UI thread only.
 */
final class ConsoleRun {

    /** A line of the log; the level is known once the run is recorded ({@code null} before). */
    static final class Line {
        Instant time;
        RunMessage.Level level;
        final String text;

        Line(Instant time, RunMessage.Level level, String text) {
            this.time = time;
            this.level = level;
            this.text = text;
        }
    }

    final RunStarted started;
    private RunProgress progress;
    private final List<Line> lines = new ArrayList<>();
    private RunFinished finished;
    private boolean cancelRequested;

    ConsoleRun(RunStarted started) {
        this.started = started;
    }

    void progress(RunProgress update) {
        progress = update;
    }

    Line log(RunLogLine line) {
        Line added = new Line(line.time(), null, line.text());
        lines.add(added);
        return added;
    }

    /**
     * Records the end. The recorded messages carry the levels: each is matched with the line that came
     * live (same text, in order) to give it its level; the driver's own lines stay as they came.
     */
    void finish(RunFinished end) {
        finished = end;
        if (end.run() == null) {
            return;
        }
        int next = 0;
        for (RunMessage message : end.run().messages()) {
            int match = -1;
            for (int i = next; i < lines.size(); i++) {
                if (lines.get(i).level == null && lines.get(i).text.equals(message.text())) {
                    match = i;
                    break;
                }
            }
            if (match >= 0) {
                lines.get(match).level = message.level();
                lines.get(match).time = message.time();
                next = match + 1;
            } else {
                lines.add(new Line(message.time(), message.level(), message.text()));
            }
        }
    }

    void cancel() {
        if (!isFinished() && !cancelRequested) {
            cancelRequested = true;
            started.cancel().run();
        }
    }

    boolean isFinished() {
        return finished != null;
    }

    boolean cancelRequested() {
        return cancelRequested;
    }

    List<Line> lines() {
        return lines;
    }

    RunProgress progress() {
        return progress;
    }

    /** Running, Succeeded, Failed, Cancelled, or Not recorded. */
    String state() {
        if (finished == null) {
            return cancelRequested ? "Cancelling\u2026" : "Running";
        }
        if (finished.run() == null) {
            return "Not recorded";
        }
        return switch (finished.run().outcome()) {
        case SUCCEEDED -> "Succeeded";
        case FAILED -> "Failed";
        case CANCELLED -> "Cancelled";
        case RUNNING -> "Interrupted";
        };
    }

    Run run() {
        return finished == null ? null : finished.run();
    }

    /** The runner's "Attempt 2: " before a driver's problem: the status line already counts attempts. */
    private static final Pattern ATTEMPT_PREFIX = Pattern.compile("^Attempt \\d+: ");

    /**
     * Why the run failed, in the runner's and driver's words (which say what to check): the last error
     * message; {@code null} when it did not fail.
     */
    String failureReason() {
        if (finished == null) {
            return null;
        }
        if (finished.problem() != null) {
            return finished.problem();
        }
        Run run = finished.run();
        if (run.outcome() != RunOutcome.FAILED) {
            return null;
        }
        return run.messages().stream().filter(m -> m.level() == RunMessage.Level.ERROR).reduce((a, b) -> b)
                .map(m -> ATTEMPT_PREFIX.matcher(m.text()).replaceFirst(""))
                .orElse("The run failed without a message: look at the log below.");
    }

    /** "1 attempt of 3 allowed, no retries", or while running "up to 3 attempts". */
    String attempts() {
        int allowed = started.maxAttempts();
        Run run = run();
        if (run == null) {
            return isFinished() ? "" : "up to " + plural(allowed, "attempt");
        }
        int retries = Math.max(0, run.attempts() - 1);
        return plural(run.attempts(), "attempt") + " of " + allowed + " allowed, "
                + switch (retries) {
                case 0 -> "no retries";
                case 1 -> "1 retry";
                default -> retries + " retries";
                };
    }

    /** "42 items · 1.2 MB of 3.4 MB" from the latest progress; empty before any. */
    String progressText() {
        if (progress == null || progress.items() == 0 && progress.done() == 0 && progress.total() < 0) {
            return ""; // the driver never got to read anything
        }
        String work = "bytes".equals(progress.unit()) ? bytes(progress.done())
                + (progress.total() >= 0 ? " of " + bytes(progress.total()) : "")
                : progress.done() + (progress.total() >= 0 ? " of " + progress.total() : "") + " " + progress.unit();
        return plural(progress.items(), "item") + " \u00b7 " + work;
    }

    /** Progress in thousandths, -1 when the total is unknown. */
    int permille() {
        if (run() != null && run().outcome() == RunOutcome.SUCCEEDED) {
            return 1000;
        }
        if (progress == null || progress.total() <= 0) {
            return -1;
        }
        return (int) Math.min(1000, progress.done() * 1000 / progress.total());
    }

    static String plural(long n, String unit) {
        return n + " " + unit + (n == 1 ? "" : "s");
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = { "KB", "MB", "GB", "TB" };
        double value = n;
        int unit = -1;
        do {
            value /= 1024;
            unit++;
        } while (value >= 1024 && unit < units.length - 1);
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }
}
