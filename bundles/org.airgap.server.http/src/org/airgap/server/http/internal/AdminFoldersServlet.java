package org.airgap.server.http.internal;

import java.io.IOException;

import javax.servlet.Servlet;

import org.airgap.model.Folder;
import org.airgap.protocol.Api;
import org.airgap.protocol.PlantMove;
import org.airgap.server.core.ServerException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /api/admin/folders} (administrators, within their folders): GET lists the folders or shows
 * {@code /<id>}; POST creates one; PUT {@code /<id>} renames it; POST {@code /<id>/move} moves it under
 * another folder or to the top level; DELETE {@code /<id>} deletes an empty one.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({ Api.ADMIN_FOLDERS, Api.ADMIN_FOLDERS + "/*" })
public class AdminFoldersServlet extends JsonEndpoint {

    private static final long serialVersionUID = 1L;

    @Activate
    public AdminFoldersServlet(@Reference ApiServices services) {
        super(services);
    }

    @Override
    void get(Exchange exchange) throws ServerException, IOException {
        PlantRequest request = PlantRequest.of(exchange, services);
        if (request.collection()) {
            exchange.sendOk(request.plant.folders().stream().filter(f -> request.scope.covers(f.id())).toList());
            return;
        }
        request.require(request.item());
        exchange.sendOk(stored(request));
    }

    @Override
    void post(Exchange exchange) throws ServerException, IOException {
        PlantRequest request = PlantRequest.of(exchange, services);
        if (request.collection()) {
            Folder folder = request.read(Folder.class);
            requireParent(request, folder.parentId());
            exchange.sendOk(request.plant.createFolder(request.user, folder));
            return;
        }
        request.require(request.is(Api.MOVE_SUFFIX));
        stored(request);
        PlantMove move = request.read(PlantMove.class);
        requireParent(request, move.to());
        exchange.sendOk(request.plant.moveFolder(request.user, request.id, move.to()));
    }

    @Override
    void put(Exchange exchange) throws ServerException, IOException {
        PlantRequest request = PlantRequest.of(exchange, services);
        request.require(request.item());
        stored(request);
        Folder folder = request.read(Folder.class);
        request.requireSameId("folder", folder.id());
        exchange.sendOk(request.plant.changeFolder(request.user, folder));
    }

    @Override
    void delete(Exchange exchange) throws ServerException, IOException {
        PlantRequest request = PlantRequest.of(exchange, services);
        request.require(request.item());
        stored(request);
        exchange.sendOk(request.plant.deleteFolder(request.user, request.id));
    }

    /** The folder the path names, which must be within the caller's folders. */
    private static Folder stored(PlantRequest request) throws ServerException {
        return request.stored("folder", request.plant.folder(request.id), Folder::id);
    }

    /** A new place: a folder within the caller's folders, or the top level for an administrator of everything. */
    private static void requireParent(PlantRequest request, String parentId) throws ServerException {
        if (parentId == null) {
            request.scope.requireEverything("a top-level folder");
        } else {
            request.scope.requireFolder(parentId);
        }
    }
}
