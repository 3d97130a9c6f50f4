package org.airgap.runner.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.airgap.driver.api.DeviceDriver;
import org.airgap.driver.api.ParameterProblem;
import org.airgap.model.Component;
import org.airgap.model.Job;
import org.airgap.workspace.SyncedData;

/**
 * What a synced job needs before it can touch its device, resolved as a run does it: its component, the
 * driver of the component's device type, and the driver parameters — the component's connection with the
 * job's own parameters over it — checked by the driver. The runner, the pre-flight check and the
 * connection test all start here, so that they agree on whether a job can run and why not.
 *
 * @param job        the job
 * @param component  its component; {@code null} when it was not synced
 * @param driver     the driver of the component's device type; {@code null} when none is installed
 * @param parameters the driver parameters (empty without a component)
 * @param problems   why the job cannot run here, each a sentence for the technician; empty when it can
 */
record JobSetup(Job job, Component component, DeviceDriver driver, Map<String, String> parameters,
        List<String> problems) {

    JobSetup {
        parameters = Map.copyOf(parameters);
        problems = List.copyOf(problems);
    }

    /** @param drivers the installed driver of a device type, {@code null} when there is none */
    static JobSetup of(Job job, SyncedData synced, Function<String, DeviceDriver> drivers) {
        Component component = synced.components().stream().filter(c -> c.id().equals(job.componentId())).findFirst()
                .orElse(null);
        return of(job, component, drivers);
    }

    /**
     * @param component the job's component, {@code null} when it was not synced
     * @param drivers   the installed driver of a device type, {@code null} when there is none
     */
    static JobSetup of(Job job, Component component, Function<String, DeviceDriver> drivers) {
        if (component == null) {
            return new JobSetup(job, null, null, Map.of(),
                    List.of("Component " + job.componentId() + " of this job was not synced: sync again."));
        }
        // The component describes how to reach the device; the job may add or override parameters.
        Map<String, String> parameters = new HashMap<>(component.connection());
        parameters.putAll(job.parameters());
        DeviceDriver driver = drivers.apply(component.deviceType());
        if (driver == null) {
            return new JobSetup(job, component, null, parameters, List.of("No driver for device type '"
                    + component.deviceType() + "' is installed. Install its feature (Help > Check for Updates, or "
                    + "airgap install); Installed plugins lists the drivers."));
        }
        List<String> problems = new ArrayList<>();
        for (ParameterProblem problem : driver.validate(parameters)) {
            problems.add("Parameter " + problem.message());
        }
        return new JobSetup(job, component, driver, parameters, problems);
    }

    boolean runnable() {
        return problems.isEmpty();
    }
}
