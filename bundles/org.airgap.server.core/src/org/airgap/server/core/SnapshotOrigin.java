package org.airgap.server.core;

import java.time.Instant;

/**
 * Where a snapshot on the server came from: a version of a component, or an uploaded run.
 *
 * @param componentId the component
 * @param snapshotId  the snapshot, {@code null} for a run without a backup
 * @param version     the version number, {@code null} for a run
 * @param runId       the run, {@code null} for a version that came from no run
 * @param jobId       the job of the run, {@code null} when there is no run
 * @param time        when the version was made, or when the run started (the laptop's clock)
 * @param user        who made the version or uploaded the run
 * @since 0.2
 */
public record SnapshotOrigin(String componentId, String snapshotId, Integer version, String runId, String jobId,
        Instant time, String user) {
}
