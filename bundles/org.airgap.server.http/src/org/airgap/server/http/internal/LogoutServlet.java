package org.airgap.server.http.internal;

import java.io.IOException;

import javax.servlet.http.HttpServletResponse;

import org.airgap.protocol.Api;
import org.airgap.server.core.ServerException;

import javax.servlet.Servlet;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/** {@code POST /api/logout}: ends the bearer token (204). */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(Api.LOGOUT)
public class LogoutServlet extends JsonEndpoint {

    private static final long serialVersionUID = 1L;

    @Activate
    public LogoutServlet(@Reference ApiServices services) {
        super(services);
    }

    @Override
    void post(Exchange exchange) throws ServerException, IOException {
        services.sessions().logout(exchange.session().token());
        exchange.response().setStatus(HttpServletResponse.SC_NO_CONTENT);
    }
}
