package org.airgap.client.admin.tests;

import java.io.IOException;
import java.nio.file.Path;

import org.airgap.client.admin.AdministrationService;
import org.airgap.session.ClientSession;
import org.airgap.session.SessionService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the administration service's test classes share: a real server with the small plant of
 * {@link AdminTestServer} for the whole class, the workbench runtime's session service and the administration
 * service, and an online login.
 */
abstract class AdminServiceTestBase {

    @TempDir
    static Path temp;
    static AdminTestServer server;
    static SessionService sessions;
    static AdministrationService admin;

    @BeforeAll
    static void start() throws Exception {
        server = AdminTestServer.start(temp.resolve("server"));
        sessions = Services.get(SessionService.class);
        admin = Services.get(AdministrationService.class);
    }

    @AfterAll
    static void stop() throws Exception {
        if (sessions != null) {
            sessions.logout();
        }
        server.close();
    }

    /** An online login of {@code user} with the plant's password. */
    static ClientSession logIn(String user) throws IOException {
        return sessions.loginOnline(server.uri(), user, AdminTestServer.PASSWORD.toCharArray());
    }
}
