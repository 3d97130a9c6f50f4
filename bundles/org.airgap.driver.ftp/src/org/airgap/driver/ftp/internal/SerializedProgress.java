package org.airgap.driver.ftp.internal;

import org.airgap.driver.api.DriverProgress;

/**
 * Hands the caller's progress one call at a time: the download threads report concurrently, and a
 * progress implementation need not be thread-safe.
 */
final class SerializedProgress implements DriverProgress {

    private final DriverProgress target;

    SerializedProgress(DriverProgress target) {
        this.target = target == null ? DriverProgress.NONE : target;
    }

    @Override
    public synchronized void begin(long totalWork, String unit) {
        target.begin(totalWork, unit);
    }

    @Override
    public synchronized void worked(long work, String currentItem) {
        target.worked(work, currentItem);
    }

    @Override
    public synchronized void log(String message) {
        target.log(message);
    }

    @Override
    public synchronized boolean isCancelled() {
        return target.isCancelled();
    }
}
