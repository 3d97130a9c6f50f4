package org.airgap.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A UTC clock that tests move by hand ({@link #advance}) or that moves on by a fixed step at each reading
 * ({@link #stepping}), so that the times code under test records are predictable. Safe to read from
 * several threads.
 */
public class MutableClock extends Clock {

    private final Duration stepPerReading;
    private Instant now;

    public MutableClock(Instant start) {
        this(start, Duration.ZERO);
    }

    private MutableClock(Instant start, Duration stepPerReading) {
        this.now = start;
        this.stepPerReading = stepPerReading;
    }

    /** A clock whose first reading is {@code start} and each further reading {@code step} later. */
    public static MutableClock stepping(Instant start, Duration step) {
        return new MutableClock(start, step);
    }

    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public synchronized Instant instant() {
        Instant reading = now;
        now = now.plus(stepPerReading);
        return reading;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** Always UTC: the code under test stores instants, the zone plays no part. */
    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
