package org.airgap.client.admin.perspective;

import java.util.Optional;

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

    /** Whether {@code session} is an administrator's online login. */
    public static boolean administers(ClientSession session) {
        return session != null && session.online() && session.role() == Role.ADMIN;
    }
}
