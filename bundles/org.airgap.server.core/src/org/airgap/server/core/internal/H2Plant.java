package org.airgap.server.core.internal;

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
import org.airgap.server.core.Plant;
import org.airgap.server.core.ServerException;

/**
 * {@link Plant} over the repository's database: reads here, changes in {@link PlantFolders},
 * {@link PlantComponents}, {@link PlantJobs} and {@link PlantImport}.
 */
final class H2Plant implements Plant {

    private final Jdbc jdbc;
    private final PlantFolders folders;
    private final PlantComponents components;
    private final PlantJobs jobs;

    H2Plant(Jdbc jdbc) {
        this.jdbc = jdbc;
        this.folders = new PlantFolders(jdbc);
        this.components = new PlantComponents(jdbc);
        this.jobs = new PlantJobs(jdbc);
    }

    @Override
    public List<Folder> folders() {
        return jdbc.read(PlantRows::folders);
    }

    @Override
    public Optional<Folder> folder(String id) {
        return jdbc.read(connection -> PlantRows.folder(connection, id));
    }

    @Override
    public List<PlantComponent> components(boolean withArchived) {
        return jdbc.read(connection -> PlantRows.components(connection, withArchived));
    }

    @Override
    public Optional<PlantComponent> component(String id) {
        return jdbc.read(connection -> PlantRows.component(connection, id));
    }

    @Override
    public List<PlantJob> jobs(boolean withArchived) {
        return jdbc.read(connection -> PlantRows.jobs(connection, withArchived));
    }

    @Override
    public Optional<PlantJob> job(String id) {
        return jdbc.read(connection -> PlantRows.job(connection, id));
    }

    @Override
    public Folder createFolder(String user, Folder folder) throws ServerException {
        return folders.create(user, folder);
    }

    @Override
    public Folder changeFolder(String user, Folder folder) throws ServerException {
        return folders.rename(user, folder);
    }

    @Override
    public Folder moveFolder(String user, String id, String parentId) throws ServerException {
        return folders.move(user, id, parentId);
    }

    @Override
    public PlantDeletion deleteFolder(String user, String id) throws ServerException {
        return folders.delete(user, id);
    }

    @Override
    public Component createComponent(String user, Component component) throws ServerException {
        return components.create(user, component);
    }

    @Override
    public Component changeComponent(String user, Component component) throws ServerException {
        return components.change(user, component);
    }

    @Override
    public Component moveComponent(String user, String id, String folderId) throws ServerException {
        return components.move(user, id, folderId);
    }

    @Override
    public PlantDeletion deleteComponent(String user, String id) throws ServerException {
        return components.delete(user, id);
    }

    @Override
    public PlantDeletion purgeComponent(String user, String id) throws ServerException {
        return components.purge(user, id);
    }

    @Override
    public Component restoreComponent(String user, String id) throws ServerException {
        return components.restore(user, id);
    }

    @Override
    public Job createJob(String user, Job job) throws ServerException {
        return jobs.create(user, job);
    }

    @Override
    public Job changeJob(String user, Job job) throws ServerException {
        return jobs.change(user, job);
    }

    @Override
    public PlantDeletion deleteJob(String user, String id) throws ServerException {
        return jobs.delete(user, id);
    }

    @Override
    public Job restoreJob(String user, String id) throws ServerException {
        return jobs.restore(user, id);
    }

    @Override
    public ImportSummary importDefinitions(String user, AdminImport definitions, boolean prune, boolean dryRun)
            throws ServerException {
        return PlantImport.run(jdbc, user, definitions, prune, dryRun);
    }
}
