package org.airgap.client.jobs.internal;

import org.airgap.session.ClientSession;
import org.airgap.session.SessionService;

/**
 * Who runs the jobs, for the runs and the audit trail: the technician of the current session. Without
 * one (the session service missing, or the workbench opened without a login for tests and demos) the
 * operating system account.
 */
final class CurrentUser {

    private CurrentUser() {
    }

    static String name(SessionService sessions) {
        String account = System.getProperty("user.name", "unknown");
        return sessions == null ? account : sessions.current().map(ClientSession::user).orElse(account);
    }
}
