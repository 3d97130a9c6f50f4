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
 * {@code /api/admin/updates} (administrators of the whole plant: what every laptop installs is server-wide):
 * PUT a p2 repository zip to publish it for the clients, GET what is published, DELETE to withdraw it
 * ({@link UpdateArea}).
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(Api.ADMIN_UPDATES)
public class AdminUpdatesServlet extends JsonEndpoint {

    private static final long serialVersionUID = 1L;
    private final transient UpdateArea updates;

    @Activate
    public AdminUpdatesServlet(@Reference ApiServices services, @Reference UpdateArea updates) {
        super(services);
        this.updates = updates;
    }

    @Override
    void get(Exchange exchange) throws ServerException, IOException {
        exchange.adminScope().requireEverything("client updates");
        exchange.sendOk(updates.published());
    }

    @Override
    void put(Exchange exchange) throws ServerException, IOException {
        exchange.adminScope().requireEverything("publishing client updates");
        exchange.sendOk(updates.publish(exchange.user().name(), exchange.request().getInputStream(),
                exchange.request().getContentLengthLong()));
    }

    @Override
    void delete(Exchange exchange) throws ServerException, IOException {
        exchange.adminScope().requireEverything("withdrawing client updates");
        exchange.sendOk(updates.withdraw(exchange.user().name()));
    }
}
