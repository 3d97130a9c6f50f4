package org.airgap.session.internal;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.airgap.protocol.SessionPolicy;
import org.airgap.testing.MutableClock;
import org.airgap.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The setup the session service's tests share: a real workspace in a temporary folder and the session service
 * on it, with a clock the test moves and verifiers of {@link Verifiers#ITERATIONS}; both closed after each test.
 */
abstract class SessionOnWorkspace {

    static final SessionPolicy POLICY = new SessionPolicy(Duration.ofMinutes(30), Duration.ofHours(8));

    @TempDir
    Path folder;

    final MutableClock clock = new MutableClock(Instant.parse("2026-11-26T07:00:00Z"));
    Workspace workspace;
    LocalSessionService sessions;

    @BeforeEach
    void openWorkspace() throws Exception {
        workspace = Workspace.open(folder.resolve("workspace"));
        sessions = new LocalSessionService(workspace, clock, Verifiers.ITERATIONS);
    }

    @AfterEach
    void closeWorkspace() throws Exception {
        sessions.close();
        workspace.close();
    }
}
