package org.airgap.server.http.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.server.core.AdminScope;
import org.airgap.server.core.ServerRepository.Definitions;

/**
 * A folder-scoped administrator's part of an administrator's definitions, for what they sync and list: the
 * components in their folders and those components' jobs, and their folders with the folders above them
 * (as a technician gets the folders above their components), so that the laptop can show the tree.
 */
final class ScopedDefinitions {

    private ScopedDefinitions() {
    }

    /** @param all everything on the server (an administrator's definitions) */
    static Definitions within(AdminScope scope, Definitions all) {
        if (scope.everything()) {
            return all;
        }
        List<Component> components = all.components().stream().filter(c -> scope.covers(c.folderId())).toList();
        Set<String> componentIds = components.stream().map(Component::id).collect(Collectors.toSet());
        List<Job> jobs = all.jobs().stream().filter(j -> componentIds.contains(j.componentId())).toList();
        Map<String, Folder> byId = new HashMap<>();
        all.folders().forEach(folder -> byId.put(folder.id(), folder));
        Map<String, Folder> folders = new TreeMap<>();
        for (Folder folder : all.folders()) {
            if (scope.covers(folder.id())) {
                addWithParents(folder, byId, folders);
            }
        }
        return new Definitions(List.copyOf(folders.values()), components, jobs);
    }

    private static void addWithParents(Folder folder, Map<String, Folder> byId, Map<String, Folder> added) {
        Folder current = folder;
        // Stops at a folder added already, so that even a damaged tree with a cycle ends.
        while (current != null && added.putIfAbsent(current.id(), current) == null) {
            current = current.parentId() == null ? null : byId.get(current.parentId());
        }
    }
}
