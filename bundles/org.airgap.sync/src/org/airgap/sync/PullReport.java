package org.airgap.sync;

import java.time.Duration;
import java.time.Instant;

/**
 * What a pull brought.
 *
 * @param folders          folders synced
 * @param components       components synced
 * @param jobs             jobs synced (assigned to the user)
 * @param baselines        baselines synced (one per component with a server version or backup)
 * @param snapshotsFetched baseline snapshots the local store lacked and now has
 * @param blobsFetched     blobs downloaded
 * @param bytesFetched     blob bytes downloaded
 * @param serverTime       the server's clock at the pull
 * @param transfer         from the first manifest requested to the last blob stored ({@link Duration#ZERO}
 *                         when nothing was fetched)
 */
public record PullReport(int folders, int components, int jobs, int baselines, int snapshotsFetched,
        int blobsFetched, long bytesFetched, Instant serverTime, Duration transfer) {

    /** A report that does not say how long the transfer took. */
    public PullReport(int folders, int components, int jobs, int baselines, int snapshotsFetched, int blobsFetched,
            long bytesFetched, Instant serverTime) {
        this(folders, components, jobs, baselines, snapshotsFetched, blobsFetched, bytesFetched, serverTime,
                Duration.ZERO);
    }
}
