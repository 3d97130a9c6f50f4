package org.airgap.protocol;

import java.time.Instant;
import java.util.List;

import org.airgap.model.Job;

/**
 * A job as the administrator sees it ({@code GET /api/admin/jobs}): the definition, the folder of its
 * component, when it was archived ({@code null}: active; a job of an archived component is hidden with
 * it), its runs on the server and the users it is assigned to.
 */
public record PlantJob(Job job, String folderId, Instant archived, int runs, List<String> assignedTo) {

    public PlantJob {
        assignedTo = assignedTo == null ? List.of() : List.copyOf(assignedTo);
    }
}
