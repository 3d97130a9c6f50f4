package org.airgap.model;

import java.util.Map;

/**
 * A backup job: which component to read, with which driver parameters and options.
 *
 * @param id          stable id assigned by the server
 * @param componentId the component backed up
 * @param name        shown to users
 * @param parameters  parameters for the driver beyond the component's connection (which program blocks,
 *                    which folders), sorted by name
 * @param options     how the job runs
 */
public record Job(String id, String componentId, String name, Map<String, String> parameters, JobOptions options) {

    public Job {
        Check.text(id, "Job.id");
        Check.text(componentId, "Job.componentId");
        Check.text(name, "Job.name");
        parameters = Check.parameters(parameters, "Job.parameters");
        Check.present(options, "Job.options");
    }
}
