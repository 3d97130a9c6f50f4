package org.airgap.protocol;

import java.util.List;

/** GET /api/jobs: a job on the server (for a technician only those assigned to them). */
public record JobSummary(String id, String name, String componentId, String componentName, String deviceType, List<String> assignedTo) {

    public JobSummary {
        assignedTo = assignedTo == null ? List.of() : List.copyOf(assignedTo);
    }
}
