package org.airgap.testing.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.function.Predicate;

import javax.net.ssl.SSLContext;

import org.airgap.protocol.AdminImport;
import org.airgap.protocol.Api;
import org.airgap.protocol.CertificateFingerprint;
import org.airgap.protocol.Role;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerIni;
import org.airgap.server.core.ServerKeystore;
import org.airgap.server.core.ServerRepository;
import org.airgap.server.core.ServerSettings;
import org.airgap.server.core.ServerSigningKey;
import org.airgap.server.core.SessionManager;
import org.airgap.testing.PostgresCluster;
import org.airgap.testing.S3ProxyServer;
import org.eclipse.equinox.http.jetty.JettyConfigurator;
import org.eclipse.equinox.http.jetty.JettyConstants;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The Airgap server as its application starts it, inside a test's runtime: a {@link ServerSettings}
 * service for a data directory (the core's repository on H2 and session manager activate on it), Jetty
 * on a free loopback port through the Equinox HTTP service, and the HTTP API's servlets on the
 * whiteboard. {@link #stopHttp()} cuts the network; {@link #restart()} is a restart of the server
 * process (new sessions, same data).
 * <p>
 * {@link #start} serves plain HTTP (as server.ini's {@code plainHttp = true} on loopback does);
 * {@link #startHttps} serves HTTPS as the server product does, with a keystore made by the server's own
 * {@link ServerKeystore#create} in the data directory: {@link #sslContext()} and {@link #httpClient()}
 * trust exactly its certificate, {@link #fingerprint()} is what a laptop pins.
 */
public final class ServerFixture implements AutoCloseable {

    /** How long the fixture waits for services and endpoints. */
    public static final Duration WAIT = Duration.ofSeconds(30);
    /**
     * The server's minimum (server.ini refuses fewer): logins cost what they cost in production, and laptops
     * accept offline logins only from verifiers with at least this many iterations.
     */
    public static final int PASSWORD_ITERATIONS = ServerIni.MIN_PASSWORD_ITERATIONS;
    /**
     * For server tests without laptops (no offline login): 60 times fewer, since hashing made up most of the
     * server HTTP tests' time (942 hashes of ~150 ms in one run).
     */
    public static final int QUICK_PASSWORD_ITERATIONS = 10_000;
    /** An upload limit no test reaches. */
    private static final long MAX_UPLOAD_BYTES = 1L << 40;
    /** The Airgap bundles a server runtime starts: all of them (DS activates only started bundles). */
    public static final Predicate<String> ALL_AIRGAP_BUNDLES = name -> name.startsWith("org.airgap.");
    /** Only the server's own bundles, for a runtime where something else (the workbench) starts the rest. */
    public static final Predicate<String> SERVER_BUNDLES = name -> name.equals("org.airgap.server.core")
            || name.equals("org.airgap.server.http");

    private final BundleContext context;
    private final String jettyId;
    private final UnaryOperator<ServerSettings> adjust;
    private final Map<String, Object> jettySettings;
    private final boolean https;
    private ServerKeystore keystore;
    private ServerSettings settings;
    private ServiceRegistration<ServerSettings> registration;
    private boolean httpRunning;

    private ServerFixture(BundleContext context, String jettyId, UnaryOperator<ServerSettings> adjust,
            Map<String, Object> jettySettings, ServerSettings settings, boolean https) {
        this.context = context;
        this.https = https;
        this.jettyId = jettyId;
        this.adjust = adjust;
        this.jettySettings = jettySettings;
        this.settings = adjust.apply(settings);
    }

    /**
     * Starts the bundles {@code airgapBundles} names and the Equinox HTTP bundles, registers the
     * settings (sessions end after {@code idleTimeout} without a request or {@code maxSessionLength} after
     * the login), and waits until the core services run and the endpoints answer.
     *
     * @param jettyId a name for this test's Jetty instance
     */
    public static ServerFixture start(String jettyId, Predicate<String> airgapBundles, Path data,
            Duration idleTimeout, Duration maxSessionLength) throws Exception {
        return start(jettyId, airgapBundles, data, idleTimeout, maxSessionLength, UnaryOperator.identity(), Map.of());
    }

    /**
     * The same, with the settings {@code adjust} changes from these defaults (kept across {@link #restart}) and
     * further Jetty settings ({@link JettyConstants}).
     */
    public static ServerFixture start(String jettyId, Predicate<String> airgapBundles, Path data,
            Duration idleTimeout, Duration maxSessionLength, UnaryOperator<ServerSettings> adjust,
            Map<String, Object> jettySettings) throws Exception {
        return start(jettyId, airgapBundles, data, idleTimeout, maxSessionLength, adjust, jettySettings, false);
    }

    /**
     * Like {@link #start(String, Predicate, Path, Duration, Duration)}, over HTTPS: the keystore of the
     * data directory's settings ({@code tls/server.p12}) is generated as {@code airgap-server init} does,
     * unless it is there already.
     */
    public static ServerFixture startHttps(String jettyId, Predicate<String> airgapBundles, Path data,
            Duration idleTimeout, Duration maxSessionLength) throws Exception {
        return startHttps(jettyId, airgapBundles, data, idleTimeout, maxSessionLength, UnaryOperator.identity(),
                Map.of());
    }

    /** The same, with the settings {@code adjust} changes and further Jetty settings. */
    public static ServerFixture startHttps(String jettyId, Predicate<String> airgapBundles, Path data,
            Duration idleTimeout, Duration maxSessionLength, UnaryOperator<ServerSettings> adjust,
            Map<String, Object> jettySettings) throws Exception {
        return start(jettyId, airgapBundles, data, idleTimeout, maxSessionLength, adjust, jettySettings, true);
    }

    private static ServerFixture start(String jettyId, Predicate<String> airgapBundles, Path data,
            Duration idleTimeout, Duration maxSessionLength, UnaryOperator<ServerSettings> adjust,
            Map<String, Object> jettySettings, boolean https) throws Exception {
        BundleContext context = FrameworkUtil.getBundle(ServerFixture.class).getBundleContext();
        startBundles(context, airgapBundles.or(name -> name.startsWith("org.eclipse.equinox.http.")));
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        PostgresCluster.useFor(data.toAbsolutePath()); // the metadata on PostgreSQL in that run (docs/scale-out.md)
        S3ProxyServer.useFor(data.toAbsolutePath()); // the content in S3 in that run
        ServerFixture server = new ServerFixture(context, jettyId, adjust, jettySettings, new ServerSettings(data,
                "127.0.0.1", port, idleTimeout, maxSessionLength, PASSWORD_ITERATIONS, MAX_UPLOAD_BYTES), https);
        if (https) {
            server.keystore = FixtureTls.keystore(server.settings);
        }
        // As airgap-server init does: the server signs what laptops sync with it.
        if (!ServerSigningKey.exists(server.settings.dataDirectory())) {
            ServerSigningKey.create(server.settings.dataDirectory());
        }
        server.register();
        server.startHttp();
        return server;
    }

    private static void startBundles(BundleContext context, Predicate<String> wanted) throws BundleException {
        for (Bundle bundle : context.getBundles()) {
            if (wanted.test(bundle.getSymbolicName()) && bundle.getHeaders().get("Fragment-Host") == null
                    && (bundle.getState() & (Bundle.STARTING | Bundle.ACTIVE)) == 0) {
                bundle.start(Bundle.START_ACTIVATION_POLICY); // lazy bundles activate on first use
            }
        }
    }

    /** Registers the settings and waits until the core services run on them. */
    private void register() throws InterruptedException {
        registration = context.registerService(ServerSettings.class, settings, null);
        repository();
        sessions();
    }

    public URI uri() {
        return URI.create((https ? "https" : "http") + "://127.0.0.1:" + port());
    }

    /** Whether the fixture serves HTTPS ({@link #startHttps}). */
    public boolean https() {
        return https;
    }

    /** The server's certificate (HTTPS only). */
    public X509Certificate certificate() {
        return httpsKeystore().certificate();
    }

    /** The fingerprint of the server's certificate, as {@code airgap-server fingerprint} prints it (HTTPS only). */
    public CertificateFingerprint fingerprint() {
        return httpsKeystore().fingerprint();
    }

    /** A TLS context that trusts exactly the server's certificate and nothing else (HTTPS only). */
    public SSLContext sslContext() {
        return FixtureTls.trustingOnly(httpsKeystore().certificate());
    }

    /** An HTTP client for {@link #uri()}: over HTTPS it trusts exactly the server's certificate. */
    public HttpClient.Builder httpClient() {
        HttpClient.Builder builder = HttpClient.newBuilder();
        return https ? builder.sslContext(sslContext()) : builder;
    }

    private ServerKeystore httpsKeystore() {
        if (keystore == null) {
            throw new IllegalStateException("this fixture serves plain HTTP: start it with ServerFixture.startHttps");
        }
        return keystore;
    }

    /** The server's signing key ({@code DATA/tls/signing.key}), as laptops pin it at their first login. */
    public ServerSigningKey signingKey() throws IOException {
        return ServerSigningKey.load(settings.dataDirectory());
    }

    public int port() {
        return settings.port();
    }

    public Path data() {
        return settings.dataDirectory();
    }

    public ServerSettings settings() {
        return settings;
    }

    public ServerRepository repository() throws InterruptedException {
        return service(ServerRepository.class);
    }

    public SessionManager sessions() throws InterruptedException {
        return service(SessionManager.class);
    }

    public void addUser(String name, Role role, String password) throws ServerException, InterruptedException {
        repository().addUser(name, role, password.toCharArray());
    }

    /** Imports folders, components, jobs and assignments, as {@code airgap-server import} does. */
    public void define(AdminImport definitions) throws ServerException, InterruptedException {
        repository().importDefinitions(definitions);
    }

    /** Starts Jetty on the fixture's port and waits until the endpoints answer. */
    public void startHttp() throws Exception {
        Hashtable<String, Object> jetty = new Hashtable<>();
        if (https) {
            jetty.putAll(FixtureTls.jettyHttps(port(), keystore));
        } else {
            jetty.put(JettyConstants.HTTP_PORT, Integer.valueOf(port()));
            jetty.put(JettyConstants.HTTP_HOST, "127.0.0.1");
        }
        jetty.putAll(jettySettings);
        JettyConfigurator.startServer(jettyId, jetty);
        httpRunning = true;
        awaitServed();
    }

    /** Stops Jetty: the network to the server is cut, its data stays. */
    public void stopHttp() throws Exception {
        if (httpRunning) {
            httpRunning = false;
            JettyConfigurator.stopServer(jettyId);
        }
    }

    /** A server restart: the core services start over on the same data directory (old tokens die). */
    public void restart() throws Exception {
        restart(settings.idleTimeout());
    }

    /** A server restart whose sessions end after {@code idleTimeout} without a request. */
    public void restart(Duration idleTimeout) throws Exception {
        String before = sessions().instanceId();
        registration.unregister();
        settings = adjust.apply(new ServerSettings(settings.dataDirectory(), settings.host(), settings.port(),
                idleTimeout, settings.maxSessionLength(), settings.passwordIterations(), settings.maxUploadBytes()));
        register();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (sessions().instanceId().equals(before)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the session manager did not restart within " + WAIT);
            }
            Thread.sleep(50);
        }
        awaitServed();
    }

    /** SCR registers the servlets asynchronously: wait until the jobs endpoint asks for a login. */
    private void awaitServed() throws Exception {
        HttpClient client = httpClient().build();
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
            registration.unregister(); // the core services stop and close the database
        }
    }
}
