package org.airgap.server.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.airgap.protocol.Role;
import org.airgap.protocol.UserInfo;
import org.airgap.server.core.LoginRecord;
import org.airgap.server.core.LoginRecord.Outcome;
import org.airgap.server.core.ServerSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * After passwordIterations is raised, a user's hash is upgraded at the next successful login, and an
 * unknown user costs the configured iterations: checking an old user's password then costs the same as
 * checking an unknown one. The iterations are observed through {@link Passwords#observer}, not timed.
 * Also the server's own audit trail of logins.
 */
class PasswordsAndLoginAuditTest {

    private static final char[] PASSWORD = "plant password".toCharArray();

    @TempDir
    Path dir;
    private final List<Integer> computed = new CopyOnWriteArrayList<>();

    @BeforeEach
    void observe() {
        Passwords.observer = computed::add;
    }

    @AfterEach
    void stopObserving() {
        Passwords.observer = iterations -> {
        };
    }

    private H2ServerRepository open(int iterations) throws Exception {
        ServerSettings base = ServerFixtures.settings(dir.resolve("data"));
        return H2ServerRepository.open(new ServerSettings(base.dataDirectory(), base.host(), base.port(),
                base.idleTimeout(), base.maxSessionLength(), iterations, base.maxUploadBytes()),
                new ServerFixtures.MovableClock(ServerFixtures.T0));
    }

    @Test
    void raisedIterationsUpgradeTheHashAtTheNextSuccessfulLogin() throws Exception {
        H2ServerRepository before = open(600_000);
        before.addUser("tech1", Role.TECHNICIAN, PASSWORD);
        before.deactivate();

        H2ServerRepository after = open(700_000);
        try {
            computed.clear();
            assertTrue(after.checkPassword("tech1", "wrong password".toCharArray()).isEmpty());
            assertEquals(List.of(600_000), computed, "a wrong password checks the old hash and upgrades nothing");
            computed.clear();
            assertEquals(new UserInfo("tech1", Role.TECHNICIAN), after.checkPassword("tech1", PASSWORD).orElseThrow());
            assertEquals(List.of(600_000, 700_000), computed, "checked against the old hash, then rehashed");
            computed.clear();
            assertTrue(after.checkPassword("tech1", PASSWORD).isPresent());
            assertEquals(List.of(700_000), computed, "the stored hash now has the raised iterations");
        } finally {
            after.deactivate();
        }
        H2ServerRepository reopened = open(700_000);
        try {
            computed.clear();
            assertTrue(reopened.checkPassword("tech1", PASSWORD).isPresent());
            assertEquals(List.of(700_000), computed, "the upgrade was stored");
        } finally {
            reopened.deactivate();
        }
    }

    @Test
    void anUnknownUserCostsTheConfiguredIterations() throws Exception {
        H2ServerRepository repository = open(700_000);
        try {
            computed.clear();
            assertTrue(repository.checkPassword("nobody", PASSWORD).isEmpty());
            assertEquals(List.of(700_000), computed);
        } finally {
            repository.deactivate();
        }
    }

    @Test
    void theServersLoginAuditTrailKeepsEachAttemptNewestFirst() throws Exception {
        H2ServerRepository repository = open(600_000);
        try {
            repository.recordLogin("tech1", "10.0.0.5", Outcome.FAILED);
            repository.recordLogin("x".repeat(100), "10.0.0.6", Outcome.THROTTLED);
            assertEquals(List.of(new LoginRecord(ServerFixtures.T0, "x".repeat(64), "10.0.0.6",
                    Outcome.THROTTLED),
                    new LoginRecord(ServerFixtures.T0, "tech1", "10.0.0.5",
                            Outcome.FAILED)),
                    repository.logins(10));
            assertEquals(1, repository.logins(1).size());
            assertTrue(repository.appliedSchemaVersions().contains(3));
        } finally {
            repository.deactivate();
        }
    }
}
