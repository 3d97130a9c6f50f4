package org.airgap.runner.check;

import java.util.List;

/**
 * Whether one synced job can run on this laptop.
 *
 * @param jobId      the job
 * @param jobName    its name
 * @param component  its component's name, or its id when the component was not synced
 * @param deviceType the component's device type (the driver id); empty when not known
 * @param problems   why it cannot run (driver missing, a parameter invalid, component not synced); empty
 *                   when it can
 * @param addresses  the device's host names and addresses found in its parameters
 */
public record JobReadiness(String jobId, String jobName, String component, String deviceType, List<String> problems,
        List<String> addresses) {

    public JobReadiness {
        problems = List.copyOf(problems);
        addresses = List.copyOf(addresses);
    }

    public boolean canRun() {
        return problems.isEmpty();
    }
}
