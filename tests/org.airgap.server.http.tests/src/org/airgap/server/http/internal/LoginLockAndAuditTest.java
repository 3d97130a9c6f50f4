package org.airgap.server.http.internal;

import static org.airgap.server.http.internal.Fixture.ALICE;
import static org.airgap.server.http.internal.Fixture.BOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.airgap.protocol.Api;
import org.airgap.protocol.LoginRequest;
import org.airgap.server.core.LoginRecord;
import org.airgap.server.core.LoginRecord.Outcome;
import org.airgap.server.core.LoginSettings;
import org.airgap.server.core.ServerSettings;
import org.airgap.server.http.internal.ApiClient.Reply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A locked user name over real HTTP, and the server's audit trail of logins. */
class LoginLockAndAuditTest {

    /** Locked at the third failure, for 15 minutes. */
    private static final LoginSettings LOCK_AT_THREE = new LoginSettings(12, 3, 3, Duration.ofMinutes(15));

    @TempDir
    Path data;
    private TestServer server;
    private ApiClient client;

    @BeforeEach
    void start() throws Exception {
        server = TestServer.start(data, Duration.ofMinutes(30), settings -> new ServerSettings(
                settings.dataDirectory(), settings.host(), settings.port(), settings.idleTimeout(),
                settings.maxSessionLength(), settings.passwordIterations(), settings.maxUploadBytes(), LOCK_AT_THREE),
                Map.of());
        client = server.client;
        Fixture.setUp(server);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void aUserIsLockedAfterTooManyFailuresEvenWithTheRightPassword() throws Exception {
        for (int i = 0; i < 3; i++) {
            client.post(Api.LOGIN, null, new LoginRequest(ALICE, "wrong guess " + i)).expect(401);
        }
        Reply locked = client.post(Api.LOGIN, null, new LoginRequest(ALICE, TestServer.PASSWORD)).expect(429);
        long retryAfter = Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(retryAfter > 14 * 60 && retryAfter <= 15 * 60, "Retry-After " + retryAfter);
        client.post(Api.LOGIN, null, new LoginRequest(BOB, TestServer.PASSWORD)).expect(200);
    }

    @Test
    void aSuccessfulLoginResetsTheUsersCount() throws Exception {
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < 2; i++) {
                client.post(Api.LOGIN, null, new LoginRequest(ALICE, "wrong guess " + i)).expect(401);
            }
            client.post(Api.LOGIN, null, new LoginRequest(ALICE, TestServer.PASSWORD)).expect(200);
        }
    }

    @Test
    void everyLoginIsKeptInTheServersAuditTrailWithUserAddressAndOutcome() throws Exception {
        client.post(Api.LOGIN, null, new LoginRequest(BOB, TestServer.PASSWORD)).expect(200);
        client.post(Api.LOGIN, null, new LoginRequest("mallory", "not a password")).expect(401);
        client.post(Api.LOGIN, null, new LoginRequest(BOB, "p".repeat(2000))).expect(400);
        for (int i = 0; i < 3; i++) {
            client.post(Api.LOGIN, null, new LoginRequest("mallory", "guess " + i));
        }
        List<LoginRecord> logins = server.repository.logins(6);
        assertEquals(List.of(Outcome.THROTTLED, Outcome.FAILED, Outcome.FAILED, Outcome.REFUSED, Outcome.FAILED,
                Outcome.SUCCEEDED), logins.stream().map(LoginRecord::outcome).toList());
        assertEquals(List.of("mallory", "mallory", "mallory", BOB, "mallory", BOB),
                logins.stream().map(LoginRecord::user).toList());
        logins.forEach(login -> assertEquals("127.0.0.1", login.clientAddress()));
    }
}
