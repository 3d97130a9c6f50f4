package org.airgap.session.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.airgap.audit.AuditAction;
import org.airgap.audit.AuditEntry;
import org.airgap.model.CompareResult;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.model.Run;
import org.airgap.model.RunOutcome;
import org.airgap.protocol.Role;
import org.airgap.protocol.SessionEndReason;
import org.airgap.protocol.SessionPolicy;
import org.airgap.session.ClientSession;
import org.airgap.session.SessionEvent;
import org.airgap.session.SessionException;
import org.airgap.session.SessionState;
import org.airgap.session.SessionStatus;
import org.airgap.workspace.SyncedData;
import org.airgap.workspace.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Offline logins, the local limits, persistence in the workspace and listeners, on a real workspace. */
class LocalSessionServiceTest extends SessionOnWorkspace {

    @BeforeEach
    void storeAnnasOfflineLogin() throws Exception {
        Verifiers.store(sessions, Verifiers.of("anna", Role.TECHNICIAN, "Plant-2026!"), POLICY);
    }

    @Test
    void offlineLoginWithTheRightPasswordStartsASessionWithTheSyncedLimits() throws Exception {
        ClientSession session = sessions.loginOffline("anna", "Plant-2026!".toCharArray());

        assertEquals("anna", session.user());
        assertEquals(Role.TECHNICIAN, session.role());
        assertFalse(session.online());
        assertNull(session.server());
        assertNull(session.token());
        assertEquals(clock.instant(), session.started());
        assertEquals(clock.instant().plus(Duration.ofMinutes(30)), session.idleEndsAt());
        assertEquals(clock.instant().plus(Duration.ofHours(8)), session.absoluteEndsAt());
        assertEquals(session, sessions.current().orElseThrow());
        assertEquals(SessionState.ACTIVE, sessions.status().state());
        assertEquals(List.of(AuditAction.LOGIN), actions());
    }

    @Test
    void offlineLoginWithAWrongPasswordIsRefusedAndStartsNothing() {
        SessionException refused = assertThrows(SessionException.class,
                () -> sessions.loginOffline("anna", "plant-2026!".toCharArray()));

        assertEquals(SessionException.Kind.WRONG_PASSWORD, refused.kind());
        assertEquals("wrong user name or password", refused.getMessage());
        assertTrue(sessions.current().isEmpty());
        assertEquals(SessionStatus.NONE, sessions.status());
    }

    @Test
    void offlineLoginOfAUserWithoutVerifierSaysToLogInOnlineFirst() {
        SessionException refused = assertThrows(SessionException.class,
                () -> sessions.loginOffline("bernd", "Plant-2026!".toCharArray()));

        assertEquals(SessionException.Kind.NO_OFFLINE_LOGIN, refused.kind());
        assertEquals("no offline login for bernd on this laptop: log in online and sync first", refused.getMessage());
        assertFalse(sessions.offlineLoginAvailable("bernd"));
        assertTrue(sessions.offlineLoginAvailable("anna"));
    }

    @Test
    void userNamesThatAreNoFileNamesStillGetTheirOwnVerifier() throws Exception {
        Verifiers.store(sessions, Verifiers.of("../x/Ölf", Role.ADMIN, "pw"), POLICY);

        assertEquals(Role.ADMIN, sessions.loginOffline("../x/Ölf", "pw".toCharArray()).role());
        try (var files = Files.list(sessions.folder())) {
            assertEquals(3, files.count(), "current.json and two verifiers, all inside the session folder");
        }
    }

    @Test
    void theIdleLimitEndsTheSessionUnlessThereIsActivity() throws Exception {
        sessions.loginOffline("anna", "Plant-2026!".toCharArray());
        clock.advance(Duration.ofMinutes(29));
        sessions.touch();
        clock.advance(Duration.ofMinutes(29));
        assertTrue(sessions.current().isPresent(), "activity 29 minutes ago keeps the session");
        Instant lastActivity = clock.instant().minus(Duration.ofMinutes(29));

        clock.advance(Duration.ofMinutes(2));

        assertTrue(sessions.current().isEmpty());
        SessionStatus status = sessions.status();
        assertEquals(SessionState.ENDED, status.state());
        assertEquals(SessionEndReason.IDLE, status.endReason());
        assertEquals(lastActivity.plus(Duration.ofMinutes(30)), status.endedAt());
        sessions.touch();
        assertTrue(sessions.current().isEmpty(), "activity after the end does not revive the session");
        SessionException required = assertThrows(SessionException.class, sessions::require);
        assertEquals(SessionException.Kind.NOT_LOGGED_IN, required.kind());
        assertEquals(SessionEndReason.IDLE, required.reason().orElseThrow());
        assertEquals(SessionEndReason.IDLE.message(), required.getMessage());
        assertEquals(List.of(AuditAction.LOGIN, AuditAction.LOGOUT), actions());
        assertEquals("IDLE", entries().get(1).details());
    }

    @Test
    void theAbsoluteLimitEndsEvenAnActiveSession() throws Exception {
        ClientSession session = sessions.loginOffline("anna", "Plant-2026!".toCharArray());
        for (int i = 0; i < 23; i++) {
            clock.advance(Duration.ofMinutes(20));
            sessions.touch();
        }
        assertTrue(sessions.current().isPresent(), "7 h 40 min with activity every 20 minutes");

        clock.advance(Duration.ofMinutes(20));

        assertTrue(sessions.current().isEmpty());
        assertEquals(SessionEndReason.EXPIRED, sessions.status().endReason());
        assertEquals(session.absoluteEndsAt(), sessions.status().endedAt());
    }

    @Test
    void whenBothLimitsPassedUnobservedTheOneReachedFirstIsTheReason() throws Exception {
        Verifiers.store(sessions, Verifiers.of("carl", Role.TECHNICIAN, "pw"),
                new SessionPolicy(Duration.ofHours(2), Duration.ofHours(1)));
        sessions.loginOffline("carl", "pw".toCharArray());

        clock.advance(Duration.ofHours(3));

        assertEquals(SessionEndReason.EXPIRED, sessions.status().endReason());
    }

    /** A real-clock service where dora may log in offline under {@code policy}; events go to {@code events}. */
    private LocalSessionService realClockServiceForDora(SessionPolicy policy, List<SessionEvent> events)
            throws Exception {
        LocalSessionService real = new LocalSessionService(workspace, java.time.Clock.systemUTC(), Verifiers.ITERATIONS);
        Verifiers.store(real, Verifiers.of("dora", Role.TECHNICIAN, "pw"), policy);
        real.addListener(events::add);
        return real;
    }

    @Test
    void realShortLimitsEndTheSessionOnTheirOwnAndNotifyListeners() throws Exception {
        List<SessionEvent> events = new CopyOnWriteArrayList<>();
        try (LocalSessionService real = realClockServiceForDora(
                new SessionPolicy(Duration.ofMillis(400), Duration.ofSeconds(30)), events)) {
            ClientSession session = real.loginOffline("dora", "pw".toCharArray());
            for (int i = 0; i < 8; i++) {
                Thread.sleep(150);
                real.touch();
            }
            assertTrue(real.current().isPresent(), "1.2 s of activity every 150 ms keeps a 400 ms idle limit");

            // Nobody asks: the service's timer ends the session and tells the listeners.
            waitFor(() -> events.size() == 2, Duration.ofSeconds(5));

            assertEquals(SessionEvent.Type.STARTED, events.get(0).type());
            assertEquals(session, events.get(0).session());
            assertEquals(SessionEvent.Type.ENDED, events.get(1).type());
            assertEquals(SessionEndReason.IDLE, events.get(1).reason());
            assertEquals(SessionEndReason.IDLE, real.status().endReason());
        }
    }

    @Test
    void realShortAbsoluteLimitEndsAnActiveSession() throws Exception {
        List<SessionEvent> events = new CopyOnWriteArrayList<>();
        try (LocalSessionService real = realClockServiceForDora(
                new SessionPolicy(Duration.ofSeconds(30), Duration.ofMillis(700)), events)) {
            real.loginOffline("dora", "pw".toCharArray());
            long start = System.nanoTime();
            while (System.nanoTime() - start < Duration.ofMillis(1500).toNanos()) {
                real.touch();
                Thread.sleep(50);
            }
            assertTrue(real.current().isEmpty());
            assertEquals(SessionEndReason.EXPIRED, real.status().endReason());
            assertEquals(SessionEvent.Type.ENDED, events.get(events.size() - 1).type());
            assertEquals(2, events.size(), "ended once, touches afterwards change nothing");
        }
    }

    @Test
    void theSessionSurvivesTheProcessLikeTwoCommandsOfTheCommandLine() throws Exception {
        ClientSession session = sessions.loginOffline("anna", "Plant-2026!".toCharArray());
        clock.advance(Duration.ofSeconds(10));
        sessions.touch(); // written: the last write was 10 s ago
        clock.advance(Duration.ofSeconds(2));
        sessions.touch(); // kept in memory only: written at most every few seconds
        Instant writtenActivity = clock.instant().minus(Duration.ofSeconds(2));
        Path current = sessions.folder().resolve("current.json");
        assertTrue(opened(current).contains(writtenActivity.toString()));
        assertFalse(opened(current).contains(clock.instant().toString()));
        assertFalse(Files.readString(current, java.nio.charset.StandardCharsets.ISO_8859_1).contains("anna"),
                "the session file is sealed under the workspace's key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(current)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(sessions.folder())));
        sessions.close(); // a process that ends writes what it kept in memory
        workspace.close();

        workspace = Workspace.open(folder.resolve("workspace"));
        sessions = new LocalSessionService(workspace, clock, Verifiers.ITERATIONS);
        ClientSession reopened = sessions.current().orElseThrow();
        assertEquals(session.withLastActivity(clock.instant()), reopened);
        sessions.logout();
        sessions.close();

        assertEquals(SessionEndReason.LOGGED_OUT, sessions.status().endReason());
        assertEquals("anna", sessions.status().session().user());
        sessions.close();

        // The ended session's file is sealed and its key is gone: the next process sees no session, and no name.
        sessions = new LocalSessionService(workspace, clock, Verifiers.ITERATIONS);
        assertTrue(sessions.current().isEmpty());
        assertEquals(SessionStatus.NONE, sessions.status());
    }

    @Test
    void aSessionWhoseLimitPassedWhileNoProcessRanIsEndedByTheNextOne() throws Exception {
        sessions.loginOffline("anna", "Plant-2026!".toCharArray());
        sessions.close();
        clock.advance(Duration.ofMinutes(31));

        sessions = new LocalSessionService(workspace, clock, Verifiers.ITERATIONS);

        assertTrue(sessions.current().isEmpty());
        assertEquals(SessionEndReason.IDLE, sessions.status().endReason());
    }

    @Test
    void aDamagedSessionFileMeansLoggedOutNotLockedOut() throws Exception {
        sessions.loginOffline("anna", "Plant-2026!".toCharArray());
        sessions.close();
        Files.writeString(sessions.folder().resolve("current.json"), "{\"user\": ");

        sessions = new LocalSessionService(workspace, clock, Verifiers.ITERATIONS);

        assertEquals(SessionStatus.NONE, sessions.status());
        assertEquals("anna", sessions.loginOffline("anna", "Plant-2026!".toCharArray()).user());
    }

    @Test
    void listenersHearStartsAndEndsUntilRemoved() throws Exception {
        Verifiers.store(sessions, Verifiers.of("bernd", Role.TECHNICIAN, "pw"), POLICY);
        List<SessionEvent> events = new CopyOnWriteArrayList<>();
        java.util.function.Consumer<SessionEvent> listener = events::add;
        sessions.addListener(listener);
        sessions.addListener(event -> {
            throw new IllegalStateException("a failing listener does not stop the others");
        });

        ClientSession anna = sessions.loginOffline("anna", "Plant-2026!".toCharArray());
        ClientSession bernd = sessions.loginOffline("bernd", "pw".toCharArray());
        sessions.logout();
        sessions.logout();
        sessions.removeListener(listener);
        sessions.loginOffline("anna", "Plant-2026!".toCharArray());

        assertEquals(List.of(new SessionEvent(SessionEvent.Type.STARTED, anna, null),
                new SessionEvent(SessionEvent.Type.ENDED, anna, SessionEndReason.LOGGED_OUT),
                new SessionEvent(SessionEvent.Type.STARTED, bernd, null),
                new SessionEvent(SessionEvent.Type.ENDED, bernd, SessionEndReason.LOGGED_OUT)), events);
    }

    @Test
    void anEndedSessionKeepsRunsAndQueuedUploads() throws Exception {
        JobOptions options = JobOptions.defaults();
        workspace.replaceSynced(new SyncedData(List.of(new Folder("hall", "Hall", null)),
                List.of(new Component("plc", "PLC", "hall", "modbus-tcp", Map.of("host", "10.0.0.7"))),
                List.of(new Job("job-plc", "plc", "PLC registers", Map.of(), options)), List.of()), "anna");
        sessions.loginOffline("anna", "Plant-2026!".toCharArray());
        Run running = workspace.startRun("job-plc", "anna");
        workspace.finishRun(new Run(running.id(), running.jobId(), running.start(), running.start().plusSeconds(1), 1,
                RunOutcome.FAILED, null, null, CompareResult.ERROR, CompareResult.ERROR, running.messages()), "anna");

        clock.advance(Duration.ofHours(9));
        assertTrue(sessions.current().isEmpty());
        // The encrypted workspace is locked with the session's end; the next login finds everything kept.
        assertThrows(IOException.class, workspace::runs);
        sessions.loginOffline("anna", "Plant-2026!".toCharArray());

        assertEquals(List.of(running.id()), workspace.pendingUploads().stream().map(Run::id).toList());
        assertEquals(1, workspace.runs().size());
    }

    @Test
    void endedByTheServerEndsOnlyTheSessionOfThatToken() throws Exception {
        ClientSession offline = sessions.loginOffline("anna", "Plant-2026!".toCharArray());
        ClientSession otherToken = new ClientSession("anna", Role.TECHNICIAN, true, java.net.URI.create("http://x"),
                "t-1", offline.started(), offline.lastActivity(), Duration.ofHours(1), Duration.ofHours(2));

        sessions.endedByServer(otherToken, SessionEndReason.RESTARTED);

        assertTrue(sessions.current().isPresent());
    }

    private List<AuditAction> actions() throws IOException {
        return entries().stream().map(AuditEntry::action).toList();
    }

    /** The audit trail's entries, read with anna's key: it is sealed, and locked once her session ended. */
    private List<AuditEntry> entries() throws IOException {
        if (!workspace.unlocked()) {
            workspace.unlock(org.airgap.workspace.WorkspaceKeys.of(workspace.location()).unlock("anna",
                    "Plant-2026!".toCharArray()));
        }
        return workspace.audit().entries();
    }

    /** The session file's content, opened with anna's key (docs/formats.md, "Workspace"). */
    private String opened(Path current) throws IOException {
        org.airgap.store.StoreKeys keys = org.airgap.store.StoreKeys.locked();
        keys.unlock(org.airgap.workspace.WorkspaceKeys.of(workspace.location()).unlock("anna", "Plant-2026!".toCharArray()));
        return new String(keys.open(Files.readAllBytes(current), "session/current.json", current,
                org.airgap.store.StoreException.Kind.CORRUPT_MANIFEST), java.nio.charset.StandardCharsets.UTF_8);
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, Duration limit) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(condition.getAsBoolean(), "condition not met within " + limit);
    }
}
