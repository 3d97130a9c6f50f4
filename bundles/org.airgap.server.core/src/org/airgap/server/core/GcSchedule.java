package org.airgap.server.core;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * When the running server collects garbage on its own: server.ini {@code [Retention] gcSchedule}
 * (docs/server.md): {@code daily HH:MM} (the server's local time), {@code every <duration>} such as
 * {@code every 6h}, or {@code off}.
 *
 * @param dailyAt the time of day, or {@code null}
 * @param every   the interval, or {@code null}; both {@code null}: off
 */
public record GcSchedule(LocalTime dailyAt, Duration every) {

    public static final GcSchedule OFF = new GcSchedule(null, null);
    public static final GcSchedule DEFAULT = new GcSchedule(LocalTime.of(3, 0), null);
    /** The shortest interval: a gc reads every manifest kept, which is not free on a large store. */
    public static final Duration MIN_INTERVAL = Duration.ofMinutes(1);

    /**
     * @param duration reads the duration after {@code every} (server.ini's durations: 90m, 6h, 1d)
     * @throws IllegalArgumentException naming the expected forms
     */
    public static GcSchedule parse(String text, java.util.function.Function<String, Duration> duration) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.equals("off")) {
            return OFF;
        }
        try {
            if (value.startsWith("daily ")) {
                return new GcSchedule(LocalTime.parse(value.substring("daily ".length()).strip()), null);
            }
            if (value.startsWith("every ")) {
                Duration every = duration.apply(value.substring("every ".length()).strip());
                if (every != null && every.compareTo(MIN_INTERVAL) >= 0) {
                    return new GcSchedule(null, every);
                }
            }
        } catch (DateTimeParseException | IllegalArgumentException e) {
            // refused below
        }
        throw new IllegalArgumentException("is not a schedule such as 'daily 03:00', 'every 6h' (at least 1m) or 'off'");
    }

    public boolean off() {
        return dailyAt == null && every == null;
    }

    /** How long from {@code now} until the next gc; empty when off. */
    public Optional<Duration> delayFrom(ZonedDateTime now) {
        if (every != null) {
            return Optional.of(every);
        }
        if (dailyAt == null) {
            return Optional.empty();
        }
        ZonedDateTime next = now.with(dailyAt);
        if (!next.isAfter(now)) {
            next = now.plusDays(1).with(dailyAt);
        }
        return Optional.of(Duration.between(now, next));
    }
}
