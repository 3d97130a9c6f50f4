package org.airgap.server.core.internal;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.airgap.server.core.SnapshotHold;
import org.airgap.store.ContentStore;
import org.airgap.store.StoreException;

/**
 * The snapshots readers hold ({@link SnapshotHold}), which gc keeps like those the database names. The
 * same scheme as the uploads' ({@code UploadsInProgress}): a hold is taken under the shared side of
 * {@link #exclusive()}'s lock, and only once the snapshot is found whole; gc's sweep holds the exclusive
 * side while it takes its last look at the holds and deletes. So a hold taken before that look is seen by
 * it, and one taken after finds what the sweep removed missing and is refused before the reader sends a
 * byte. Only taking a hold waits for a sweep; reading under one never holds gc up, nor uploads.
 */
final class SnapshotHolds {

    private final ContentStore store;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    /** How many holds each snapshot has; guarded by itself. */
    private final Map<String, Integer> held = new HashMap<>();

    SnapshotHolds(ContentStore store) {
        this.store = store;
    }

    /**
     * Holds the snapshot after checking that its manifest reads and every blob it names is stored.
     *
     * @param what names the snapshot in the refusal, such as "version 3 of component 'plc-7'"
     * @throws ServerException CONFLICT when it is no longer whole: gc removed it, or the store is damaged
     */
    SnapshotHold hold(String snapshotId, String what) throws ServerException, IOException {
        lock.readLock().lock();
        try {
            String missing = missing(snapshotId);
            if (missing != null) {
                throw new ServerException(Kind.CONFLICT, what + " (snapshot " + snapshotId + ") is no longer in the"
                        + " server's store (" + missing + "): garbage collection removed it after retention let it go"
                        + " (if no retention policy applies, run a store verify)");
            }
            synchronized (held) {
                held.merge(snapshotId, 1, Integer::sum);
            }
        } finally {
            lock.readLock().unlock();
        }
        AtomicBoolean open = new AtomicBoolean(true);
        return new SnapshotHold() {
            @Override
            public String snapshotId() {
                return snapshotId;
            }

            @Override
            public void close() {
                if (open.getAndSet(false)) {
                    synchronized (held) {
                        held.computeIfPresent(snapshotId, (id, count) -> count == 1 ? null : count - 1);
                    }
                }
            }
        };
    }

    /** What of the snapshot is not stored, or {@code null} when it is whole. */
    private String missing(String snapshotId) throws IOException {
        Set<String> blobs;
        try {
            blobs = store.readSnapshot(snapshotId).manifest().blobs();
        } catch (StoreException e) {
            return e.getMessage();
        }
        for (String sha256 : blobs) {
            if (!store.hasBlob(sha256)) {
                return "blob " + sha256 + " is missing";
            }
        }
        return null;
    }

    /** The snapshots held now. */
    Set<String> snapshots() {
        synchronized (held) {
            return new HashSet<>(held.keySet());
        }
    }

    /** Held by gc's sweep: no hold is taken while it deletes. */
    Lock exclusive() {
        return lock.writeLock();
    }
}
