package org.airgap.runner.check;

import java.util.List;

/**
 * The pre-flight check of the synced jobs.
 *
 * @param jobs     every synced job, in the order of the sync
 * @param networks the networks the laptop's network card will need, with the device addresses in each
 */
public record Preflight(List<JobReadiness> jobs, List<DeviceNetwork> networks) {

    public Preflight {
        jobs = List.copyOf(jobs);
        networks = List.copyOf(networks);
    }

    /** The jobs that cannot run here. */
    public List<JobReadiness> blocked() {
        return jobs.stream().filter(job -> !job.canRun()).toList();
    }
}
