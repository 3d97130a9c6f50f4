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
 * The folder tree of what sync brought, under one {@link #ALL} node: folders by their parent, and in
 * each folder its subfolders (by name) before its components (by name). Components in a folder that was
 * not synced, and folders whose parent was not synced, hang under {@link #ALL} directly so that nothing
 * synced is hidden.
 */
final class ComponentTree {

    /** The node above everything: choosing it shows all jobs (and it is what a tree selects on focus). */
    static final Object ALL = new Object() {
        @Override
        public String toString() {
            return "All components";
        }
    };

    static final ComponentTree EMPTY = new ComponentTree(SyncedData.NONE);

    private final List<Object> topLevel = new ArrayList<>();
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
            topLevel.add(element);
            parents.put(element, ALL);
        } else {
            children.computeIfAbsent(parent.id(), id -> new ArrayList<>()).add(element);
            parents.put(element, parent);
        }
    }

    Object[] roots() {
        return new Object[] { ALL };
    }

    Object[] children(Object element) {
        if (element == ALL) {
            return topLevel.toArray();
        }
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
