package org.airgap.client.tests;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.protocol.AdminImport;
import org.airgap.protocol.Assignment;
import org.airgap.protocol.Role;
import org.airgap.server.core.ServerRepository;
import org.airgap.server.core.ServerSettings;
import org.airgap.server.core.SessionManager;
import org.eclipse.equinox.http.jetty.JettyConfigurator;
import org.eclipse.equinox.http.jetty.JettyConstants;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The real Airgap server in the workbench's test runtime: Jetty through the Equinox HTTP service on a free
 * port, the server core on a data directory (registered settings, as the server application does) and
 * the HTTP API bundle's servlets. One technician, {@value #USER}, with one job assigned.
 */
final class AirgapTestServer implements AutoCloseable {

    static final String USER = "alice";
    static final String PASSWORD = "correct horse battery staple";
    static final String JOB = "job-press-1";
    static final String JOB_NAME = "Back up press 1";
    private static final String JETTY_ID = "airgap-workbench-test";
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final BundleContext context = FrameworkUtil.getBundle(AirgapTestServer.class).getBundleContext();
    private final Path data;
    private final int port;
    private ServiceRegistration<ServerSettings> settings;

    private AirgapTestServer(Path data, int port) {
        this.data = data;
        this.port = port;
    }

    /** Starts the server with the session idle limit given; the user and the job are set up. */
    static AirgapTestServer start(Path data, Duration idleLimit) throws Exception {
        BundleContext context = FrameworkUtil.getBundle(AirgapTestServer.class).getBundleContext();
        for (Bundle bundle : context.getBundles()) {
            String name = bundle.getSymbolicName();
            if ((name.equals("org.airgap.server.core") || name.equals("org.airgap.server.http")
                    || name.startsWith("org.eclipse.equinox.http.")) && bundle.getHeaders().get("Fragment-Host") == null
                    && (bundle.getState() & (Bundle.ACTIVE | Bundle.STARTING)) == 0) {
                bundle.start(Bundle.START_ACTIVATION_POLICY);
            }
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Hashtable<String, Object> jetty = new Hashtable<>();
        jetty.put(JettyConstants.HTTP_PORT, Integer.valueOf(port));
        jetty.put(JettyConstants.HTTP_HOST, "127.0.0.1");
        JettyConfigurator.startServer(JETTY_ID, jetty);
        AirgapTestServer server = new AirgapTestServer(data, port);
        ServerRepository repository = server.register(idleLimit);
        repository.addUser(USER, Role.TECHNICIAN, PASSWORD.toCharArray());
        JobOptions options = new JobOptions(1, Duration.ZERO, null, true, List.of(), List.of(), List.of());
        repository.importDefinitions(new AdminImport(List.of(new Folder("plant", "Plant", null)),
                List.of(new Component("press-1", "Press 1", "plant", "directory", Map.of())),
                List.of(new Job(JOB, "press-1", JOB_NAME, Map.of(), options)), List.of(new Assignment(JOB, USER))));
        server.awaitServed();
        return server;
    }

    /**
     * Restarts the server's core services on the same data (as a restart of the server process does):
     * every session token issued before is refused with RESTARTED.
     */
    void restart(Duration idleLimit) throws Exception {
        settings.unregister();
        register(idleLimit);
        awaitServed();
    }

    private ServerRepository register(Duration idleLimit) throws InterruptedException {
        settings = context.registerService(ServerSettings.class, new ServerSettings(data, "127.0.0.1", port, idleLimit,
                Duration.ofHours(8), 600_000, 1L << 40), null);
        ServiceTracker<ServerRepository, ServerRepository> repositories = new ServiceTracker<>(context,
                ServerRepository.class, null);
        ServiceTracker<SessionManager, SessionManager> sessions = new ServiceTracker<>(context, SessionManager.class,
                null);
        repositories.open();
        sessions.open();
        try {
            ServerRepository repository = repositories.waitForService(WAIT.toMillis());
            if (repository == null || sessions.waitForService(WAIT.toMillis()) == null) {
                throw new IllegalStateException("the server core services did not start on " + data);
            }
            return repository;
        } finally {
            repositories.close();
            sessions.close();
        }
    }

    /** Waits until the login endpoint answers (the servlets register a moment after the services). */
    private void awaitServed() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + WAIT.toNanos();
        int status = 0;
        while (System.nanoTime() < deadline) {
            try {
                status = http.send(HttpRequest.newBuilder(uri().resolve("/api/login"))
                        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status != 404 && status != 503) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the server's /api/login did not answer within " + WAIT + " (last status "
                + status + ")");
    }

    /** Stops answering on the port (the network or the server went away); the data stays. */
    void stopHttp() throws Exception {
        JettyConfigurator.stopServer(JETTY_ID);
    }

    /** Answers again on the same port. */
    void startHttp() throws Exception {
        Hashtable<String, Object> jetty = new Hashtable<>();
        jetty.put(JettyConstants.HTTP_PORT, Integer.valueOf(port));
        jetty.put(JettyConstants.HTTP_HOST, "127.0.0.1");
        JettyConfigurator.startServer(JETTY_ID, jetty);
        awaitServed();
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() throws Exception {
        try {
            if (settings != null) {
                settings.unregister();
            }
        } finally {
            JettyConfigurator.stopServer(JETTY_ID);
        }
    }
}
