package org.airgap.workspace;

import java.util.List;

/**
 * What {@link JobRepository#pruneUploadedSnapshots} removed from the laptop's store.
 *
 * @param snapshotsRemoved the snapshots whose manifests were removed, sorted
 * @param blobsRemoved     blobs the store's gc removed afterwards (no kept snapshot names them)
 * @param bytesFreed       the bytes of those blobs
 * @since 0.2
 */
public record PruneReport(List<String> snapshotsRemoved, int blobsRemoved, long bytesFreed) {

    /** Nothing to prune. */
    public static final PruneReport NONE = new PruneReport(List.of(), 0, 0);

    public PruneReport {
        snapshotsRemoved = List.copyOf(snapshotsRemoved);
    }
}
