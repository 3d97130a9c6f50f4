package org.airgap.server.http.internal;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A test against a server of its own, started for each test on a fresh data directory with the
 * {@link Fixture}'s users and definitions; a subclass's {@code @BeforeEach} runs once it answers.
 */
abstract class ServerTestBase {

    @TempDir
    Path data;
    TestServer server;
    ApiClient client;
    /** The administrator's token. */
    String admin;

    @BeforeEach
    void startServer() throws Exception {
        server = TestServer.start(data, Duration.ofMinutes(30));
        client = server.client;
        admin = Fixture.setUp(server);
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }
}
