package org.airgap.sync;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

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
 * @param removedJobs      jobs synced before that the server no longer gives the user: removed from the laptop
 * @param offlineLoginsRemoved users whose offline login the server refused (disabled or gone): deleted here
 */
public record PullReport(int folders, int components, int jobs, int baselines, int snapshotsFetched,
        int blobsFetched, long bytesFetched, Instant serverTime, Duration transfer, List<RemovedJob> removedJobs,
        List<String> offlineLoginsRemoved) {

    public PullReport {
        removedJobs = removedJobs == null ? List.of() : List.copyOf(removedJobs);
        offlineLoginsRemoved = offlineLoginsRemoved == null ? List.of() : List.copyOf(offlineLoginsRemoved);
    }

    /** A report that removed no job and no offline login. */
    public PullReport(int folders, int components, int jobs, int baselines, int snapshotsFetched, int blobsFetched,
            long bytesFetched, Instant serverTime, Duration transfer) {
        this(folders, components, jobs, baselines, snapshotsFetched, blobsFetched, bytesFetched, serverTime, transfer,
                List.of(), List.of());
    }

    /** A report that does not say how long the transfer took. */
    public PullReport(int folders, int components, int jobs, int baselines, int snapshotsFetched, int blobsFetched,
            long bytesFetched, Instant serverTime) {
        this(folders, components, jobs, baselines, snapshotsFetched, blobsFetched, bytesFetched, serverTime,
                Duration.ZERO);
    }
}
