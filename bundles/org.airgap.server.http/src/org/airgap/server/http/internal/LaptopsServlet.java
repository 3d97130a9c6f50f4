package org.airgap.server.http.internal;

import java.io.IOException;

import javax.servlet.Servlet;

import org.airgap.protocol.Api;
import org.airgap.protocol.LaptopRegistration;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code POST /api/laptops} (any logged-in user): a workspace registers its Ed25519 public key at an online
 * login, kept for the user and laptop; the key that verifies the laptop's run signatures on upload.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(Api.LAPTOPS)
public class LaptopsServlet extends JsonEndpoint {

    private static final long serialVersionUID = 1L;
    /** An id and a key fit in far less. */
    private static final int MAX_BODY_BYTES = 4096;

    @Activate
    public LaptopsServlet(@Reference ApiServices services) {
        super(services);
    }

    @Override
    void post(Exchange exchange) throws ServerException, IOException {
        String user = exchange.user().name();
        LaptopRegistration registration = exchange.readJson(LaptopRegistration.class, MAX_BODY_BYTES);
        if (registration.laptopId() == null || registration.publicKey() == null) {
            throw new ServerException(Kind.BAD_REQUEST, "a laptop registration needs \"laptopId\" and \"publicKey\"");
        }
        exchange.sendOk(services.repository().laptops().register(user, registration.laptopId(), registration.publicKey())
                .info());
    }
}
