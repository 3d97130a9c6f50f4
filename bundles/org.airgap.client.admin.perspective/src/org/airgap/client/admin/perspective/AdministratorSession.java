package org.airgap.client.admin.perspective;

import java.util.Optional;
import java.util.function.Consumer;

import org.airgap.protocol.Role;
import org.airgap.session.ClientSession;
import org.airgap.session.SessionService;

/**
 * Whether the workbench may show administration: only an online login of an administrator (the views work
 * on the running server; offline there is nothing to administer). The server checks every call again.
 */
public final class AdministratorSession {

    private AdministratorSession() {
    }

    /** The current session when it is an administrator's online login; empty otherwise or without the service. */
    public static Optional<ClientSession> current(SessionService sessions) {
        if (sessions == null) {
            return Optional.empty();
        }
        return sessions.current().filter(AdministratorSession::administers);
    }

    /**
     * The session for a view's call to the server, or empty once {@code problem} was told why there is none: the
     * administration service is not running ({@code serviceRunning} false) or nobody is logged in online as an
     * administrator.
     *
     * @param toDo what the view would do, as the message ends ("see the runs")
     */
    public static Optional<ClientSession> forCall(boolean serviceRunning, SessionService sessions, String toDo,
            Consumer<String> problem) {
        Optional<ClientSession> session = current(sessions);
        if (!serviceRunning || session.isEmpty()) {
            problem.accept(serviceRunning ? "Log in online as an administrator to " + toDo + "."
                    : "The administration service is not running in this workbench.");
        }
        return serviceRunning ? session : Optional.empty();
    }

    /** Whether {@code session} is an administrator's online login. */
    public static boolean administers(ClientSession session) {
        return session != null && session.online() && session.role() == Role.ADMIN;
    }
}
