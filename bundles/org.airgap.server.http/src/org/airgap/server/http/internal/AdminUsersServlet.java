package org.airgap.server.http.internal;

import java.io.IOException;
import java.util.Arrays;

import org.airgap.protocol.Api;
import org.airgap.protocol.NewUser;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;

import javax.servlet.Servlet;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /api/admin/users} (administrators of the whole plant): GET lists the users, POST a {@link NewUser}
 * adds one (audited).
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(Api.ADMIN_USERS)
public class AdminUsersServlet extends JsonEndpoint {

    private static final long serialVersionUID = 1L;

    @Activate
    public AdminUsersServlet(@Reference ApiServices services) {
        super(services);
    }

    /** Every user as a {@link org.airgap.protocol.UserAccount} (disabled, folder scope, last login). */
    @Override
    void get(Exchange exchange) throws ServerException, IOException {
        exchange.adminScope().requireEverything("the user list");
        exchange.sendOk(services.repository().accounts());
    }

    @Override
    void post(Exchange exchange) throws ServerException, IOException {
        exchange.adminScope().requireEverything("adding a user");
        NewUser user = exchange.readJson(NewUser.class, AdminUserServlet.MAX_BODY_BYTES);
        if (user.name() == null || user.role() == null || user.password() == null) {
            throw new ServerException(Kind.BAD_REQUEST, "a new user needs \"name\", \"role\" (TECHNICIAN or ADMIN) and \"password\"");
        }
        char[] password = user.password().toCharArray();
        try {
            services.repository().settings().login().checkNewPassword(user.name(), password);
            exchange.sendOk(services.repository().addUser(exchange.session().user(), user.name(), user.role(), password,
                    AdminUserServlet.checkedFolders(user.folders())));
        } finally {
            Arrays.fill(password, (char) 0);
        }
    }
}
