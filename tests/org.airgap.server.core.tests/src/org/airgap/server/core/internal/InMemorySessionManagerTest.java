package org.airgap.server.core.internal;

import static org.airgap.server.core.internal.ServerFixtures.settings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.airgap.protocol.LoginResponse;
import org.airgap.protocol.OfflineVerifier;
import org.airgap.protocol.OpenSession;
import org.airgap.protocol.Role;
import org.airgap.protocol.SessionEndReason;
import org.airgap.protocol.SessionPolicy;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.airgap.server.core.ServerSession;
import org.airgap.server.core.ServerSettings;
import org.airgap.server.core.SessionRefusedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sessions against a real repository: limits on a clock the test moves, and on the real clock. */
class InMemorySessionManagerTest {

    private static final char[] PASSWORD = "plant password".toCharArray();
    private static final Duration IDLE = Duration.ofMinutes(120);
    private static final Duration MAX = Duration.ofHours(48);

    @TempDir
    Path dir;

    private final ServerFixtures.MovableClock clock = new ServerFixtures.MovableClock(Instant.parse("2026-03-02T10:00:00Z"));
    private ServerSettings settings;
    private H2ServerRepository repository;
    private InMemorySessionManager sessions;

    @BeforeEach
    void open() throws Exception {
        settings = settings(dir.resolve("data"), IDLE, MAX);
        repository = H2ServerRepository.open(settings, clock);
        repository.addUser("tech1", Role.TECHNICIAN, PASSWORD);
        sessions = new InMemorySessionManager(repository, settings, clock);
    }

    @AfterEach
    void close() {
        repository.deactivate();
    }

    @Test
    void loginReturnsATokenOfThisStartWithThePolicyAndLimits() throws Exception {
        LoginResponse login = sessions.login("tech1", PASSWORD);
        assertEquals("tech1", login.user());
        assertEquals(Role.TECHNICIAN, login.role());
        assertEquals(new SessionPolicy(IDLE, MAX), login.policy());
        assertEquals(clock.instant().plus(IDLE), login.idleEndsAt());
        assertEquals(clock.instant().plus(MAX), login.absoluteEndsAt());
        assertEquals(sessions.instanceId(), login.serverInstance());
        assertTrue(login.token().startsWith(sessions.instanceId() + "."), login.token());
        assertEquals(32, Base64.getUrlDecoder().decode(login.token().substring(login.token().indexOf('.') + 1)).length);

        clock.advance(Duration.ofMinutes(10));
        ServerSession session = sessions.authenticate(login.token());
        assertEquals(new ServerSession(login.token(), "tech1", Role.TECHNICIAN, clock.instant().minus(Duration.ofMinutes(10)),
                clock.instant(), clock.instant().plus(IDLE), login.absoluteEndsAt()), session);
        assertNotEquals(login.token(), sessions.login("tech1", PASSWORD).token());
    }

    @Test
    void aWrongPasswordAndAnUnknownUserGetTheSameAnswer() {
        ServerException wrong = assertThrows(ServerException.class, () -> sessions.login("tech1", "nope".toCharArray()));
        ServerException unknown = assertThrows(ServerException.class, () -> sessions.login("tech9", PASSWORD));
        assertEquals(Kind.UNAUTHORIZED, wrong.kind());
        assertEquals("wrong user name or password", wrong.getMessage());
        assertEquals(wrong.getMessage(), unknown.getMessage());
    }

    @Test
    void endingAUsersSessionsRefusesAllTheirTokensWithTheReasonAndSparesOthers() throws Exception {
        repository.addUser("tech2", Role.TECHNICIAN, PASSWORD);
        String first = sessions.login("tech1", PASSWORD).token();
        String second = sessions.login("tech1", PASSWORD).token();
        String other = sessions.login("tech2", PASSWORD).token();
        assertEquals(2, sessions.endSessions("tech1", SessionEndReason.DISABLED));
        for (String token : new String[] { first, second }) {
            assertEquals(SessionEndReason.DISABLED,
                    assertThrows(SessionRefusedException.class, () -> sessions.authenticate(token)).reason());
        }
        assertEquals("tech2", sessions.authenticate(other).user());
        assertEquals(0, sessions.endSessions("tech1", SessionEndReason.DISABLED));
    }

    @Test
    void endingEverySessionSparesTheCallersAndLeavesAnIdleOneItsOwnReason() throws Exception {
        repository.addUser("tech2", Role.TECHNICIAN, PASSWORD);
        repository.addUser("admin", Role.ADMIN, PASSWORD);
        String idle = sessions.login("tech2", PASSWORD).token();
        clock.advance(IDLE.plusSeconds(1));
        String tech = sessions.login("tech1", PASSWORD).token();
        clock.advance(Duration.ofSeconds(1));
        String admin = sessions.login("admin", PASSWORD).token();

        assertEquals(List.of("tech1", "admin"), sessions.openSessions(admin).stream().map(OpenSession::user).toList(),
                "the idle session is not open any more");
        assertEquals(List.of(false, true), sessions.openSessions(admin).stream().map(OpenSession::yours).toList());
        assertEquals(1, sessions.endAllSessions(admin, SessionEndReason.ENDED_BY_ADMINISTRATOR));

        assertRefused(SessionEndReason.ENDED_BY_ADMINISTRATOR, tech);
        assertRefused(SessionEndReason.IDLE, idle);
        assertEquals("admin", sessions.authenticate(admin).user());
        assertEquals(0, sessions.endAllSessions(admin, SessionEndReason.ENDED_BY_ADMINISTRATOR));
    }

    @Test
    void aDisabledUserGetsTheAnswerOfAWrongPassword() throws Exception {
        repository.addUser("admin", Role.ADMIN, PASSWORD);
        repository.setDisabled("admin", "tech1", true);
        ServerException disabled = assertThrows(ServerException.class, () -> sessions.login("tech1", PASSWORD));
        assertEquals(Kind.UNAUTHORIZED, disabled.kind());
        assertEquals("wrong user name or password", disabled.getMessage());
    }

    @Test
    void anIdleSessionEndsAndActivityKeepsItOpen() throws Exception {
        String token = sessions.login("tech1", PASSWORD).token();
        clock.advance(IDLE);
        sessions.authenticate(token); // exactly at the limit: still open, and counts as activity
        clock.advance(IDLE.minusSeconds(1));
        sessions.authenticate(token);
        clock.advance(IDLE.plusSeconds(1));
        assertRefused(SessionEndReason.IDLE, token);
        clock.advance(Duration.ofSeconds(1));
        assertRefused(SessionEndReason.IDLE, token);
    }

    @Test
    void anActiveSessionStillEndsAtItsMaximumLength() throws Exception {
        String token = sessions.login("tech1", PASSWORD).token();
        for (Duration elapsed = Duration.ZERO; elapsed.compareTo(MAX) < 0; elapsed = elapsed.plus(Duration.ofHours(1))) {
            clock.advance(Duration.ofHours(1));
            sessions.authenticate(token);
        }
        clock.advance(Duration.ofSeconds(1));
        assertRefused(SessionEndReason.EXPIRED, token);
    }

    @Test
    void aTokenOfAnEarlierServerStartIsRefusedAsRestarted() throws Exception {
        String token = sessions.login("tech1", PASSWORD).token();
        InMemorySessionManager restarted = new InMemorySessionManager(repository, settings, clock);
        assertNotEquals(sessions.instanceId(), restarted.instanceId());
        SessionRefusedException refused = assertThrows(SessionRefusedException.class, () -> restarted.authenticate(token));
        assertEquals(SessionEndReason.RESTARTED, refused.reason());
        assertEquals("the server was restarted — log in again", refused.getMessage());
        assertEquals(Kind.UNAUTHORIZED, refused.kind());
    }

    @Test
    void logoutEndsTheTokenAndUnknownOrMissingTokensAreRefused() throws Exception {
        String token = sessions.login("tech1", PASSWORD).token();
        sessions.logout(token);
        assertRefused(SessionEndReason.LOGGED_OUT, token);
        assertRefused(SessionEndReason.UNKNOWN_TOKEN, sessions.instanceId() + ".bm90LWEtdG9rZW4");
        assertRefused(SessionEndReason.UNKNOWN_TOKEN, "garbage");
        assertRefused(SessionEndReason.NO_TOKEN, null);
        assertRefused(SessionEndReason.NO_TOKEN, "  ");
    }

    @Test
    void theOfflineVerifierIsAFreshPbkdf2OfThePasswordNotTheServersHash() throws Exception {
        LoginResponse login = sessions.login("tech1", PASSWORD);
        ServerSession session = sessions.authenticate(login.token());
        OfflineVerifier verifier = sessions.offlineVerifier(session);
        assertEquals("tech1", verifier.user());
        assertEquals(Role.TECHNICIAN, verifier.role());
        assertEquals("PBKDF2WithHmacSHA256", verifier.algorithm());
        assertEquals(settings.passwordIterations(), verifier.iterations());
        byte[] salt = Base64.getDecoder().decode(verifier.salt());
        assertEquals(16, salt.length);
        assertArrayEquals(Base64.getDecoder().decode(verifier.hash()), Passwords.pbkdf2(PASSWORD, salt, verifier.iterations()));
        assertFalse(java.util.Arrays.equals(Base64.getDecoder().decode(verifier.hash()),
                Passwords.pbkdf2("other".toCharArray(), salt, verifier.iterations())));
        // A second login gets another salt: a verifier never repeats the server's stored hash.
        LoginResponse again = sessions.login("tech1", PASSWORD);
        assertNotEquals(verifier.salt(),
                sessions.offlineVerifier(sessions.authenticate(again.token())).salt());
    }

    @Test
    void realTimeLimitsEndSessions() throws Exception {
        // One manager per limit: a login's PBKDF2 takes a while on a busy machine and must not count.
        InMemorySessionManager idleAfterOneSecond = new InMemorySessionManager(repository,
                settings(dir.resolve("data"), Duration.ofSeconds(1), Duration.ofHours(1)), Clock.systemUTC());
        String idle = idleAfterOneSecond.login("tech1", PASSWORD).token();
        Thread.sleep(1500);
        assertEquals(SessionEndReason.IDLE,
                assertThrows(SessionRefusedException.class, () -> idleAfterOneSecond.authenticate(idle)).reason());

        Duration max = Duration.ofSeconds(2);
        InMemorySessionManager endsAfterTwoSeconds = new InMemorySessionManager(repository,
                settings(dir.resolve("data"), Duration.ofSeconds(1), max), Clock.systemUTC());
        String busy = endsAfterTwoSeconds.login("tech1", PASSWORD).token();
        keepActive(endsAfterTwoSeconds, busy, max.plusMillis(500));
        assertEquals(SessionEndReason.EXPIRED,
                assertThrows(SessionRefusedException.class, () -> endsAfterTwoSeconds.authenticate(busy)).reason());
    }

    /** Uses the session every 200 ms for {@code duration}, or until it is refused. */
    private static void keepActive(InMemorySessionManager sessions, String token, Duration duration)
            throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            Thread.sleep(200);
            try {
                sessions.authenticate(token);
            } catch (SessionRefusedException e) {
                return;
            }
        }
    }

    private void assertRefused(SessionEndReason reason, String token) {
        SessionRefusedException refused = assertThrows(SessionRefusedException.class, () -> sessions.authenticate(token));
        assertEquals(reason, refused.reason());
        assertEquals(reason.message(), refused.getMessage());
    }
}
