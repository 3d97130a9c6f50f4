package org.airgap.sync.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.airgap.protocol.Role;
import org.airgap.protocol.SessionEndReason;
import org.airgap.session.ClientSession;
import org.airgap.session.SessionException;
import org.airgap.session.SessionService;
import org.airgap.sync.SyncService;
import org.airgap.testing.server.ServerFixture;
import org.airgap.workspace.JobRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The services as the CLI and the workbench get them (DS), and the server's own limits seen by the laptop. */
class ClientServicesTest {

    @TempDir
    Path folder;

    @Test
    void sessionAndSyncAreDeclarativeServicesOnTheProcesssWorkspace() throws Exception {
        try (ServerFixture server = SyncTest.startServer(folder.resolve("server"), Duration.ofHours(2),
                Duration.ofHours(48))) {
            server.addUser("anna", Role.TECHNICIAN, SyncTest.PASSWORD);
            server.define(SyncTest.plant(java.util.List.of(new org.airgap.protocol.Assignment("job-plc", "anna"))));
            JobRepository repository = service(JobRepository.class);
            SessionService sessions = service(SessionService.class);
            SyncService sync = service(SyncService.class);

            assertTrue(Files.isDirectory(repository.location().resolve("session")));
            ClientSession session = sessions.loginOnline(server.uri(), "anna", SyncTest.PASSWORD.toCharArray());
            try {
                sync.pull(session, null);
                assertEquals("job-plc", repository.synced().jobs().get(0).id());
                assertTrue(sessions.offlineLoginAvailable("anna"));
            } finally {
                sessions.logout();
            }
        }
    }

    @Test
    void theServersIdleLimitIsTheReasonTheServerGives() throws Exception {
        try (ServerFixture server = SyncTest.startServer(folder.resolve("server"), Duration.ofMillis(800),
                Duration.ofHours(1));
                Laptop laptop = new Laptop(folder.resolve("laptop"))) {
            server.addUser("anna", Role.TECHNICIAN, SyncTest.PASSWORD);
            ClientSession session = laptop.login(server.uri(), "anna", SyncTest.PASSWORD);
            assertEquals(Duration.ofMillis(800), session.idleLimit(), "the laptop applies the server's limits");

            Thread.sleep(1200);

            assertTrue(laptop.sessions.current().isEmpty(), "ended on the laptop too");
            SessionException refused = assertThrows(SessionException.class, () -> laptop.sync.serverJobs(session));
            assertEquals(SessionEndReason.IDLE, refused.reason().orElseThrow());
            assertEquals(SessionEndReason.IDLE.message(), refused.getMessage());
        }
    }

    private static <T> T service(Class<T> type) throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(ClientServicesTest.class).getBundleContext();
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            T service = tracker.waitForService(ServerFixture.WAIT.toMillis());
            assertNotNull(service, "no " + type.getSimpleName() + " service");
            return service;
        } finally {
            tracker.close();
        }
    }
}
