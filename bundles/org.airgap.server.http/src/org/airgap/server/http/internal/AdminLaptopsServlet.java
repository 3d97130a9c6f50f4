package org.airgap.server.http.internal;

import java.io.IOException;

import javax.servlet.Servlet;

import org.airgap.protocol.Api;
import org.airgap.server.core.ServerException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /api/admin/laptops} (administrators of the whole plant): GET lists the registered laptop keys,
 * {@code POST /api/admin/laptops/<laptop id>/revoke} revokes a laptop (audited): its uploads are refused
 * from then on and it cannot register again.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern({ Api.ADMIN_LAPTOPS, Api.ADMIN_LAPTOPS + "/*" })
public class AdminLaptopsServlet extends JsonEndpoint {

    private static final long serialVersionUID = 1L;

    @Activate
    public AdminLaptopsServlet(@Reference ApiServices services) {
        super(services);
    }

    @Override
    void get(Exchange exchange) throws ServerException, IOException {
        exchange.adminScope().requireEverything("the laptop list");
        if (exchange.pathSegments().length != 0) {
            throw noSuchPath(exchange);
        }
        exchange.sendOk(services.repository().laptops().list());
    }

    @Override
    void post(Exchange exchange) throws ServerException, IOException {
        exchange.adminScope().requireEverything("revoking a laptop");
        String[] path = exchange.pathSegments();
        if (path.length != 2 || path[0].isEmpty() || !("/" + path[1]).equals(Api.REVOKE_SUFFIX)) {
            throw noSuchPath(exchange);
        }
        exchange.sendOk(services.repository().laptops().revoke(path[0], exchange.session().user()));
    }
}
