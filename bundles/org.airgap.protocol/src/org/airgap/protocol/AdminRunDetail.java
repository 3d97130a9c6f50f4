package org.airgap.protocol;

import org.airgap.model.Run;

/**
 * One committed run in full ({@code GET /api/admin/runs/<id>}): what the list says of it, and the run as the
 * laptop uploaded it, with its log ({@link Run#messages()}), attempts, device and on-site results.
 */
public record AdminRunDetail(AdminRun summary, Run run) {
}
