package org.airgap.client.admin.tests;

import static org.airgap.client.admin.tests.AdminWorkbench.BACKUP;
import static org.airgap.client.admin.tests.AdminWorkbench.canExecute;
import static org.airgap.client.admin.tests.AdminWorkbench.execute;
import static org.airgap.client.admin.tests.AdminWorkbench.menuBar;
import static org.airgap.client.admin.tests.AdminWorkbench.perspective;
import static org.airgap.client.admin.tests.AdminWorkbench.perspectiveVisible;
import static org.airgap.client.admin.tests.AdminWorkbench.waitUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.airgap.client.admin.perspective.AdministrationIds;
import org.airgap.session.SessionService;
import org.airgap.testing.workbench.WorkbenchHarness;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Administration perspective in the real workbench: nobody logged in and a technician logged in online
 * never see its menu or perspective and cannot run its commands (menu item or key binding); an administrator
 * logged in online gets both, switches to it and back; logging out withdraws it and leaves it for Backup.
 */
class AdministrationPerspectiveTest {

    @TempDir
    static Path temp;
    private static AdminTestServer server;
    private static SessionService sessions;
    private static WorkbenchHarness workbench;

    @BeforeAll
    static void start() throws Exception {
        server = AdminTestServer.start(temp.resolve("server"));
        sessions = Services.get(SessionService.class);
        sessions.logout();
        workbench = WorkbenchHarness.start("org.airgap.client.product");
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (sessions != null) {
                sessions.logout();
            }
            if (workbench != null) {
                workbench.close();
            }
        } finally {
            server.close();
        }
    }

    @Test
    void onlyAnAdministratorOnlineIsOfferedTheAdministrationPerspective() throws Exception {
        assertNotOffered("nobody logged in");

        sessions.loginOnline(server.uri(), AdminTestServer.TECH, AdminTestServer.PASSWORD.toCharArray());
        workbench.settle();
        assertNotOffered("a technician");
        execute(workbench, AdministrationIds.COMMAND_OPEN); // as the key binding M1+M2+A would
        assertEquals(BACKUP, perspective(workbench), "a technician's command does nothing");
        workbench.screenshot("admin-technician-menu");

        sessions.loginOnline(server.uri(), AdminTestServer.ADMIN, AdminTestServer.PASSWORD.toCharArray());
        waitUntil(workbench, "the Administration menu", () -> menuBar(workbench).contains("Administration"));
        assertTrue(perspectiveVisible(workbench, AdministrationIds.PERSPECTIVE));
        assertTrue(canExecute(workbench, AdministrationIds.COMMAND_OPEN));
        execute(workbench, AdministrationIds.COMMAND_OPEN);
        assertEquals(AdministrationIds.PERSPECTIVE, perspective(workbench));
        execute(workbench, AdministrationIds.COMMAND_BACKUP);
        assertEquals(BACKUP, perspective(workbench));
        execute(workbench, AdministrationIds.COMMAND_OPEN);
        assertEquals(AdministrationIds.PERSPECTIVE, perspective(workbench));

        sessions.logout();
        waitUntil(workbench, "the Administration menu withdrawn", () -> !menuBar(workbench).contains("Administration"));
        assertEquals(BACKUP, perspective(workbench), "logging out leaves administration for the Backup perspective");
        assertNotOffered("after the administrator logged out");
    }

    private static void assertNotOffered(String who) {
        workbench.settle();
        assertFalse(menuBar(workbench).contains("Administration"), who + ": " + menuBar(workbench));
        assertFalse(perspectiveVisible(workbench, AdministrationIds.PERSPECTIVE), who);
        assertFalse(canExecute(workbench, AdministrationIds.COMMAND_OPEN), who);
        assertFalse(canExecute(workbench, AdministrationIds.COMMAND_BACKUP), who);
        assertEquals(BACKUP, perspective(workbench), who);
    }
}
