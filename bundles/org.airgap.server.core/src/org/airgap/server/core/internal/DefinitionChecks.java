package org.airgap.server.core.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.protocol.AdminImport;
import org.airgap.protocol.Assignment;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;

/**
 * The rules that keep the definitions a tree with valid references, without a database: every
 * folder's parent chain ends (no cycle, no unknown parent), every component is in a known folder, every
 * job backs up a known component, every assignment names a known job and user. {@link #plan} checks an
 * import against what is stored and orders its writes; the single checks serve changes of one item.
 */
final class DefinitionChecks {

    /** What is stored already, as far as the checks need it. */
    record Stored(Map<String, Folder> folders, Set<String> componentIds, Set<String> jobIds, Set<String> userNames) {
    }

    /** A checked import: folders parents first, each item once, assignments without repeats. */
    record ImportPlan(List<Folder> folders, List<Component> components, List<Job> jobs,
            List<Assignment> assignments) {
    }

    private DefinitionChecks() {
    }

    /**
     * Checks {@code definitions} as if they were stored on top of {@code stored}.
     *
     * @throws ServerException BAD_REQUEST naming the first item that is empty, defined twice, or refers to
     *                         something unknown
     */
    static ImportPlan plan(AdminImport definitions, Stored stored) throws ServerException {
        Map<String, Folder> folders = byId(definitions.folders(), Folder::id, "folder");
        Map<String, Component> components = byId(definitions.components(), Component::id, "component");
        Map<String, Job> jobs = byId(definitions.jobs(), Job::id, "job");
        Map<String, Folder> allFolders = new HashMap<>(stored.folders());
        allFolders.putAll(folders);
        Set<String> componentIds = new HashSet<>(stored.componentIds());
        componentIds.addAll(components.keySet());
        Set<String> jobIds = new HashSet<>(stored.jobIds());
        jobIds.addAll(jobs.keySet());
        for (Folder folder : folders.values()) {
            checkFolderChain(folder, allFolders);
        }
        for (Component component : components.values()) {
            checkComponent(component, allFolders.keySet());
        }
        for (Job job : jobs.values()) {
            checkJob(job, componentIds);
        }
        for (Assignment assignment : definitions.assignments()) {
            checkAssignment(assignment, jobIds, stored.userNames());
        }
        return new ImportPlan(parentsFirst(folders.values(), allFolders), List.copyOf(components.values()),
                List.copyOf(jobs.values()), List.copyOf(new LinkedHashSet<>(definitions.assignments())));
    }

    /** The folder's parents, up to a root, are all known and the folder is not among them. */
    static void checkFolderChain(Folder folder, Map<String, Folder> allFolders) throws ServerException {
        Set<String> seen = new HashSet<>();
        Folder current = folder;
        while (current.parentId() != null) {
            if (!seen.add(current.id())) {
                throw new ServerException(Kind.BAD_REQUEST, "folder '" + folder.id()
                        + "' is inside itself: its parent folders form a cycle through '" + current.id() + "'");
            }
            Folder parent = allFolders.get(current.parentId());
            if (parent == null) {
                throw new ServerException(Kind.BAD_REQUEST, "folder '" + current.id() + "' is in folder '"
                        + current.parentId() + "', which is not defined");
            }
            current = parent;
        }
    }

    static void checkComponent(Component component, Set<String> folderIds) throws ServerException {
        if (!folderIds.contains(component.folderId())) {
            throw new ServerException(Kind.BAD_REQUEST, "component '" + component.id() + "' is in folder '"
                    + component.folderId() + "', which is not defined");
        }
    }

    static void checkJob(Job job, Set<String> componentIds) throws ServerException {
        if (!componentIds.contains(job.componentId())) {
            throw new ServerException(Kind.BAD_REQUEST, "job '" + job.id() + "' backs up component '"
                    + job.componentId() + "', which is not defined");
        }
    }

    static void checkAssignment(Assignment assignment, Set<String> jobIds, Set<String> userNames)
            throws ServerException {
        if (assignment == null || assignment.jobId() == null || assignment.user() == null) {
            throw new ServerException(Kind.BAD_REQUEST, "an assignment needs a jobId and a user: " + assignment);
        }
        if (!jobIds.contains(assignment.jobId())) {
            throw new ServerException(Kind.BAD_REQUEST, "the assignment of job '" + assignment.jobId() + "' to "
                    + assignment.user() + " names a job that is not defined");
        }
        if (!userNames.contains(assignment.user())) {
            throw new ServerException(Kind.BAD_REQUEST, "the assignment of job '" + assignment.jobId() + "' to "
                    + assignment.user() + " names an unknown user: add it first with airgap-server user add "
                    + assignment.user() + " --role technician");
        }
    }

    /** The items by id, in their order; an empty item or an id twice is refused. */
    static <T> Map<String, T> byId(List<T> items, Function<T, String> id, String kind) throws ServerException {
        Map<String, T> byId = new LinkedHashMap<>();
        for (T item : items) {
            if (item == null) {
                throw new ServerException(Kind.BAD_REQUEST, "the import has an empty " + kind);
            }
            if (byId.put(id.apply(item), item) != null) {
                throw new ServerException(Kind.BAD_REQUEST, "the import defines " + kind + " '" + id.apply(item)
                        + "' twice");
            }
        }
        return byId;
    }

    /**
     * The folders sorted so that each comes after its parent, as the parent key requires. Call after
     * {@link #checkFolderChain} passed for each: their chains end.
     */
    static List<Folder> parentsFirst(Iterable<Folder> folders, Map<String, Folder> allFolders) {
        TreeMap<Integer, List<Folder>> byDepth = new TreeMap<>();
        for (Folder folder : folders) {
            int depth = 0;
            for (Folder current = folder; current.parentId() != null; current = allFolders.get(current.parentId())) {
                depth++;
            }
            byDepth.computeIfAbsent(depth, d -> new ArrayList<>()).add(folder);
        }
        List<Folder> sorted = new ArrayList<>();
        byDepth.values().forEach(sorted::addAll);
        return sorted;
    }
}
