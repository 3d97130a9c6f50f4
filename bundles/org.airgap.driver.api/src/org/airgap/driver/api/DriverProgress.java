package org.airgap.driver.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What a driver tells the run while it works, and how it learns that the technician cancelled. A driver
 * calls it only from the thread that called the driver: implementations need not be thread-safe.
 * {@link ParallelTransfer} keeps to this rule for drivers that read over several connections at once.
 */
@ProviderType
public interface DriverProgress {

    /** Starts (or restarts) counting: {@code totalWork} units of {@code unit} ("files", "bytes", "registers"), or -1 when unknown. */
    void begin(long totalWork, String unit);

    /** {@code work} more units are done; {@code currentItem} is what is being read now (a path, a range). */
    void worked(long work, String currentItem);

    /** A line for the run's console: what the driver did. Never pass a secret. */
    void log(String message);

    /** Whether the technician cancelled; a driver checks it between items and returns soon after. */
    boolean isCancelled();

    /**
     * Gentle mode: the pause between requests and the bandwidth cap the job asks for, which a driver honours
     * for fragile devices (see {@link Pacing}). The pacing is thread-safe; a {@link ParallelTransfer} hands
     * its lanes the driver's pacing.
     *
     * @return {@link Pacing#NONE} unless the run's progress carries the job's pacing
     * @since 0.2
     */
    default Pacing pacing() {
        return Pacing.NONE;
    }

    /** A progress that reports nowhere and is never cancelled (tests, tools). */
    DriverProgress NONE = new DriverProgress() {
        @Override
        public void begin(long totalWork, String unit) {
        }

        @Override
        public void worked(long work, String currentItem) {
        }

        @Override
        public void log(String message) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    };
}
