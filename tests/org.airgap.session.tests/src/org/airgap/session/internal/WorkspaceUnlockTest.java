package org.airgap.session.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.airgap.protocol.Role;
import org.airgap.protocol.SessionPolicy;
import org.airgap.session.SessionException;
import org.airgap.testing.MutableClock;
import org.airgap.testing.SystemProperty;
import org.airgap.workspace.Workspace;
import org.airgap.workspace.WorkspaceKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The login unlocks the encrypted workspace: the first login creates the data key and seals what was
 * plain, the key reaches the next process through the runtime folder only while the session lasts, a
 * user without a key slot or with a password that does not open theirs is refused with a clear message.
 */
class WorkspaceUnlockTest {

    private static final SessionPolicy POLICY = new SessionPolicy(Duration.ofMinutes(30), Duration.ofHours(8));
    private static final String PASSWORD = "Plant-2026!";
    /** Key slots with the fewest PBKDF2 iterations a slot may have, for the tests' speed. */
    @RegisterExtension
    static final SystemProperty FEW_ITERATIONS = new SystemProperty("airgap.keyslot.iterations",
            String.valueOf(WorkspaceKeys.MIN_ITERATIONS));

    @TempDir
    static Path runtime;

    @TempDir
    Path folder;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T07:00:00Z"));

    private static String buildRuntime;

    @BeforeAll
    static void settings() {
        buildRuntime = System.setProperty("airgap.runtime.dir", runtime.toString());
    }

    @AfterAll
    static void clearSettings() {
        if (buildRuntime == null) {
            System.clearProperty("airgap.runtime.dir");
        } else {
            System.setProperty("airgap.runtime.dir", buildRuntime);
        }
    }

    @Test
    void theFirstLoginSealsThePlainWorkspaceAndTheNextProcessUnlocksOnlyDuringTheSession() throws Exception {
        Path location = folder.resolve("workspace");
        String blob;
        try (Workspace workspace = Workspace.open(location);
                LocalSessionService sessions = new LocalSessionService(workspace, clock, Verifiers.ITERATIONS)) {
            blob = workspace.store().putBlob(new ByteArrayInputStream("MARKER-plain-before".getBytes(StandardCharsets.UTF_8)));
            Verifiers.store(sessions, Verifiers.of("anna", Role.TECHNICIAN, PASSWORD), POLICY);
            sessions.loginOffline("anna", PASSWORD.toCharArray());
            assertTrue(workspace.encrypted() && workspace.unlocked());
            assertEquals("MARKER-plain-before", new String(workspace.store().openBlob(blob).readAllBytes(), StandardCharsets.UTF_8));
        }
        assertFalse(Files.exists(location.resolve("store/blobs").resolve(blob.substring(0, 2)).resolve(blob)));
        Path keyFile = new UnlockedKeyFile(location).file();
        assertTrue(Files.exists(keyFile), "the active session's key waits in the runtime folder");

        try (Workspace workspace = Workspace.open(location);
                LocalSessionService sessions = new LocalSessionService(workspace, clock, Verifiers.ITERATIONS)) {
            assertTrue(workspace.unlocked(), "the next process of the session unlocks with it");
            assertArrayEquals("MARKER-plain-before".getBytes(StandardCharsets.UTF_8), workspace.store().openBlob(blob).readAllBytes());
            sessions.logout();
            assertFalse(workspace.unlocked());
            assertFalse(Files.exists(keyFile));
            assertThrows(UncheckedIOException.class, () -> workspace.store().openBlob(blob));
        }
        try (Workspace workspace = Workspace.open(location);
                LocalSessionService sessions = new LocalSessionService(workspace, clock, Verifiers.ITERATIONS)) {
            assertFalse(workspace.unlocked(), "no session, no key");
            assertTrue(sessions.current().isEmpty());
        }
    }

    @Test
    void aUserWithoutASlotIsRefusedUnlessAnotherSessionHoldsTheKeyAndAnEndedSessionLocks() throws Exception {
        try (Workspace workspace = Workspace.open(folder.resolve("workspace"));
                LocalSessionService sessions = new LocalSessionService(workspace, clock, Verifiers.ITERATIONS)) {
            Verifiers.store(sessions, Verifiers.of("anna", Role.TECHNICIAN, PASSWORD), POLICY);
            Verifiers.store(sessions, Verifiers.of("bernd", Role.TECHNICIAN, "bernd-pw"), POLICY);
            sessions.loginOffline("anna", PASSWORD.toCharArray());
            sessions.logout();

            SessionException refused = assertThrows(SessionException.class,
                    () -> sessions.loginOffline("bernd", "bernd-pw".toCharArray()));
            assertEquals(SessionException.Kind.REFUSED, refused.kind());
            assertTrue(refused.getMessage().contains("bernd has no key on it (it has keys for anna)"), refused.getMessage());
            assertFalse(workspace.unlocked());

            sessions.loginOffline("anna", PASSWORD.toCharArray());
            sessions.loginOffline("bernd", "bernd-pw".toCharArray()); // while anna's session holds the key
            assertEquals(java.util.List.of("anna", "bernd"), WorkspaceKeys.of(workspace.location()).users());
            sessions.logout();
            sessions.loginOffline("bernd", "bernd-pw".toCharArray());
            assertTrue(workspace.unlocked());
            clock.advance(Duration.ofMinutes(31));
            assertTrue(sessions.current().isEmpty());
            assertFalse(workspace.unlocked(), "the idle limit locks the workspace");
        }
    }

    @Test
    void aPasswordThatPassesTheVerifierButNotTheSlotIsAClearWrongPassword() throws Exception {
        try (Workspace workspace = Workspace.open(folder.resolve("workspace"));
                LocalSessionService sessions = new LocalSessionService(workspace, clock, Verifiers.ITERATIONS)) {
            Verifiers.store(sessions, Verifiers.of("anna", Role.TECHNICIAN, PASSWORD), POLICY);
            sessions.loginOffline("anna", PASSWORD.toCharArray());
            sessions.logout();
            WorkspaceKeys.of(workspace.location()).changePassword("anna", PASSWORD.toCharArray(), "Newer-2027!".toCharArray());

            SessionException refused = assertThrows(SessionException.class,
                    () -> sessions.loginOffline("anna", PASSWORD.toCharArray()));
            assertEquals(SessionException.Kind.WRONG_PASSWORD, refused.kind());
            assertEquals("wrong password for anna's key on this workspace: the workspace stays locked", refused.getMessage());
            assertTrue(sessions.current().isEmpty());
            assertFalse(workspace.unlocked());
        }
    }
}
