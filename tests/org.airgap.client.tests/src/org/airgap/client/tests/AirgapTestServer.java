package org.airgap.client.tests;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.protocol.AdminImport;
import org.airgap.protocol.Assignment;
import org.airgap.protocol.Role;
import org.airgap.server.core.ServerSigningKey;
import org.airgap.testing.server.ServerFixture;

/**
 * The real Airgap server in the workbench's test runtime (the shared {@link ServerFixture}; the workbench
 * starts the other Airgap bundles). One technician, {@value #USER}, with one job assigned.
 */
final class AirgapTestServer implements AutoCloseable {

    static final String USER = "alice";
    static final String PASSWORD = "correct horse battery staple";
    static final String JOB = "job-press-1";
    static final String JOB_NAME = "Back up press 1";

    private final ServerFixture server;

    private AirgapTestServer(ServerFixture server) {
        this.server = server;
    }

    /** Starts the server with the session idle limit given; the user and the job are set up. */
    static AirgapTestServer start(Path data, Duration idleLimit) throws Exception {
        ServerFixture server = ServerFixture.start("airgap-workbench-test", ServerFixture.SERVER_BUNDLES, data,
                idleLimit, Duration.ofHours(8));
        server.addUser(USER, Role.TECHNICIAN, PASSWORD);
        JobOptions options = new JobOptions(1, Duration.ZERO, null, true, List.of(), List.of(), List.of());
        server.define(new AdminImport(List.of(new Folder("plant", "Plant", null)),
                List.of(new Component("press-1", "Press 1", "plant", "directory", Map.of())),
                List.of(new Job(JOB, "press-1", JOB_NAME, Map.of(), options)), List.of(new Assignment(JOB, USER))));
        return new AirgapTestServer(server);
    }

    /**
     * Restarts the server's core services on the same data (as a restart of the server process does):
     * every session token issued before is refused with RESTARTED.
     */
    void restart(Duration idleLimit) throws Exception {
        server.restart(idleLimit);
    }

    /** Stops answering on the port (the network or the server went away); the data stays. */
    void stopHttp() throws Exception {
        server.stopHttp();
    }

    /** Answers again on the same port. */
    void startHttp() throws Exception {
        server.startHttp();
    }

    URI uri() {
        return server.uri();
    }

    /** The key the server signs sync answers and offline logins with. */
    ServerSigningKey signingKey() throws java.io.IOException {
        return server.signingKey();
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
