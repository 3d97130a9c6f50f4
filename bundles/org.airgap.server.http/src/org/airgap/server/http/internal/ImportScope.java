package org.airgap.server.http.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.protocol.AdminImport;
import org.airgap.protocol.Assignment;
import org.airgap.server.core.AdminScope;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.airgap.server.core.ServerRepository.Definitions;

/**
 * Whether a folder-scoped administrator's import stays inside their folders: every folder, component, job
 * and assignment it names must be in the scope, where it is stored now and where the import puts it. A
 * new folder is inside when its parent is (so a plant's administrator may add sub-folders); a new
 * top-level folder needs the whole plant.
 */
final class ImportScope {

    private final AdminScope scope;
    private final Map<String, Folder> storedFolders = new HashMap<>();
    private final Map<String, Component> storedComponents = new HashMap<>();
    private final Map<String, Job> storedJobs = new HashMap<>();
    private final Map<String, Folder> importedFolders = new HashMap<>();
    private final Map<String, Component> importedComponents = new HashMap<>();
    private final Map<String, Job> importedJobs = new HashMap<>();

    private ImportScope(AdminScope scope, Definitions stored, AdminImport definitions) {
        this.scope = scope;
        stored.folders().forEach(folder -> storedFolders.put(folder.id(), folder));
        stored.components().forEach(component -> storedComponents.put(component.id(), component));
        stored.jobs().forEach(job -> storedJobs.put(job.id(), job));
        nonNull(definitions.folders()).forEach(folder -> importedFolders.put(folder.id(), folder));
        nonNull(definitions.components()).forEach(component -> importedComponents.put(component.id(), component));
        nonNull(definitions.jobs()).forEach(job -> importedJobs.put(job.id(), job));
    }

    /**
     * @param stored everything on the server (an administrator's definitions)
     * @throws ServerException FORBIDDEN naming the first item outside the scope
     */
    static void check(AdminScope scope, Definitions stored, AdminImport definitions) throws ServerException {
        if (scope.everything()) {
            return;
        }
        ImportScope check = new ImportScope(scope, stored, definitions);
        for (Folder folder : nonNull(definitions.folders())) {
            check.folder(folder);
        }
        for (Component component : nonNull(definitions.components())) {
            check.requirePlace(component.folderId(), "component " + component.id());
            Component before = check.storedComponents.get(component.id());
            if (before != null) {
                check.require(before.folderId(), "component " + component.id());
            }
        }
        for (Job job : nonNull(definitions.jobs())) {
            check.require(check.folderOfComponent(job.componentId()), "job " + job.id());
            Job before = check.storedJobs.get(job.id());
            if (before != null) {
                check.require(check.folderOfComponent(before.componentId()), "job " + job.id());
            }
        }
        for (Assignment assignment : nonNull(definitions.assignments())) {
            Job job = check.importedJobs.getOrDefault(assignment.jobId(), check.storedJobs.get(assignment.jobId()));
            check.require(job == null ? null : check.folderOfComponent(job.componentId()), "the assignment of job "
                    + assignment.jobId());
        }
    }

    /** The items that are there: a null item is refused by the import's own checks, with their message. */
    private static <T> List<T> nonNull(List<T> items) {
        return items.stream().filter(Objects::nonNull).toList();
    }

    private void folder(Folder folder) throws ServerException {
        Folder before = storedFolders.get(folder.id());
        if (before != null) {
            require(folder.id(), "folder " + folder.id());
            // Staying where it is needs nothing more (a scope's top folder has its parent outside); a move
            // needs the new parent covered.
            if (!Objects.equals(before.parentId(), folder.parentId())) {
                requirePlace(folder.parentId(), "folder " + folder.id());
            }
        } else {
            requirePlace(folder.parentId(), "new folder " + folder.id());
        }
    }

    private String folderOfComponent(String componentId) {
        Component component = importedComponents.getOrDefault(componentId, storedComponents.get(componentId));
        return component == null ? null : component.folderId();
    }

    /** Whether the folder is covered: in the scope, or new in this import under a covered folder. */
    private boolean covered(String folderId, int depth) {
        if (folderId == null || depth > importedFolders.size()) {
            return false;
        }
        if (scope.covers(folderId)) {
            return true;
        }
        Folder imported = importedFolders.get(folderId);
        return imported != null && !storedFolders.containsKey(folderId) && covered(imported.parentId(), depth + 1);
    }

    /** Where the import puts something: the refusal names that place, which the import itself names. */
    private void requirePlace(String folderId, String what) throws ServerException {
        if (!covered(folderId, 0)) {
            throw refusal(what + " of the import is " + (folderId == null ? "at the top of the plant"
                    : "in folder " + folderId) + ", outside the folders you administer");
        }
    }

    /**
     * Where something stored is, or what the import refers to (a job's component, an assignment's job): the
     * refusal does not say where, nor whether it exists, which a scoped administrator may not know.
     */
    private void require(String folderId, String what) throws ServerException {
        if (!covered(folderId, 0)) {
            throw refusal(what + " of the import is outside the folders you administer");
        }
    }

    private static ServerException refusal(String message) {
        return new ServerException(Kind.FORBIDDEN, message + ": ask an administrator of the whole plant");
    }
}
