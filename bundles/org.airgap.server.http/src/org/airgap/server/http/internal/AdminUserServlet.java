package org.airgap.server.http.internal;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import javax.servlet.Servlet;

import org.airgap.protocol.Api;
import org.airgap.protocol.SessionEndReason;
import org.airgap.protocol.UserAccount;
import org.airgap.protocol.UserChange;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.airgap.server.core.ServerRepository;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code POST /api/admin/users/<name>/<change>} (administrators of the whole plant): {@code disable},
 * {@code enable}, {@code password}, {@code role} or {@code scope} with a {@link UserChange}; answers the
 * {@link UserAccount}. Disabling ends the user's sessions at once (their next request is refused with
 * DISABLED), as a new password or role does (ACCOUNT_CHANGED): a session must not outlive the account it
 * was opened for. The reads cached for the user are dropped with them.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(Api.ADMIN_USER + "*")
public class AdminUserServlet extends JsonEndpoint {

    private static final long serialVersionUID = 1L;
    /** A user change or a new user is small; anything larger is refused before it is parsed. */
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** The most folders one administrator's scope names. */
    static final int MAX_FOLDERS = 1000;

    @Activate
    public AdminUserServlet(@Reference ApiServices services) {
        super(services);
    }

    @Override
    void post(Exchange exchange) throws ServerException, IOException {
        exchange.adminScope().requireEverything("user management");
        String[] path = exchange.pathSegments();
        if (path.length != 2 || !Api.USER_CHANGES.contains(path[1])) {
            throw new ServerException(Kind.NOT_FOUND, "no such API path: " + exchange.request().getRequestURI()
                    + " (POST " + Api.ADMIN_USER + "NAME/CHANGE, CHANGE one of " + String.join(", ", Api.USER_CHANGES)
                    + ")");
        }
        String actor = exchange.session().user();
        String name = path[0];
        ServerRepository repository = services.repository();
        UserAccount changed = switch (path[1]) {
        case "disable" -> repository.setDisabled(actor, name, true);
        case "enable" -> repository.setDisabled(actor, name, false);
        case "password" -> resetPassword(exchange, actor, name);
        case "role" -> repository.changeRole(actor, name, change(exchange).role());
        case "scope" -> repository.scopeUser(actor, name, checkedFolders(change(exchange).folders()));
        default -> throw new IllegalStateException(path[1]);
        };
        switch (path[1]) {
        case "disable" -> endSessions(name, SessionEndReason.DISABLED);
        case "password", "role" -> endSessions(name, SessionEndReason.ACCOUNT_CHANGED);
        default -> {
            // enabling and scoping leave the sessions: the scope is read at each request
        }
        }
        exchange.sendOk(changed);
    }

    private UserAccount resetPassword(Exchange exchange, String actor, String name)
            throws ServerException, IOException {
        UserChange change = change(exchange);
        if (change.password() == null) {
            throw new ServerException(Kind.BAD_REQUEST, "a password reset needs \"password\"");
        }
        char[] password = change.password().toCharArray();
        try {
            services.repository().settings().login().checkNewPassword(name, password);
            return services.repository().resetPassword(actor, name, password);
        } finally {
            Arrays.fill(password, (char) 0);
        }
    }

    private void endSessions(String name, SessionEndReason reason) {
        services.sessions().endSessions(name, reason);
        services.access().forget(name);
    }

    private static UserChange change(Exchange exchange) throws ServerException, IOException {
        UserChange change = exchange.readJson(UserChange.class, MAX_BODY_BYTES);
        if (change == null) {
            throw new ServerException(Kind.BAD_REQUEST, "the change needs a JSON body");
        }
        return change;
    }

    /** The folders of a scope, bounded: a request is hostile until checked. */
    static List<String> checkedFolders(List<String> folders) throws ServerException {
        if (folders != null && folders.size() > MAX_FOLDERS) {
            throw new ServerException(Kind.BAD_REQUEST, "a scope names at most " + MAX_FOLDERS + " folders");
        }
        return folders == null ? List.of() : folders;
    }
}
