package org.airgap.client.admin.internal;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.List;

import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.protocol.Api;
import org.airgap.protocol.PlantComponent;
import org.airgap.protocol.PlantDeletion;
import org.airgap.protocol.PlantJob;
import org.airgap.protocol.PlantMove;
import org.airgap.protocol.ProtocolJson;
import org.airgap.session.ClientSession;
import org.airgap.session.http.ServerClient;
import org.eclipse.core.runtime.IProgressMonitor;

/**
 * The Plant view's calls: {@code /api/admin/folders}, {@code /components} and {@code /jobs} (list, create,
 * change, move, delete or archive, restore, purge), each through {@link CancellableCalls}. PUT and DELETE are
 * written here because the session's client has helpers only for GET and POST.
 */
final class PlantRequests {

    private final CancellableCalls calls;

    PlantRequests(CancellableCalls calls) {
        this.calls = calls;
    }

    List<Folder> folders(ClientSession session, IProgressMonitor monitor) throws IOException {
        return calls.call(session, monitor, "Reading the folders from the server",
                client -> client.getJsonList(Api.ADMIN_FOLDERS, Folder.class));
    }

    List<PlantComponent> components(ClientSession session, boolean archived, IProgressMonitor monitor)
            throws IOException {
        String path = Api.ADMIN_COMPONENTS + (archived ? "?archived=true" : "");
        return calls.call(session, monitor, "Reading the components from the server",
                client -> client.getJsonList(path, PlantComponent.class));
    }

    List<PlantJob> jobs(ClientSession session, boolean archived, IProgressMonitor monitor) throws IOException {
        String path = Api.ADMIN_JOBS + (archived ? "?archived=true" : "");
        return calls.call(session, monitor, "Reading the jobs from the server",
                client -> client.getJsonList(path, PlantJob.class));
    }

    <T> T create(ClientSession session, String base, Object item, Class<T> type, String what,
            IProgressMonitor monitor) throws IOException {
        return calls.call(session, monitor, "Creating " + what, client -> client.postJson(base, item, type));
    }

    <T> T change(ClientSession session, String base, String id, Object item, Class<T> type, String what,
            IProgressMonitor monitor) throws IOException {
        String path = item(base, id);
        return calls.call(session, monitor, "Changing " + what, client -> client.json(client.send(
                client.request(path).header("Content-Type", Api.JSON)
                        .PUT(BodyPublishers.ofString(ProtocolJson.write(item))).build(),
                BodyHandlers.ofString()), type));
    }

    <T> T move(ClientSession session, String base, String id, String to, Class<T> type, String what,
            IProgressMonitor monitor) throws IOException {
        String path = item(base, id) + Api.MOVE_SUFFIX;
        return calls.call(session, monitor, "Moving " + what,
                client -> client.postJson(path, new PlantMove(to), type));
    }

    <T> T restore(ClientSession session, String base, String id, Class<T> type, String what,
            IProgressMonitor monitor) throws IOException {
        String path = item(base, id) + Api.RESTORE_SUFFIX;
        return calls.call(session, monitor, "Restoring " + what, client -> client.postJson(path, null, type));
    }

    PlantDeletion delete(ClientSession session, String base, String id, boolean purge, String what,
            IProgressMonitor monitor) throws IOException {
        String path = item(base, id) + (purge ? "?purge=true" : "");
        return calls.call(session, monitor, (purge ? "Purging " : "Deleting ") + what, client -> deletion(client,
                client.request(path).DELETE().build()));
    }

    private static PlantDeletion deletion(ServerClient client, HttpRequest request) throws IOException {
        return client.json(client.send(request, BodyHandlers.ofString()), PlantDeletion.class);
    }

    /** {@code base/<id>}, the id checked and escaped as one path segment. */
    private static String item(String base, String id) {
        return base + "/" + AdministrationServiceComponent.segment(id, "plant id");
    }
}
