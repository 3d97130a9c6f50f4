package org.airgap.server.http.internal;

import static org.airgap.server.http.internal.Fixture.ALICE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.airgap.protocol.Api;
import org.airgap.protocol.LoginRequest;
import org.airgap.protocol.NewUser;
import org.airgap.protocol.ProtocolJson;
import org.airgap.protocol.Role;
import org.airgap.server.core.ServerSettings;
import org.airgap.server.http.internal.ApiClient.Reply;
import org.airgap.testing.server.ServerFixture;
import org.eclipse.equinox.http.jetty.JettyConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the login endpoint refuses, with the server's default [Security] settings, over real HTTP. */
class LoginHardeningTest {

    @TempDir
    Path data;
    private TestServer server;

    private ApiClient start(Map<String, Object> jetty) throws Exception {
        // Logins cost what they cost in production: the flood below must keep the CPU busy to mean anything.
        server = TestServer.start(data, Duration.ofMinutes(30), s -> new ServerSettings(s.dataDirectory(), s.host(),
                s.port(), s.idleTimeout(), s.maxSessionLength(), ServerFixture.PASSWORD_ITERATIONS,
                s.maxUploadBytes(), s.partExpiry(), s.maxPendingBytesPerUser(), s.login(), s.tls()), jetty);
        Fixture.setUp(server);
        return server.client;
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void failedLoginsAreSlowedDownTheSameWayForKnownAndUnknownUsers() throws Exception {
        ApiClient client = start(Map.of());
        Reply known = throttledAfterFiveFailures(client, ALICE);
        Reply unknown = throttledAfterFiveFailures(client, "nobody");
        assertEquals(known.body(), unknown.body(), "the answer must not tell whether the user exists");
        assertEquals(known.headers().firstValue("Retry-After"), unknown.headers().firstValue("Retry-After"));
        assertEquals("1", known.headers().firstValue("Retry-After").orElseThrow(), "the first delay is a second");
        assertTrue(known.error().error().contains("try again in 1 s"), known.body());
    }

    /** Five wrong passwords are answered 401; the sixth attempt, even with the right password, 429. */
    private static Reply throttledAfterFiveFailures(ApiClient client, String user) throws Exception {
        for (int i = 0; i < 5; i++) {
            client.post(Api.LOGIN, null, new LoginRequest(user, "wrong guess " + i)).expect(401);
        }
        return client.post(Api.LOGIN, null, new LoginRequest(user, TestServer.PASSWORD)).expect(429);
    }

    @Test
    void aLoginBodyOver4KiBIsRefusedBeforeItIsParsed() throws Exception {
        ApiClient client = start(Map.of());
        Reply refused = client.postText(Api.LOGIN, null, "x".repeat(4 * 1024 + 1)).expect(413);
        assertTrue(refused.error().error().contains("4096 bytes"), refused.body());
        String padded = ProtocolJson.write(new LoginRequest(ALICE, TestServer.PASSWORD));
        padded = padded.substring(0, padded.length() - 1) + ",\"padding\":\"" + "p".repeat(4 * 1024) + "\"}";
        client.postText(Api.LOGIN, null, padded).expect(413);
        client.post(Api.LOGIN, null, new LoginRequest(ALICE, TestServer.PASSWORD)).expect(200);
    }

    @Test
    void aPasswordOver1024CharactersIsRefusedWithoutHashingIt() throws Exception {
        ApiClient client = start(Map.of());
        Reply refused = client.post(Api.LOGIN, null, new LoginRequest(ALICE, "p".repeat(1025))).expect(400);
        assertTrue(refused.error().error().contains("at most 1024"), refused.body());
        client.post(Api.LOGIN, null, new LoginRequest(ALICE, "p".repeat(1024))).expect(401);
    }

    @Test
    void theAdminEndpointRefusesPasswordsShorterThanTheMinimum() throws Exception {
        ApiClient client = start(Map.of());
        String admin = server.login(Fixture.ADMIN);
        Reply refused = client.post(Api.ADMIN_USERS, admin, new NewUser("carl", Role.TECHNICIAN, "airgap-demo"))
                .expect(400);
        assertTrue(refused.error().error().contains("at least 12"), refused.body());
        client.post(Api.LOGIN, null, new LoginRequest("carl", "airgap-demo")).expect(401);
        client.post(Api.ADMIN_USERS, admin, new NewUser("carl", Role.TECHNICIAN, "airgap-demo!")).expect(200);
        client.post(Api.LOGIN, null, new LoginRequest("carl", "airgap-demo!")).expect(200);
    }

    /**
     * A flood of logins — more at once than the HTTP server has threads — must leave threads and CPU to
     * the other requests: the health check and an authenticated request are answered while it lasts.
     * Unloaded they take milliseconds; with every thread computing PBKDF2 they waited for the whole flood.
     */
    @Test
    void aFloodOfLoginsLeavesTheOtherRequestsAnswered() throws Exception {
        ApiClient client = start(Map.of(JettyConstants.HTTP_MINTHREADS, Integer.valueOf(8),
                JettyConstants.HTTP_MAXTHREADS, Integer.valueOf(24)));
        String token = server.login(ALICE);
        HttpClient flooder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest login = client.request(Api.LOGIN, null).timeout(Duration.ofMinutes(5))
                .POST(BodyPublishers.ofString(ProtocolJson.write(new LoginRequest(ALICE, TestServer.PASSWORD))))
                .build();
        List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            flood.add(flooder.sendAsync(login, BodyHandlers.ofString()));
        }
        Thread.sleep(200); // the flood's connections are open and their logins queued
        CompletableFuture<Integer> health = CompletableFuture.supplyAsync(() -> status(client, Api.HEALTH, null));
        CompletableFuture<Integer> session = CompletableFuture.supplyAsync(() -> status(client, Api.SESSION, token));
        assertEquals(200, health.get(10, TimeUnit.SECONDS), "the health check was not answered during the flood");
        assertEquals(200, session.get(10, TimeUnit.SECONDS), "a session request was not answered during the flood");
        int succeeded = 0;
        for (CompletableFuture<HttpResponse<String>> reply : flood) {
            HttpResponse<String> response = reply.get(5, TimeUnit.MINUTES);
            assertTrue(response.statusCode() == 200 || response.statusCode() == 503, response::body);
            if (response.statusCode() == 503) {
                assertEquals("1", response.headers().firstValue("Retry-After").orElse(null));
            } else {
                succeeded++;
            }
        }
        assertTrue(succeeded > 0, "some of the flood's logins must succeed");
        client.post(Api.LOGIN, null, new LoginRequest(ALICE, TestServer.PASSWORD)).expect(200);
    }

    private static int status(ApiClient client, String path, String token) {
        try {
            return client.get(path, token).status();
        } catch (Exception e) {
            throw new IllegalStateException(path + " failed: " + e, e);
        }
    }
}
