package org.airgap.server.http.internal;

import java.io.IOException;

import org.airgap.model.Component;
import org.airgap.protocol.Api;
import org.airgap.protocol.PlantComponent;
import org.airgap.protocol.PlantMove;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /api/admin/components} (administrators, within their folders): GET lists the components
 * ({@code ?archived=true}: archived ones too) or shows {@code /<id>}; POST creates one; PUT {@code /<id>}
 * changes its name, device type and connection; POST {@code /<id>/move} moves it to another folder (both
 * folders must be the caller's); DELETE {@code /<id>} deletes or archives it ({@code ?purge=true}: purges
 * an archived one); POST {@code /<id>/restore} restores an archived one.
 */
@org.osgi.service.component.annotations.Component(service = javax.servlet.Servlet.class)
@HttpWhiteboardServletPattern({ Api.ADMIN_COMPONENTS, Api.ADMIN_COMPONENTS + "/*" })
public class AdminComponentsServlet extends JsonEndpoint {

    private static final long serialVersionUID = 1L;

    @Activate
    public AdminComponentsServlet(@Reference ApiServices services) {
        super(services);
    }

    @Override
    void get(Exchange exchange) throws ServerException, IOException {
        PlantRequest request = PlantRequest.of(exchange, services);
        if (request.collection()) {
            exchange.sendOk(request.plant.components(request.flag("archived")).stream()
                    .filter(c -> request.scope.covers(c.component().folderId())).toList());
            return;
        }
        request.require(request.item());
        exchange.sendOk(stored(request));
    }

    @Override
    void post(Exchange exchange) throws ServerException, IOException {
        PlantRequest request = PlantRequest.of(exchange, services);
        if (request.collection()) {
            Component component = request.read(Component.class);
            requirePlace(request, component.folderId());
            exchange.sendOk(request.plant.createComponent(request.user, component));
            return;
        }
        request.require(request.is(Api.MOVE_SUFFIX) || request.is(Api.RESTORE_SUFFIX));
        stored(request);
        if (request.is(Api.RESTORE_SUFFIX)) {
            exchange.sendOk(request.plant.restoreComponent(request.user, request.id));
            return;
        }
        PlantMove move = request.read(PlantMove.class);
        if (move.to() == null) {
            throw new ServerException(Kind.BAD_REQUEST, "a component moves into a folder: name it in \"to\"");
        }
        requirePlace(request, move.to());
        exchange.sendOk(request.plant.moveComponent(request.user, request.id, move.to()));
    }

    @Override
    void put(Exchange exchange) throws ServerException, IOException {
        PlantRequest request = PlantRequest.of(exchange, services);
        request.require(request.item());
        stored(request);
        Component component = request.read(Component.class);
        request.requireSameId("component", component.id());
        exchange.sendOk(request.plant.changeComponent(request.user, component));
    }

    @Override
    void delete(Exchange exchange) throws ServerException, IOException {
        PlantRequest request = PlantRequest.of(exchange, services);
        request.require(request.item());
        stored(request);
        exchange.sendOk(request.flag("purge") ? request.plant.purgeComponent(request.user, request.id)
                : request.plant.deleteComponent(request.user, request.id));
    }

    /** The component the path names (archived or not), whose folder must be within the caller's folders. */
    private static PlantComponent stored(PlantRequest request) throws ServerException {
        return request.stored("component", request.plant.component(request.id), c -> c.component().folderId());
    }

    /** The folder a component goes into: for a folder-scoped administrator one of theirs (none is no place). */
    private static void requirePlace(PlantRequest request, String folderId) throws ServerException {
        if (folderId == null) {
            request.scope.requireEverything("a component outside every folder");
        }
        request.scope.requireFolder(folderId);
    }
}
