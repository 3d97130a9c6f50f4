package org.airgap.workspace;

import java.util.List;

import org.airgap.model.Baseline;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;

/**
 * What the last sync brought from the server: read-only for the technician, replaced as a whole by the
 * next sync.
 */
public record SyncedData(List<Folder> folders, List<Component> components, List<Job> jobs, List<Baseline> baselines) {

    public static final SyncedData NONE = new SyncedData(List.of(), List.of(), List.of(), List.of());

    public SyncedData {
        folders = List.copyOf(folders);
        components = List.copyOf(components);
        jobs = List.copyOf(jobs);
        baselines = List.copyOf(baselines);
    }
}
