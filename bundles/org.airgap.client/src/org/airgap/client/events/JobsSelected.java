package org.airgap.client.events;

import java.util.List;
import java.util.Set;

/** The jobs selected in the Jobs view and the components they back up. */
public record JobsSelected(List<String> jobIds, Set<String> componentIds) {

    public JobsSelected {
        jobIds = List.copyOf(jobIds);
        componentIds = Set.copyOf(componentIds);
    }
}
