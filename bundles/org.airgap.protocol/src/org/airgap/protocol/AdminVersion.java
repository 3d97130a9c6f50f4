package org.airgap.protocol;

import java.time.Instant;

/**
 * A version in a component's history ({@code GET /api/admin/versions/<component>}).
 *
 * @param user  who made it: the technician whose upload became it, or the administrator who checked it in
 * @param runId the run it came from; null for none
 */
public record AdminVersion(String componentId, int number, Instant time, String user, String comment,
        String snapshotId, String runId) {
}
