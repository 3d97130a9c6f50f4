package org.airgap.protocol;

import java.util.List;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;

/** The declarative definition of the component tree, jobs and assignments (airgap-server import FILE.json, POST /api/admin/import). Importing the same file twice changes nothing. */
public record AdminImport(List<Folder> folders, List<Component> components, List<Job> jobs, List<Assignment> assignments) {

    public AdminImport {
        folders = folders == null ? List.of() : List.copyOf(folders);
        components = components == null ? List.of() : List.copyOf(components);
        jobs = jobs == null ? List.of() : List.copyOf(jobs);
        assignments = assignments == null ? List.of() : List.copyOf(assignments);
    }
}
