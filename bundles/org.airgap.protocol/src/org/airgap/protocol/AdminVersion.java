package org.airgap.protocol;

import java.time.Instant;

/**
 * A version in a component's history ({@code GET /api/admin/versions/<component>}).
 *
 * @param user  who made it: the technician whose upload became it, or the administrator who checked it in
 * @param runId the run it came from; null for none
 * @param technician who ran the run it came from, as its laptop signed it (since 0.2); null for none or a run
 *                   uploaded before laptop keys
 */
public record AdminVersion(String componentId, int number, Instant time, String user, String comment,
        String snapshotId, String runId, String technician) {

    /** A version without its run's technician, as servers before laptop keys answer. */
    public AdminVersion(String componentId, int number, Instant time, String user, String comment,
            String snapshotId, String runId) {
        this(componentId, number, time, user, comment, snapshotId, runId, null);
    }
}
