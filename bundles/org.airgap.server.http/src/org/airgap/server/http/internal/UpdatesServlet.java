package org.airgap.server.http.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import javax.servlet.Servlet;
import javax.servlet.http.HttpServletResponse;

import org.airgap.protocol.Api;
import org.airgap.server.core.ServerException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * The published client updates, read-only for every logged-in user (a technician's laptop compares its
 * features with them at login): {@code GET /api/updates} → {@link org.airgap.protocol.PublishedUpdates};
 * {@code GET /api/updates/p2/<path>} → a file of the p2 repository ({@link UpdateArea}).
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({ Api.UPDATES, Api.UPDATES + "/*" })
public class UpdatesServlet extends JsonEndpoint {

    private static final long serialVersionUID = 1L;
    private final transient UpdateArea updates;

    @Activate
    public UpdatesServlet(@Reference ApiServices services, @Reference UpdateArea updates) {
        super(services);
        this.updates = updates;
    }

    @Override
    void get(Exchange exchange) throws ServerException, IOException {
        exchange.session();
        String[] path = exchange.pathSegments();
        if (path.length == 0) {
            exchange.sendOk(updates.published());
            return;
        }
        if (path.length < 2 || !path[0].equals("p2")) {
            throw noSuchPath(exchange);
        }
        Path file = updates.file(Arrays.copyOfRange(path, 1, path.length));
        HttpServletResponse response = exchange.response();
        response.setContentType("application/octet-stream");
        response.setContentLengthLong(Files.size(file));
        Files.copy(file, response.getOutputStream());
    }
}
