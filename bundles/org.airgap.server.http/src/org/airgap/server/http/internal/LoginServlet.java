package org.airgap.server.http.internal;

import java.io.IOException;
import java.util.Arrays;

import org.airgap.protocol.Api;
import org.airgap.protocol.LoginRequest;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;

import javax.servlet.Servlet;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/** {@code POST /api/login}: a {@link LoginRequest} opens a session; answers its {@link LoginResponse}. */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(Api.LOGIN)
public class LoginServlet extends JsonEndpoint {

    private static final long serialVersionUID = 1L;

    @Activate
    public LoginServlet(@Reference ApiServices services) {
        super(services);
    }

    @Override
    void post(Exchange exchange) throws ServerException, IOException {
        LoginRequest login = exchange.readJson(LoginRequest.class);
        if (login.user() == null || login.password() == null) {
            throw new ServerException(Kind.BAD_REQUEST, "a login needs \"user\" and \"password\"");
        }
        char[] password = login.password().toCharArray();
        try {
            exchange.sendOk(services.sessions().login(login.user(), password));
        } finally {
            Arrays.fill(password, (char) 0);
        }
    }
}
