package org.airgap.server.core;

import java.util.List;
import java.util.Optional;

import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.protocol.AdminImport;
import org.airgap.protocol.ImportSummary;
import org.airgap.protocol.PlantComponent;
import org.airgap.protocol.PlantDeletion;
import org.airgap.protocol.PlantJob;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The plant's folders, components and jobs as the administrator changes them on the running server
 * (docs/administration.md, "The plant"). Every change is one transaction that also records it in the
 * server's audit trail under {@code user}, the acting administrator. Nothing is lost by a slip: a
 * component with versions or runs, and a job with runs, are archived by a delete (hidden from syncs, job
 * lists and technicians, restorable); only {@link #purgeComponent} removes an archived component's rows.
 *
 * @since 0.2
 */
@ProviderType
public interface Plant {

    List<Folder> folders();

    Optional<Folder> folder(String id);

    /** The components, archived ones too when {@code withArchived}, by id. */
    List<PlantComponent> components(boolean withArchived);

    /** The component, archived or not. */
    Optional<PlantComponent> component(String id);

    /** The jobs, archived ones (or of archived components) too when {@code withArchived}, by id. */
    List<PlantJob> jobs(boolean withArchived);

    Optional<PlantJob> job(String id);

    /** @throws ServerException CONFLICT for an existing id, BAD_REQUEST for an unknown parent */
    Folder createFolder(String user, Folder folder) throws ServerException;

    /** Renames the folder (its parent changes only by {@link #moveFolder}). */
    Folder changeFolder(String user, Folder folder) throws ServerException;

    /** @param parentId {@code null} for a top-level folder; BAD_REQUEST for the folder or one inside it */
    Folder moveFolder(String user, String id, String parentId) throws ServerException;

    /** @throws ServerException CONFLICT naming what the folder still holds */
    PlantDeletion deleteFolder(String user, String id) throws ServerException;

    Component createComponent(String user, Component component) throws ServerException;

    /** Changes name, device type and connection (its folder changes only by {@link #moveComponent}). */
    Component changeComponent(String user, Component component) throws ServerException;

    Component moveComponent(String user, String id, String folderId) throws ServerException;

    /** Removes a component nothing refers to; archives one with jobs, runs or versions. */
    PlantDeletion deleteComponent(String user, String id) throws ServerException;

    /**
     * Removes an archived component with its jobs, their assignments, its runs and versions (their
     * blobs are reclaimed by gc later).
     *
     * @throws ServerException CONFLICT when the component is not archived: delete it first
     */
    PlantDeletion purgeComponent(String user, String id) throws ServerException;

    Component restoreComponent(String user, String id) throws ServerException;

    /** @throws ServerException BAD_REQUEST for an unknown component, CONFLICT for an archived one */
    Job createJob(String user, Job job) throws ServerException;

    /** Changes name, parameters and options (a job stays with its component). */
    Job changeJob(String user, Job job) throws ServerException;

    /** Removes a job without runs with its assignments; archives one with runs (they stay readable). */
    PlantDeletion deleteJob(String user, String id) throws ServerException;

    Job restoreJob(String user, String id) throws ServerException;

    /**
     * Creates or updates what {@code definitions} define (an archived item they define is restored); with
     * {@code prune} also removes the assignments, jobs, components and folders they do not define
     * (archiving those with runs or versions); with {@code dryRun} changes nothing and reports what it
     * would do.
     */
    ImportSummary importDefinitions(String user, AdminImport definitions, boolean prune, boolean dryRun)
            throws ServerException;
}
