package org.airgap.server.http.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import org.airgap.protocol.Role;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerRepository;
import org.airgap.server.core.ServerSettings;
import org.airgap.testing.server.ServerFixture;

/**
 * The server as the product runs it, in the test's framework (the shared {@link ServerFixture}), with
 * a client of the HTTP API and every one of this bundle's servlets answering.
 */
final class TestServer implements AutoCloseable {

    static final String PASSWORD = "correct horse battery staple";

    final Path data;
    final int port;
    final ApiClient client;
    final ServerRepository repository;
    private final ServerFixture server;

    private TestServer(ServerFixture server) throws InterruptedException {
        this.server = server;
        this.data = server.data();
        this.port = server.port();
        this.repository = server.repository();
        this.client = new ApiClient(server.uri().toString(), server.httpClient());
    }

    /** A client of this server's API, over HTTPS trusting exactly its certificate when it serves HTTPS. */
    ApiClient newClient() {
        return new ApiClient(server.uri().toString(), server.httpClient());
    }

    /** A server as {@link #start(Path, Duration)} starts it, over HTTPS as the product serves by default. */
    static TestServer startHttps(Path data, Duration idleTimeout) throws Exception {
        TestServer server = new TestServer(ServerFixture.startHttps("airgap-http-test", ServerFixture.ALL_AIRGAP_BUNDLES,
                data, idleTimeout, Duration.ofHours(8), TestServer::quickHashing, Map.of()));
        server.client.awaitServed(ServerFixture.WAIT);
        return server;
    }

    static TestServer start(Path data, Duration idleTimeout) throws Exception {
        return start(data, idleTimeout, UnaryOperator.identity(), Map.of());
    }

    /** With server.ini's {@code [Upload] partExpiry} and {@code maxPendingBytesPerUser}. */
    static TestServer start(Path data, Duration idleTimeout, Duration partExpiry, long maxPendingBytesPerUser)
            throws Exception {
        return start(data, idleTimeout, s -> new ServerSettings(s.dataDirectory(), s.host(), s.port(),
                s.idleTimeout(), s.maxSessionLength(), s.passwordIterations(), s.maxUploadBytes(), partExpiry,
                maxPendingBytesPerUser, s.login()), Map.of());
    }

    /**
     * A server whose settings {@code adjust} changes from the test defaults, with further Jetty settings
     * ({@link org.eclipse.equinox.http.jetty.JettyConstants}).
     */
    static TestServer start(Path data, Duration idleTimeout, UnaryOperator<ServerSettings> adjust,
            Map<String, Object> jettySettings) throws Exception {
        TestServer server = new TestServer(ServerFixture.start("airgap-http-test", ServerFixture.ALL_AIRGAP_BUNDLES,
                data, idleTimeout, Duration.ofHours(8), settings -> adjust.apply(quickHashing(settings)), jettySettings));
        server.client.awaitServed(ServerFixture.WAIT);
        return server;
    }

    /** No laptop logs in offline here: hashing with fewer iterations keeps these tests quick. */
    private static ServerSettings quickHashing(ServerSettings s) {
        return new ServerSettings(s.dataDirectory(), s.host(), s.port(), s.idleTimeout(), s.maxSessionLength(),
                ServerFixture.QUICK_PASSWORD_ITERATIONS, s.maxUploadBytes(), s.partExpiry(), s.maxPendingBytesPerUser(),
                s.login(), s.tls());
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

    /** Runs SQL on the database of a server that is stopped, to make a state the API cannot (old rows, edits). */
    static void editStoppedDatabase(ServerSettings settings, String... statements) throws SQLException {
        Properties user = new Properties();
        user.setProperty("user", "airgap");
        try (Connection connection = new org.h2.Driver().connect("jdbc:h2:file:"
                + settings.databaseFile().toAbsolutePath(), user); Statement sql = connection.createStatement()) {
            for (String statement : statements) {
                sql.executeUpdate(statement);
            }
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        // Jetty's connector may answer a moment longer; the next test waits for its own port anyway.
        TimeUnit.MILLISECONDS.sleep(10);
    }
}
