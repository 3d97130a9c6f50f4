package org.airgap.server.core;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.locks.Lock;

/**
 * What garbage collection must know of the uploads in progress, which live outside the database (the
 * HTTP layer's upload area): a planned run names blobs that no committed snapshot may name yet; and whom
 * it tells what it dropped ({@link #dropped}).
 */
public interface UploadsInProgress {

    /** Nothing in progress: for a server without an upload area (tests, the command line). */
    UploadsInProgress NONE = new UploadsInProgress() {
        private final Lock lock = new java.util.concurrent.locks.ReentrantLock();

        @Override
        public Set<String> blobs() {
            return Set.of();
        }

        @Override
        public Lock exclusive() {
            return lock;
        }
    };

    /** The blobs named by the runs planned for upload and not committed yet, read fresh. */
    Set<String> blobs() throws IOException;

    /**
     * The lock gc holds while it deletes; plans and commits of uploads hold its shared side, so that no
     * new upload or snapshot can come to name a blob between gc's last look and its deletion.
     */
    Lock exclusive();

    /**
     * Called by gc once the drop of versions and run snapshots is committed and before its sweep deletes
     * anything, with the snapshots they named: caches of read rights must forget those now, or a technician
     * could read a dropped version for as long as the cache keeps it.
     *
     * @since 0.2
     */
    default void dropped(Set<String> snapshotIds) {
    }
}
