package org.airgap.client.admin.plant.internal;

import org.airgap.client.admin.perspective.ServerCalls;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.protocol.PlantDeletion;

/**
 * The Plant view's changes on the server, each one call in {@link ServerCalls}: its answer in words in the status
 * line ("Renamed folder hall-7 to "Hall 7".", the server's own sentence for a delete), then the plant read again
 * with the changed row selected; a refusal stays in the status line in the server's words.
 */
final class PlantChanges {

    private final PlantPart part;
    private final ServerCalls work;

    PlantChanges(PlantPart part, ServerCalls work) {
        this.part = part;
        this.work = work;
    }

    <T> void create(String subject, PlantNode.Kind kind, String id, ServerCalls.Call<T> call) {
        work.run("Creating " + subject, call, created -> reloadSelecting("Created " + subject + ".", kind, id));
    }

    <T> void change(PlantNode node, ServerCalls.Call<T> call) {
        work.run("Changing " + node.subject(), call,
                changed -> reloadSelecting("Changed " + node.subject() + ".", node.kind(), node.id()));
    }

    void rename(PlantNode node, String name) {
        String done = "Renamed " + node.subject() + " to \"" + name + "\".";
        work.run("Renaming " + node.subject(), (service, session, monitor) -> switch (node.kind()) {
            case FOLDER -> {
                Folder folder = node.folder();
                yield service.changeFolder(session, new Folder(folder.id(), name, folder.parentId()), monitor);
            }
            case COMPONENT -> {
                Component component = node.component().component();
                yield service.changeComponent(session, new Component(component.id(), name, component.folderId(),
                        component.deviceType(), component.connection()), monitor);
            }
            case JOB -> {
                Job job = node.job().job();
                yield service.changeJob(session, new Job(job.id(), job.componentId(), name, job.parameters(),
                        job.options()), monitor);
            }
        }, renamed -> reloadSelecting(done, node.kind(), node.id()));
    }

    /** Moves a folder or component into {@code folder} ({@code null}: a folder to the top level). */
    void move(PlantNode node, PlantNode folder) {
        if (node.kind() == PlantNode.Kind.JOB) {
            work.show("A job stays with its component: create a new job for another component.", true);
            return;
        }
        String to = folder == null ? null : folder.id();
        String where = to == null ? "the top level" : "folder " + to;
        work.run("Moving " + node.subject() + " to " + where, (service, session, monitor) ->
                node.kind() == PlantNode.Kind.FOLDER ? service.moveFolder(session, node.id(), to, monitor)
                        : service.moveComponent(session, node.id(), to, monitor),
                moved -> reloadSelecting("Moved " + node.subject() + " to " + where + ".", node.kind(), node.id()));
    }

    void delete(PlantNode node) {
        work.run("Deleting " + node.subject(), (service, session, monitor) -> switch (node.kind()) {
            case FOLDER -> service.deleteFolder(session, node.id(), monitor);
            case COMPONENT -> service.deleteComponent(session, node.id(), monitor);
            case JOB -> service.deleteJob(session, node.id(), monitor);
        }, deletion -> reloadSelecting(sentence(deletion), node.kind(), node.id()));
    }

    void restore(PlantNode node) {
        work.run("Restoring " + node.subject(), (service, session, monitor) -> node.kind() == PlantNode.Kind.JOB
                ? service.restoreJob(session, node.id(), monitor)
                : service.restoreComponent(session, node.id(), monitor),
                restored -> reloadSelecting("Restored " + node.subject() + ".", node.kind(), node.id()));
    }

    void purge(PlantNode node) {
        work.run("Purging " + node.subject(), (service, session, monitor) -> service.purgeComponent(session,
                node.id(), monitor), deletion -> part.reload(sentence(deletion)));
    }

    /** The server's own words for what a delete did ("component plc-7 archived with its …"), as a sentence. */
    private static String sentence(PlantDeletion deletion) {
        return PlantActions.capitalized(deletion.message()) + ".";
    }

    private void reloadSelecting(String done, PlantNode.Kind kind, String id) {
        part.reload(done, kind, id);
    }
}
