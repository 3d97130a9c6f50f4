package org.airgap.client.components.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.workspace.SyncedData;

/**
 * The folder tree of what sync brought: folders by their parent, and in each folder its subfolders
 * (by name) before its components (by name). Components in a folder that was not synced, and folders
 * whose parent was not synced, are shown at the top so that nothing synced is hidden.
 */
final class ComponentTree {

    static final ComponentTree EMPTY = new ComponentTree(SyncedData.NONE);

    private final List<Object> roots = new ArrayList<>();
    private final Map<String, List<Object>> children = new HashMap<>();
    private final Map<Object, Object> parents = new HashMap<>();
    private final Map<String, Component> components = new HashMap<>();
    private final int componentCount;

    ComponentTree(SyncedData synced) {
        Map<String, Folder> folders = new HashMap<>();
        synced.folders().forEach(folder -> folders.put(folder.id(), folder));
        List<Folder> sortedFolders = synced.folders().stream()
                .sorted(Comparator.comparing(Folder::name, String.CASE_INSENSITIVE_ORDER)).toList();
        for (Folder folder : sortedFolders) {
            Folder parent = folder.parentId() == null ? null : folders.get(folder.parentId());
            add(parent, folder);
        }
        synced.components().stream().sorted(Comparator.comparing(Component::name, String.CASE_INSENSITIVE_ORDER))
                .forEach(component -> {
                    components.put(component.id(), component);
                    add(folders.get(component.folderId()), component);
                });
        componentCount = synced.components().size();
    }

    private void add(Folder parent, Object element) {
        if (parent == null) {
            roots.add(element);
        } else {
            children.computeIfAbsent(parent.id(), id -> new ArrayList<>()).add(element);
            parents.put(element, parent);
        }
    }

    Object[] roots() {
        return roots.toArray();
    }

    Object[] children(Object element) {
        return element instanceof Folder folder ? children.getOrDefault(folder.id(), List.of()).toArray()
                : new Object[0];
    }

    Object parent(Object element) {
        return parents.get(element);
    }

    Component component(String id) {
        return components.get(id);
    }

    int componentCount() {
        return componentCount;
    }

    /** The components in a folder and its subfolders, or the component itself. */
    Set<String> componentIds(Object element) {
        Set<String> ids = new LinkedHashSet<>();
        collect(element, ids);
        return ids;
    }

    private void collect(Object element, Set<String> ids) {
        if (element instanceof Component component) {
            ids.add(component.id());
        }
        for (Object child : children(element)) {
            collect(child, ids);
        }
    }
}
