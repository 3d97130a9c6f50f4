package org.airgap.runner.internal;

import org.airgap.driver.api.DriverProgress;
import org.airgap.driver.api.Pacing;
import org.airgap.model.JobOptions;

/**
 * The progress a driver gets: the caller's, with the pacing of the job's gentle mode (one per run, so that
 * the pause holds across the attempts too).
 */
final class PacedProgress implements DriverProgress {

    private final DriverProgress progress;
    private final Pacing pacing;

    private PacedProgress(DriverProgress progress, Pacing pacing) {
        this.progress = progress;
        this.pacing = pacing;
    }

    /** {@code progress} itself when the job is not in gentle mode. */
    static DriverProgress of(DriverProgress progress, JobOptions options) {
        if (!options.gentle()) {
            return progress;
        }
        return new PacedProgress(progress, Pacing.of(options.pauseBetweenRequests(), options.maxBytesPerSecond(),
                progress::isCancelled));
    }

    @Override
    public void begin(long totalWork, String unit) {
        progress.begin(totalWork, unit);
    }

    @Override
    public void worked(long work, String currentItem) {
        progress.worked(work, currentItem);
    }

    @Override
    public void log(String message) {
        progress.log(message);
    }

    @Override
    public boolean isCancelled() {
        return progress.isCancelled();
    }

    @Override
    public Pacing pacing() {
        return pacing;
    }
}
