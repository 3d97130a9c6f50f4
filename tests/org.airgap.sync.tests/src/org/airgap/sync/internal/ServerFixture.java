package org.airgap.sync.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Hashtable;

import org.airgap.protocol.AdminImport;
import org.airgap.protocol.Api;
import org.airgap.protocol.Role;
import org.airgap.server.core.ServerException;
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
 * The Airgap server as its application starts it, inside the test runtime: a {@link ServerSettings}
 * service for a data directory (the core's repository on H2 and session manager activate on it), Jetty
 * on a free loopback port through the Equinox HTTP whiteboard, and the endpoints as DS servlets.
 * {@link #stopHttp()} cuts the network; {@link #restart()} is a server restart (new sessions, same data).
 */
final class ServerFixture implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);
    private static final String JETTY = "airgap-sync-test";
    /** The server's minimum (server.ini refuses fewer): logins cost what they cost in production. */
    private static final int PASSWORD_ITERATIONS = 600_000;

    private final BundleContext context;
    private final ServerSettings settings;
    private final int port;
    private ServiceRegistration<ServerSettings> registration;
    private boolean httpRunning;

    ServerFixture(Path dataDirectory, Duration idleTimeout, Duration maxSessionLength) throws Exception {
        context = FrameworkUtil.getBundle(ServerFixture.class).getBundleContext();
        startBundles();
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        settings = new ServerSettings(dataDirectory, "127.0.0.1", port, idleTimeout, maxSessionLength,
                PASSWORD_ITERATIONS, 10L << 30);
        registration = context.registerService(ServerSettings.class, settings, null);
        startHttp();
    }

    ServerFixture(Path dataDirectory) throws Exception {
        this(dataDirectory, Duration.ofHours(2), Duration.ofHours(48));
    }

    /** DS only looks at started bundles: start the Airgap and HTTP bundles as a product does. */
    private void startBundles() throws Exception {
        for (Bundle bundle : context.getBundles()) {
            String name = bundle.getSymbolicName();
            boolean wanted = name.startsWith("org.airgap.") || name.startsWith("org.eclipse.equinox.http.");
            if (wanted && bundle.getHeaders().get("Fragment-Host") == null
                    && (bundle.getState() & (Bundle.STARTING | Bundle.ACTIVE)) == 0) {
                bundle.start(Bundle.START_ACTIVATION_POLICY);
            }
        }
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    ServerSettings settings() {
        return settings;
    }

    ServerRepository repository() throws InterruptedException {
        return service(ServerRepository.class);
    }

    SessionManager sessions() throws InterruptedException {
        return service(SessionManager.class);
    }

    void addUser(String name, Role role, String password) throws Exception {
        repository().addUser(name, role, password.toCharArray());
    }

    void define(AdminImport definitions) throws ServerException, InterruptedException {
        repository().importDefinitions(definitions);
    }

    /** Starts Jetty and waits until the endpoints answer. */
    void startHttp() throws Exception {
        Hashtable<String, Object> jetty = new Hashtable<>();
        jetty.put(JettyConstants.HTTP_PORT, Integer.valueOf(port));
        jetty.put(JettyConstants.HTTP_HOST, "127.0.0.1");
        JettyConfigurator.startServer(JETTY, jetty);
        httpRunning = true;
        waitUntilServed();
    }

    /** Stops Jetty: the network to the server is cut, its data stays. */
    void stopHttp() throws Exception {
        if (httpRunning) {
            httpRunning = false;
            JettyConfigurator.stopServer(JETTY);
        }
    }

    /** A server restart: the core services start over on the same data directory (old tokens die). */
    void restart() throws Exception {
        String before = sessions().instanceId();
        registration.unregister();
        registration = context.registerService(ServerSettings.class, settings, null);
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (sessions().instanceId().equals(before)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the session manager did not restart within " + WAIT);
            }
            Thread.sleep(50);
        }
        waitUntilServed();
    }

    /** SCR registers the servlets asynchronously: wait until the login endpoint answers (it refuses GET). */
    private void waitUntilServed() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + WAIT.toNanos();
        int status = 0;
        while (System.nanoTime() < deadline) {
            try {
                status = client.send(HttpRequest.newBuilder(uri().resolve(Api.JOBS)).GET().build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 401) {
                    return;
                }
            } catch (IOException notYetListening) {
                // Jetty still starting
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the server's endpoints did not answer within " + WAIT + " (last status "
                + status + ")");
    }

    private <T> T service(Class<T> type) throws InterruptedException {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            T service = tracker.waitForService(WAIT.toMillis());
            if (service == null) {
                throw new IllegalStateException("no " + type.getSimpleName() + " service within " + WAIT);
            }
            return service;
        } finally {
            tracker.close();
        }
    }

    @Override
    public void close() throws Exception {
        try {
            stopHttp();
        } finally {
            registration.unregister();
        }
    }
}
