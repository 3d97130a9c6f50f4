package org.airgap.client.admin.overview.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * With {@code -Dairgap.paintTiming=true} (benchmarks/admin/paint.sh sets it), where the time of one reading of
 * the overview went, as one line on standard error: each step the view names (the server's answer read and
 * parsed, the tree model built, …) with the time since the step before. Off, it only notes the times.
 */
final class OverviewTiming {

    static final String PROPERTY = "airgap.paintTiming";

    private final long started = System.nanoTime();
    private final List<String> steps = new ArrayList<>();
    private final List<Long> ends = new ArrayList<>();

    /** Notes that the step {@code name} ended now. */
    void step(String name) {
        steps.add(name);
        ends.add(System.nanoTime());
    }

    /** Ends the last step, the overview shown: prints the line if the property is set. */
    void shown(String lastStep, int components) {
        step(lastStep);
        if (Boolean.getBoolean(PROPERTY)) {
            System.err.println(describe(started, steps, ends, components));
        }
    }

    /** The line for steps ending at these {@link System#nanoTime()} values. */
    static String describe(long started, List<String> steps, List<Long> ends, int components) {
        StringBuilder line = new StringBuilder("airgap.paintTiming overview: " + components + " components");
        long previous = started;
        for (int i = 0; i < steps.size(); i++) {
            line.append(i == 0 ? "; " : ", ").append(steps.get(i)).append(' ').append(millis(ends.get(i) - previous));
            previous = ends.get(i);
        }
        return line.append("; ").append(millis(previous - started)).append(" in all").toString();
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }
}
