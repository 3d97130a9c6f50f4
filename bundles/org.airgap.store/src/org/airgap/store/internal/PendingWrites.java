package org.airgap.store.internal;

import java.io.IOException;
import java.io.InterruptedIOException;

import org.airgap.store.StoreException;

/**
 * The blob finalizations (sync, rename) one writer has handed to the store's background threads. Its
 * manifest may only be written once {@link #awaitAll()} returned without a failure. A counter rather
 * than a list of futures, so that a backup of millions of files does not keep one object per file.
 */
final class PendingWrites {

    private int running;
    private StoreException failure;

    synchronized void started() {
        running++;
    }

    /** @param failed what went wrong, or {@code null} */
    synchronized void finished(StoreException failed) {
        running--;
        if (failed != null) {
            if (failure == null) {
                failure = failed;
            } else {
                failure.addSuppressed(failed);
            }
        }
        notifyAll();
    }

    /** Fails early once a finalization failed, so that a writer stops before copying more. */
    synchronized void throwIfFailed() throws StoreException {
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Waits until every finalization ended, then throws the first failure (later ones suppressed in it).
     * Waiting for all, even after a failure, means no temporary file of this writer is left behind.
     */
    synchronized void awaitAll() throws IOException {
        while (running > 0) {
            try {
                wait();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for blobs to be synced");
            }
        }
        throwIfFailed();
    }
}
