package org.airgap.server.http.internal;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.airgap.protocol.Role;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerRepository;
import org.airgap.server.core.ServerSettings;
import org.airgap.server.core.SessionManager;
import org.eclipse.equinox.http.jetty.JettyConfigurator;
import org.eclipse.equinox.http.jetty.JettyConstants;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The server as the product runs it, in the test's framework: Jetty through the Equinox HTTP service,
 * the real core services on a data directory (registered settings, as the server application does),
 * and this bundle's servlets on the whiteboard.
 */
final class TestServer implements AutoCloseable {

    static final String PASSWORD = "correct horse battery staple";
    private static final String JETTY_ID = "airgap-http-test";
    private static final Duration WAIT = Duration.ofSeconds(30);

    final Path data;
    final int port;
    final ApiClient client;
    final ServerRepository repository;
    private final ServiceRegistration<ServerSettings> settings;
    private final List<ServiceTracker<?, ?>> trackers;

    private TestServer(Path data, int port, ServiceRegistration<ServerSettings> settings, ServerRepository repository,
            List<ServiceTracker<?, ?>> trackers) {
        this.data = data;
        this.port = port;
        this.settings = settings;
        this.repository = repository;
        this.trackers = trackers;
        this.client = new ApiClient("http://127.0.0.1:" + port);
    }

    static TestServer start(Path data, Duration idleTimeout) throws Exception {
        BundleContext context = FrameworkUtil.getBundle(TestServer.class).getBundleContext();
        startBundles(context);
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Hashtable<String, Object> jetty = new Hashtable<>();
        jetty.put(JettyConstants.HTTP_PORT, Integer.valueOf(port));
        jetty.put(JettyConstants.HTTP_HOST, "127.0.0.1");
        JettyConfigurator.startServer(JETTY_ID, jetty);
        ServerSettings serverSettings = new ServerSettings(data, "127.0.0.1", port, idleTimeout, Duration.ofHours(8),
                600_000, 1L << 40);
        ServiceRegistration<ServerSettings> registration = context.registerService(ServerSettings.class,
                serverSettings, null);
        ServiceTracker<ServerRepository, ServerRepository> repositories = new ServiceTracker<>(context,
                ServerRepository.class, null);
        ServiceTracker<SessionManager, SessionManager> sessions = new ServiceTracker<>(context, SessionManager.class,
                null);
        repositories.open();
        sessions.open();
        ServerRepository repository = repositories.waitForService(WAIT.toMillis());
        if (repository == null || sessions.waitForService(WAIT.toMillis()) == null) {
            throw new IllegalStateException("the core services did not start on " + data);
        }
        TestServer server = new TestServer(data, port, registration, repository, List.of(repositories, sessions));
        server.client.awaitServed(WAIT);
        return server;
    }

    /** Starts the Airgap and HTTP bundles as a product does (lazy ones activate on first use). */
    private static void startBundles(BundleContext context) throws BundleException {
        for (Bundle bundle : context.getBundles()) {
            String name = bundle.getSymbolicName();
            boolean wanted = name.startsWith("org.airgap.") || name.startsWith("org.eclipse.equinox.http.");
            if (wanted && bundle.getHeaders().get("Fragment-Host") == null
                    && (bundle.getState() & (Bundle.ACTIVE | Bundle.STARTING)) == 0) {
                bundle.start(Bundle.START_ACTIVATION_POLICY);
            }
        }
    }

    void addUser(String name, Role role) throws ServerException {
        repository.addUser(name, role, PASSWORD.toCharArray());
    }

    String login(String user) throws IOException, InterruptedException {
        return client.login(user, PASSWORD);
    }

    Path uploads() {
        return data.resolve("uploads");
    }

    @Override
    public void close() throws Exception {
        try {
            settings.unregister(); // the core services stop and close the database
            for (ServiceTracker<?, ?> tracker : trackers) {
                tracker.close();
            }
        } finally {
            JettyConfigurator.stopServer(JETTY_ID);
        }
        // Jetty's connector may answer a moment longer; the next test waits for its own port anyway.
        TimeUnit.MILLISECONDS.sleep(10);
    }
}
