package org.airgap.testing.drivers;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.airgap.driver.api.DriverProgress;
import org.airgap.driver.api.Pacing;

/**
 * A {@link DriverProgress} that records what the driver reported and can cancel after a number of
 * worked items, to test cancellation mid-backup.
 */
public final class RecordingProgress implements DriverProgress {

    private final long cancelAfterItems;
    private final AtomicLong items = new AtomicLong();
    private final AtomicLong work = new AtomicLong();
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private volatile long total = -1;
    private volatile String unit;
    private volatile Pacing pacing = Pacing.NONE;

    public RecordingProgress() {
        this(Long.MAX_VALUE);
    }

    /** Cancels once {@code cancelAfterItems} calls of {@link #worked} have been made. */
    public RecordingProgress(long cancelAfterItems) {
        this.cancelAfterItems = cancelAfterItems;
    }

    @Override
    public void begin(long totalWork, String unit) {
        this.total = totalWork;
        this.unit = unit;
    }

    @Override
    public void worked(long amount, String currentItem) {
        work.addAndGet(amount);
        items.incrementAndGet();
    }

    @Override
    public void log(String message) {
        log.add(message);
    }

    @Override
    public boolean isCancelled() {
        return items.get() >= cancelAfterItems;
    }

    /** Gives the driver gentle mode's pacing, as the runner does for a job that asks for it. */
    public RecordingProgress withPacing(Duration pauseBetweenRequests, long maxBytesPerSecond) {
        pacing = Pacing.of(pauseBetweenRequests, maxBytesPerSecond, this::isCancelled);
        return this;
    }

    @Override
    public Pacing pacing() {
        return pacing;
    }

    public long total() {
        return total;
    }

    public String unit() {
        return unit;
    }

    public long work() {
        return work.get();
    }

    public long items() {
        return items.get();
    }

    public List<String> log() {
        return List.copyOf(log);
    }
}
