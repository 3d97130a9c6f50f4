package org.airgap.server.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.airgap.protocol.Role;
import org.airgap.server.core.ServerIni;
import org.airgap.server.core.ServerRepository;
import org.airgap.server.core.ServerSettings;
import org.airgap.server.core.SessionManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

/** The services as the server gets them: DS activates them once a ServerSettings service is registered. */
class ServerServicesTest {

    @TempDir
    Path dir;

    @Test
    void registeringTheSettingsBringsUpTheRepositoryAndTheSessions() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(H2ServerRepository.class).getBundleContext();
        ServiceTracker<ServerRepository, ServerRepository> repositories = new ServiceTracker<>(context,
                ServerRepository.class, null);
        ServiceTracker<SessionManager, SessionManager> sessionManagers = new ServiceTracker<>(context,
                SessionManager.class, null);
        repositories.open();
        sessionManagers.open();
        try {
            assertNull(repositories.getService(), "no repository before there are settings");
            ServerIni.writeDefaults(dir);
            ServerSettings settings = ServerIni.load(dir);
            ServiceRegistration<ServerSettings> registration = context.registerService(ServerSettings.class, settings,
                    null);
            try {
                ServerRepository repository = repositories.waitForService(20_000);
                assertNotNull(repository, "no ServerRepository within 20 s of registering the settings");
                assertEquals(settings, repository.settings());
                assertTrue(Files.isRegularFile(dir.resolve("db").resolve("airgap.mv.db")));
                assertTrue(Files.isDirectory(settings.storeDirectory()));
                repository.addUser("admin", Role.ADMIN, "secret".toCharArray());

                SessionManager sessions = sessionManagers.waitForService(20_000);
                assertNotNull(sessions, "no SessionManager within 20 s");
                String token = sessions.login("admin", "secret".toCharArray()).token();
                assertEquals("admin", sessions.authenticate(token).user());
            } finally {
                registration.unregister();
            }
            assertNull(repositories.getService(), "the repository must go with the settings");
        } finally {
            repositories.close();
            sessionManagers.close();
        }
    }
}
