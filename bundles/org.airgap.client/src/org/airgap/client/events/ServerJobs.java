package org.airgap.client.events;

import java.util.List;

/**
 * The jobs the server lists for the logged-in technician (GET /api/jobs), whether synced to this laptop
 * or not; asked after each online login. The Jobs view shows those not synced yet greyed and not
 * runnable, so that the technician sees what a sync would bring.
 *
 * @param user the technician they were listed for
 * @param jobs the jobs, in the server's order
 */
public record ServerJobs(String user, List<Entry> jobs) {

    public ServerJobs {
        jobs = List.copyOf(jobs);
    }

    /** One job on the server, with its component as the server names it. */
    public record Entry(String id, String name, String componentId, String componentName, String deviceType) {
    }
}
