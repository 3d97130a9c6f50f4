package org.airgap.protocol;

import java.util.List;

/**
 * POST /api/admin/assignments (assign) and /api/admin/assignments/remove (unassign): technicians
 * {@code users} to or from job {@code jobId}. The answer is the job's assignments afterwards.
 */
public record AssignmentChange(String jobId, List<String> users) {

    public AssignmentChange {
        users = users == null ? List.of() : List.copyOf(users);
    }
}
