package org.airgap.model;

import java.time.Duration;
import java.util.List;

/**
 * How a job runs and what its backup covers.
 *
 * @param maxAttempts               how often the backup is tried before the run fails, at least 1
 * @param pauseBetweenAttempts      wait before the next attempt, not negative
 * @param warnIfBackupOlderThan     warn when the newest backup of the component is older than this;
 *                                  {@code null} never warns
 * @param createVersionAutomatically whether a successful backup that differs from the server version
 *                                  becomes a new version without asking
 * @param includes                  globs of the snapshot paths to back up; empty means all
 * @param excludes                  globs of snapshot paths left out, applied after {@code includes}
 * @param ignoreRules               what the compare leaves out
 * @param pauseBetweenRequests      gentle mode: the least time between two requests a driver sends to the
 *                                  device, zero for none, at most {@link #MAX_PAUSE_BETWEEN_REQUESTS}
 * @param maxBytesPerSecond         gentle mode: the most a driver reads from the device per second, 0 for
 *                                  no cap, else from {@link #MIN_BYTES_PER_SECOND} to {@link #MAX_BYTES_PER_SECOND}
 */
public record JobOptions(int maxAttempts, Duration pauseBetweenAttempts, Duration warnIfBackupOlderThan,
        boolean createVersionAutomatically, List<String> includes, List<String> excludes,
        List<IgnoreRule> ignoreRules, Duration pauseBetweenRequests, long maxBytesPerSecond) {

    /** A longer pause than this between requests is a stopped backup rather than a gentle one. */
    public static final Duration MAX_PAUSE_BETWEEN_REQUESTS = Duration.ofMinutes(1);
    /** Below 1 KiB/s a single program file would take hours: such a cap is a typing error. */
    public static final long MIN_BYTES_PER_SECOND = 1024;
    /** 1 TiB/s: above it no device link is slowed, and the pacing arithmetic stays far from overflow. */
    public static final long MAX_BYTES_PER_SECOND = 1L << 40;

    public JobOptions {
        if (maxAttempts < 1) {
            throw Check.invalid("JobOptions.maxAttempts", "must be at least 1, was " + maxAttempts);
        }
        Check.notNegative(pauseBetweenAttempts, "JobOptions.pauseBetweenAttempts");
        if (warnIfBackupOlderThan != null && (warnIfBackupOlderThan.isNegative() || warnIfBackupOlderThan.isZero())) {
            throw Check.invalid("JobOptions.warnIfBackupOlderThan", "must be positive or absent, was "
                    + warnIfBackupOlderThan);
        }
        includes = Check.globs(includes, "JobOptions.includes");
        excludes = Check.globs(excludes, "JobOptions.excludes");
        ignoreRules = Check.list(ignoreRules, "JobOptions.ignoreRules");
        if (Check.notNegative(pauseBetweenRequests, "JobOptions.pauseBetweenRequests")
                .compareTo(MAX_PAUSE_BETWEEN_REQUESTS) > 0) {
            throw Check.invalid("JobOptions.pauseBetweenRequests", "must be at most " + MAX_PAUSE_BETWEEN_REQUESTS
                    + ", was " + pauseBetweenRequests);
        }
        if (maxBytesPerSecond != 0
                && (maxBytesPerSecond < MIN_BYTES_PER_SECOND || maxBytesPerSecond > MAX_BYTES_PER_SECOND)) {
            throw Check.invalid("JobOptions.maxBytesPerSecond", "must be 0 (no cap) or from " + MIN_BYTES_PER_SECOND
                    + " to " + MAX_BYTES_PER_SECOND + ", was " + maxBytesPerSecond);
        }
    }

    /** Options without gentle mode (no pause between requests, no bandwidth cap). */
    public JobOptions(int maxAttempts, Duration pauseBetweenAttempts, Duration warnIfBackupOlderThan,
            boolean createVersionAutomatically, List<String> includes, List<String> excludes,
            List<IgnoreRule> ignoreRules) {
        this(maxAttempts, pauseBetweenAttempts, warnIfBackupOlderThan, createVersionAutomatically, includes, excludes,
                ignoreRules, Duration.ZERO, 0);
    }

    /** One attempt, no age warning, no automatic version, everything included, nothing ignored, not gentle. */
    public static JobOptions defaults() {
        return new JobOptions(1, Duration.ZERO, null, false, List.of(), List.of(), List.of());
    }

    /**
     * What a job document takes for an option it leaves out (docs/formats.md, "job"): one attempt, no pause,
     * no age warning, automatic versions (a new job creates versions unless told otherwise), everything
     * included, nothing ignored, not gentle.
     *
     * @since 0.2
     */
    public static JobOptions documentDefaults() {
        return new JobOptions(1, Duration.ZERO, null, true, List.of(), List.of(), List.of());
    }

    /** Whether gentle mode is on: a pause between requests or a bandwidth cap. */
    public boolean gentle() {
        return !pauseBetweenRequests.isZero() || maxBytesPerSecond > 0;
    }

    /** These options with gentle mode set as given (zero and 0 turn it off). */
    public JobOptions withGentleMode(Duration pauseBetweenRequests, long maxBytesPerSecond) {
        return new JobOptions(maxAttempts, pauseBetweenAttempts, warnIfBackupOlderThan, createVersionAutomatically,
                includes, excludes, ignoreRules, pauseBetweenRequests, maxBytesPerSecond);
    }
}
