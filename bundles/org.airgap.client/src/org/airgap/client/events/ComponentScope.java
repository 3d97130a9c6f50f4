package org.airgap.client.events;

import java.util.Set;

/**
 * The part of the component tree the technician chose: views showing jobs show only those of these
 * components.
 *
 * @param label        what was chosen, e.g. "Press line 1", shown to say why the list is shorter
 * @param componentIds the components in it (a folder's, with its subfolders'); empty with a {@code null}
 *                     label for "all components"
 */
public record ComponentScope(String label, Set<String> componentIds) {

    /** No restriction. */
    public static final ComponentScope ALL = new ComponentScope(null, Set.of());

    public ComponentScope {
        componentIds = Set.copyOf(componentIds);
    }

    public boolean isAll() {
        return label == null;
    }
}
