package org.airgap.driver.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.airgap.testing.MutableClock;
import org.junit.jupiter.api.Test;

/** The pacing arithmetic on a fake clock that sleeping moves on, so every time is exact. */
class PacingTest {

    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final List<Long> sleeps = new ArrayList<>();
    private final Pacing.Ticker ticker = new Pacing.Ticker() {
        @Override
        public long nanoTime() {
            return Duration.between(START, clock.instant()).toNanos();
        }

        @Override
        public void sleep(long nanos) {
            sleeps.add(nanos);
            clock.advance(Duration.ofNanos(nanos));
        }
    };

    private long millis() {
        return Duration.between(START, clock.instant()).toMillis();
    }

    private Pacing pacing(Duration pause, long maxBytesPerSecond) {
        return Pacing.of(pause, maxBytesPerSecond, () -> false, ticker);
    }

    @Test
    void requestsAreThePauseApartAndTheFirstDoesNotWait() throws IOException {
        Pacing pacing = pacing(Duration.ofMillis(200), 0);
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            pacing.beforeRequest();
            sent.add(millis());
            clock.advance(Duration.ofMillis(30)); // the device answers without being reported
        }
        assertEquals(List.of(0L, 200L, 400L, 600L), sent);
    }

    @Test
    void thePauseCountsFromTheLastBytesOfAnAnswer() throws IOException {
        Pacing pacing = pacing(Duration.ofMillis(200), 0);
        pacing.beforeRequest();
        clock.advance(Duration.ofMillis(300));
        pacing.transferred(17); // the answer came 300 ms after the request
        pacing.beforeRequest();
        assertEquals(500, millis());
        clock.advance(Duration.ofSeconds(5)); // idle longer than the pause: no wait
        pacing.beforeRequest();
        assertEquals(5_500, millis());
    }

    @Test
    void theCapMakesBytesTakeTheirTimeWithoutCreditForIdleTime() throws IOException {
        Pacing pacing = pacing(Duration.ZERO, 1000);
        pacing.transferred(500);
        assertEquals(500, millis());
        pacing.transferred(250);
        assertEquals(750, millis());
        clock.advance(Duration.ofSeconds(10)); // no burst allowance saved up while idle
        pacing.transferred(100);
        assertEquals(10_850, millis());
        pacing.beforeRequest(); // no pause configured: requests never wait
        assertEquals(10_850, millis());
    }

    @Test
    void aThrottledStreamTakesItsSizeOverTheCapInSmallPieces() throws IOException {
        Pacing pacing = pacing(Duration.ZERO, 10_240);
        byte[] data = new byte[51_200];
        InputStream in = pacing.throttle(new ByteArrayInputStream(data));
        byte[] buffer = new byte[64 * 1024];
        int total = 0;
        int largest = 0;
        for (int n; (n = in.read(buffer)) >= 0;) {
            total += n;
            largest = Math.max(largest, n);
        }
        assertEquals(data.length, total);
        assertEquals(5_000, millis()); // 51,200 bytes at 10 KiB/s
        assertEquals(512, largest); // a twentieth of a second's bytes, at least 512
        assertTrue(sleeps.stream().allMatch(nanos -> nanos <= 50_000_000L), sleeps.toString());
    }

    @Test
    void lanesShareThePauseAndTheCap() throws IOException {
        Pacing driver = pacing(Duration.ofMillis(100), 1000);
        Pacing lane1 = driver.cancelledBy(() -> false);
        Pacing lane2 = driver.cancelledBy(() -> false);
        lane1.beforeRequest();
        lane2.beforeRequest();
        assertEquals(100, millis());
        lane1.transferred(200); // 200 ms at the cap
        assertEquals(300, millis());
        lane2.transferred(300); // books after lane 1's bytes
        assertEquals(600, millis());
        driver.beforeRequest(); // 100 ms after lane 2's bytes arrived (at 300 ms)
        assertEquals(600, millis());
        lane1.beforeRequest();
        assertEquals(700, millis());
    }

    @Test
    void aCancelEndsTheWaitAndNothingIsSent() throws IOException {
        AtomicBoolean cancelled = new AtomicBoolean();
        Pacing pacing = Pacing.of(Duration.ofSeconds(60), 1024, cancelled::get, ticker);
        pacing.beforeRequest();
        Pacing stoppedLane = pacing.cancelledBy(() -> millis() >= 120);
        InterruptedIOException e = assertThrows(InterruptedIOException.class, stoppedLane::beforeRequest);
        assertEquals("cancelled while pausing for a fragile device (gentle mode)", e.getMessage());
        assertEquals(150, millis()); // woke every 50 ms to look
        cancelled.set(true);
        assertThrows(InterruptedIOException.class, () -> pacing.transferred(1024 * 60));
        assertEquals(150, millis());
    }

    @Test
    void anInterruptEndsTheWaitAndStaysSet() throws IOException {
        Pacing pacing = Pacing.of(Duration.ofSeconds(60), 0, () -> false, new Pacing.Ticker() {
            @Override
            public long nanoTime() {
                return ticker.nanoTime();
            }

            @Override
            public void sleep(long nanos) throws InterruptedException {
                throw new InterruptedException();
            }
        });
        pacing.beforeRequest();
        assertThrows(InterruptedIOException.class, pacing::beforeRequest);
        assertTrue(Thread.interrupted());
    }

    @Test
    void offCostsNothing() throws IOException {
        Pacing off = pacing(Duration.ZERO, 0);
        assertFalse(off.isOn());
        InputStream in = new ByteArrayInputStream(new byte[10]);
        assertSame(in, off.throttle(in));
        assertSame(in, Pacing.NONE.throttle(in));
        off.beforeRequest();
        off.beforeRequest();
        off.transferred(1 << 30);
        assertEquals(0, millis());
        assertSame(Pacing.NONE, DriverProgress.NONE.pacing());
        assertSame(off, off.cancelledBy(() -> true));
    }

    @Test
    void inWords() {
        assertEquals("off", Pacing.NONE.toString());
        assertEquals("at least 200 ms between requests", pacing(Duration.ofMillis(200), 0).toString());
        assertEquals("at least 2 s between requests, at most 64 KiB/s",
                pacing(Duration.ofSeconds(2), 65_536).toString());
        assertEquals("at most 1.5 MiB/s", Pacing.describe(Duration.ZERO, 1_572_864));
        assertEquals("at least 0.25 ms between requests", Pacing.describe(Duration.ofNanos(250_000), 0));
        assertEquals("at least 60 s between requests, at most 1 TiB/s", Pacing.describe(Duration.ofMinutes(1), 1L << 40));
        assertEquals("at least 1500 ms between requests, at most 1000 B/s", Pacing.describe(Duration.ofMillis(1500), 1000));
        assertThrows(IllegalArgumentException.class, () -> Pacing.of(Duration.ofMillis(-1), 0, () -> false));
        assertThrows(IllegalArgumentException.class, () -> Pacing.of(Duration.ZERO, -1, () -> false));
    }
}
