package org.airgap.protocol;

import java.time.Instant;
import java.util.List;

/**
 * What a garbage collection on the server dropped and removed (or, for a dry run, would have).
 *
 * @param versionsDropped     versions deleted by the retention policies
 * @param runSnapshotsDropped runs whose snapshot the policies let go (the run itself stays in the history)
 * @param manifestsRemoved    snapshots no kept version, run or upload in progress names any more
 * @param blobsRemoved        file contents no kept snapshot names any more
 * @param bytesReclaimed      the size of those blobs
 * @param dropped             what the policies dropped, such as {@code plc-7 v3} or {@code run r-42 of plc-7},
 *                            at most the first 1,000
 */
public record GcResult(boolean dryRun, Instant started, long millis, int versionsDropped, int runSnapshotsDropped,
        int manifestsRemoved, int blobsRemoved, long bytesReclaimed, List<String> dropped) {

    public GcResult {
        dropped = dropped == null ? List.of() : List.copyOf(dropped);
    }
}
