package org.airgap.server.http.internal;

import java.io.IOException;

import javax.servlet.Servlet;

import org.airgap.protocol.Api;
import org.airgap.protocol.CommentRequest;
import org.airgap.server.core.AdminScope;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /api/admin/versions} (administrators, within their folders): GET {@code /<component>} answers the
 * component's version history, newest first, each with its source run; POST
 * {@code /<component>/<number>/comment} replaces a version's comment. The archive of a version is
 * {@code GET /api/components/<id>/versions/<number>/archive}.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(Api.ADMIN_VERSIONS + "/*")
public class AdminVersionsServlet extends JsonEndpoint {

    private static final long serialVersionUID = 1L;

    @Activate
    public AdminVersionsServlet(@Reference ApiServices services) {
        super(services);
    }

    @Override
    void get(Exchange exchange) throws ServerException, IOException {
        AdminScope scope = exchange.adminScope();
        String[] path = exchange.pathSegments();
        if (path.length != 1 || path[0].isEmpty()) {
            throw noSuchPath(exchange);
        }
        requireComponentInScope(path[0], scope);
        exchange.sendOk(services.repository().versionHistory(path[0]));
    }

    @Override
    void post(Exchange exchange) throws ServerException, IOException {
        AdminScope scope = exchange.adminScope();
        String[] path = exchange.pathSegments();
        if (path.length != 3 || path[0].isEmpty() || !path[2].equals("comment")) {
            throw noSuchPath(exchange);
        }
        requireComponentInScope(path[0], scope);
        int number = versionNumber(path[1]);
        CommentRequest request = exchange.readJson(CommentRequest.class);
        exchange.sendOk(services.repository().commentVersion(path[0], number, request.comment(),
                exchange.admin().user()));
    }

    private void requireComponentInScope(String componentId, AdminScope scope) throws ServerException {
        scope.requireId("component", componentId, services.repository().component(componentId)
                .map(org.airgap.model.Component::folderId).orElse(null), () -> new ServerException(Kind.NOT_FOUND,
                        "no component '" + componentId + "' on the server"));
    }

    private static int versionNumber(String text) throws ServerException {
        try {
            int number = Integer.parseInt(text);
            if (number >= 1) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new ServerException(Kind.BAD_REQUEST, "'" + text + "' is not a version number (1, 2, …)");
    }
}
