package org.airgap.driver.api;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Gentle mode for fragile old devices (the job's {@code pauseBetweenRequests} and {@code maxBytesPerSecond}):
 * a driver gets it from {@link DriverProgress#pacing()}, calls {@link #beforeRequest()} before each request
 * it sends to the device and reports what it reads through {@link #transferred(long)} or a
 * {@linkplain #throttle(InputStream) throttled stream}. When the job asks for nothing, every call returns at
 * once.
 *
 * <p>The pause counts from the start of the previous request, or from the last bytes reported as
 * transferred when they came later, so a driver that reports each answer leaves the device idle for the
 * whole pause. The cap keeps the average rate from the first reported byte on at or below
 * {@link #maxBytesPerSecond()}.
 *
 * <p>Thread-safe: the lanes of a {@link ParallelTransfer} share their driver's pacing, so the pause and
 * the cap hold for the device as a whole, not per connection (requests from several connections take
 * turns; a transfer on one connection holds back the next request on another until the pause has passed).
 * Waits wake at least every 50 ms to notice a cancellation and then throw {@link InterruptedIOException}:
 * a driver sends nothing more and reports the run as cancelled.
 *
 * @since 0.2
 */
public final class Pacing {

    /** Nothing paced: for jobs without gentle mode, tests and tools. */
    public static final Pacing NONE = new Pacing(Duration.ZERO, 0, new Shared(Ticker.SYSTEM), () -> false);

    private static final long CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

    /** The monotonic time and the sleep pacing uses; tests give a fake one. */
    interface Ticker {
        Ticker SYSTEM = new Ticker() {
            @Override
            public long nanoTime() {
                return System.nanoTime();
            }

            @Override
            public void sleep(long nanos) throws InterruptedException {
                TimeUnit.NANOSECONDS.sleep(nanos);
            }
        };

        long nanoTime();

        void sleep(long nanos) throws InterruptedException;
    }

    /** What the views of one pacing (one per lane, see {@link #cancelledBy}) share. */
    private static final class Shared {
        final Ticker ticker;
        /** Fair: requests of several lanes take turns. */
        final ReentrantLock requests = new ReentrantLock(true);
        /** When the device was last busy: a request started or bytes arrived; guarded by {@code this}. */
        long busyAt;
        boolean busy;
        /** When the bytes reported so far may have arrived at the cap; guarded by {@code this}. */
        long capFreeAt;
        boolean capStarted;

        Shared(Ticker ticker) {
            this.ticker = ticker;
        }

        synchronized void markBusy(long now) {
            busyAt = busy ? Math.max(busyAt, now) : now;
            busy = true;
        }

        synchronized long requestAllowedAt(long pauseNanos) {
            return busy ? busyAt + pauseNanos : Long.MIN_VALUE;
        }

        /** Books {@code nanos} of transfer time at the cap; returns when they end. */
        synchronized long book(long now, long nanos) {
            capFreeAt = (capStarted ? Math.max(capFreeAt, now) : now) + nanos;
            capStarted = true;
            return capFreeAt;
        }
    }

    private final Duration pause;
    private final long pauseNanos;
    private final long maxBytesPerSecond;
    private final Shared shared;
    private final BooleanSupplier cancelled;

    private Pacing(Duration pause, long maxBytesPerSecond, Shared shared, BooleanSupplier cancelled) {
        this.pause = pause;
        this.pauseNanos = pause.toNanos();
        this.maxBytesPerSecond = maxBytesPerSecond;
        this.shared = shared;
        this.cancelled = cancelled;
    }

    /**
     * @param pauseBetweenRequests the least time between requests, zero for none
     * @param maxBytesPerSecond    the most bytes per second, 0 for no cap
     * @param cancelled            whether the run was cancelled: waits end then
     */
    public static Pacing of(Duration pauseBetweenRequests, long maxBytesPerSecond, BooleanSupplier cancelled) {
        return of(pauseBetweenRequests, maxBytesPerSecond, cancelled, Ticker.SYSTEM);
    }

    static Pacing of(Duration pauseBetweenRequests, long maxBytesPerSecond, BooleanSupplier cancelled, Ticker ticker) {
        if (pauseBetweenRequests.isNegative()) {
            throw new IllegalArgumentException("the pause between requests must not be negative: " + pauseBetweenRequests);
        }
        if (maxBytesPerSecond < 0) {
            throw new IllegalArgumentException("the bandwidth cap must not be negative: " + maxBytesPerSecond);
        }
        return new Pacing(pauseBetweenRequests, maxBytesPerSecond, new Shared(ticker),
                Objects.requireNonNull(cancelled, "cancelled"));
    }

    /** The same pacing (same pause, cap and history) whose waits end when {@code stopped} turns true. */
    Pacing cancelledBy(BooleanSupplier stopped) {
        return isOn() ? new Pacing(pause, maxBytesPerSecond, shared, stopped) : this;
    }

    public Duration pauseBetweenRequests() {
        return pause;
    }

    /** 0 when there is no cap. */
    public long maxBytesPerSecond() {
        return maxBytesPerSecond;
    }

    /** Whether gentle mode is on: a pause or a cap. */
    public boolean isOn() {
        return pauseNanos > 0 || maxBytesPerSecond > 0;
    }

    /**
     * Call right before sending a request: waits until the pause has passed since the previous request (of
     * any lane) or the last bytes transferred.
     *
     * @throws InterruptedIOException when the run was cancelled (or the thread interrupted) while waiting:
     *                                send nothing
     */
    public void beforeRequest() throws InterruptedIOException {
        if (pauseNanos == 0) {
            return;
        }
        try {
            while (!shared.requests.tryLock(CHECK_NANOS, TimeUnit.NANOSECONDS)) {
                checkCancelled();
            }
        } catch (InterruptedException e) {
            throw interrupted();
        }
        try {
            // Re-read each time: bytes another lane reports push the allowed time back.
            for (long allowed; (allowed = shared.requestAllowedAt(pauseNanos)) > shared.ticker.nanoTime();) {
                waitUntil(allowed);
            }
            shared.markBusy(shared.ticker.nanoTime());
        } finally {
            shared.requests.unlock();
        }
    }

    /**
     * Call after reading {@code bytes} from the device: waits as long as the cap needs for them.
     *
     * @throws InterruptedIOException when the run was cancelled (or the thread interrupted) while waiting
     */
    public void transferred(long bytes) throws InterruptedIOException {
        if (bytes <= 0 || !isOn()) {
            return;
        }
        long now = shared.ticker.nanoTime();
        if (pauseNanos > 0) {
            shared.markBusy(now);
        }
        if (maxBytesPerSecond > 0) {
            waitUntil(shared.book(now, (long) Math.ceil(bytes * (double) NANOS_PER_SECOND / maxBytesPerSecond)));
        }
    }

    /**
     * {@code in} reporting what is read from it through {@link #transferred}, in pieces of at most a
     * twentieth of a second at the cap, so that the device sees a steady flow rather than bursts; {@code in}
     * itself when gentle mode is off. Closing it closes {@code in}.
     */
    public InputStream throttle(InputStream in) {
        if (!isOn()) {
            return in;
        }
        int piece = maxBytesPerSecond == 0 ? Integer.MAX_VALUE
                : (int) Math.max(512, Math.min(Integer.MAX_VALUE, maxBytesPerSecond / 20));
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    transferred(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                int n = super.read(buffer, offset, Math.min(length, piece));
                transferred(n);
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = super.skip(Math.min(n, piece));
                transferred(skipped);
                return skipped;
            }
        };
    }

    private void waitUntil(long deadline) throws InterruptedIOException {
        for (long left; (left = deadline - shared.ticker.nanoTime()) > 0;) {
            checkCancelled();
            try {
                shared.ticker.sleep(Math.min(left, CHECK_NANOS));
            } catch (InterruptedException e) {
                throw interrupted();
            }
        }
    }

    private void checkCancelled() throws InterruptedIOException {
        if (cancelled.getAsBoolean()) {
            throw new InterruptedIOException("cancelled while pausing for a fragile device (gentle mode)");
        }
    }

    private static InterruptedIOException interrupted() {
        Thread.currentThread().interrupt();
        return new InterruptedIOException("interrupted while pausing for a fragile device (gentle mode)");
    }

    /** "at least 200 ms between requests, at most 64 KiB/s", or "off". */
    @Override
    public String toString() {
        return describe(pause, maxBytesPerSecond);
    }

    /** Gentle mode in words, as runs and {@code airgap jobs} show it. */
    public static String describe(Duration pauseBetweenRequests, long maxBytesPerSecond) {
        String pauseText = pauseBetweenRequests.isZero() ? null : "at least " + duration(pauseBetweenRequests)
                + " between requests";
        String capText = maxBytesPerSecond == 0 ? null : "at most " + rate(maxBytesPerSecond);
        if (pauseText == null && capText == null) {
            return "off";
        }
        return pauseText == null ? capText : capText == null ? pauseText : pauseText + ", " + capText;
    }

    private static String duration(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos >= NANOS_PER_SECOND && nanos % NANOS_PER_SECOND == 0) {
            return nanos / NANOS_PER_SECOND + " s";
        }
        return BigDecimal.valueOf(nanos, 6).stripTrailingZeros().toPlainString() + " ms";
    }

    private static String rate(long bytesPerSecond) {
        String[] units = { "B/s", "KiB/s", "MiB/s", "GiB/s", "TiB/s" };
        double value = bytesPerSecond;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return (value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value))
                + " " + units[unit];
    }
}
