package org.airgap.server.http.internal;

import static org.airgap.server.http.internal.Fixture.ADMIN;
import static org.airgap.server.http.internal.Fixture.ALICE;
import static org.airgap.server.http.internal.Fixture.BOB;
import static org.airgap.server.http.internal.Fixture.PRESS;
import static org.airgap.server.http.internal.Fixture.PRESS_JOB;
import static org.airgap.server.http.internal.Fixture.ROBOT_JOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.airgap.audit.AuditAction;
import org.airgap.audit.AuditEntry;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.protocol.AdminImport;
import org.airgap.protocol.Api;
import org.airgap.protocol.AuditAck;
import org.airgap.protocol.AuditUpload;
import org.airgap.protocol.ErrorResponse;
import org.airgap.protocol.ImportReport;
import org.airgap.protocol.JobSummary;
import org.airgap.protocol.LoginRequest;
import org.airgap.protocol.LoginResponse;
import org.airgap.protocol.NewUser;
import org.airgap.protocol.OfflineGrant;
import org.airgap.protocol.ProtocolJson;
import org.airgap.protocol.PullResponse;
import org.airgap.protocol.Role;
import org.airgap.protocol.ServerSignature;
import org.airgap.protocol.SessionEndReason;
import org.airgap.protocol.SessionInfo;
import org.airgap.protocol.UserInfo;
import org.airgap.server.http.internal.ApiClient.Reply;
import org.airgap.server.http.internal.Fixture.Backup;
import org.junit.jupiter.api.Test;

/** Logins, sessions, who sees what, and requests the server refuses without changing anything. */
class SessionsAndAccessTest extends ServerTestBase {

    @Test
    void loginOpensASessionAndAWrongPasswordIsRefused() throws Exception {
        LoginResponse login = client.post(Api.LOGIN, null, new LoginRequest(ALICE, TestServer.PASSWORD)).expect(200)
                .as(LoginResponse.class);
        assertEquals(ALICE, login.user());
        assertEquals(Role.TECHNICIAN, login.role());
        assertEquals(Duration.ofMinutes(30), login.policy().idleTimeout());
        Reply session = client.get(Api.SESSION, login.token()).expect(200);
        assertEquals("no-store", session.headers().firstValue("Cache-Control").orElse(""));
        assertEquals(ALICE, session.as(SessionInfo.class).user());

        ErrorResponse wrong = client.post(Api.LOGIN, null, new LoginRequest(ALICE, "guess")).expect(401).error();
        assertEquals("wrong user name or password", wrong.error());
        ErrorResponse unknown = client.post(Api.LOGIN, null, new LoginRequest("mallory", "guess")).expect(401).error();
        assertEquals(wrong.error(), unknown.error(), "an unknown user must not be told apart from a wrong password");
    }

    @Test
    void requestsWithoutOrWithAnUnknownTokenAre401WithTheReason() throws Exception {
        assertEquals(SessionEndReason.NO_TOKEN.name(), client.get(Api.SYNC, null).expect(401).error().reason());
        assertEquals(SessionEndReason.UNKNOWN_TOKEN.name(), client.get(Api.SYNC, "not-a-token").expect(401).error()
                .reason());
    }

    @Test
    void logoutEndsTheToken() throws Exception {
        String token = server.login(BOB);
        client.postText(Api.LOGOUT, token, "").expect(204);
        ErrorResponse refused = client.get(Api.SESSION, token).expect(401).error();
        assertEquals(SessionEndReason.LOGGED_OUT.name(), refused.reason());
        assertEquals(SessionEndReason.LOGGED_OUT.message(), refused.error());
    }

    @Test
    void aTechnicianSyncsAndListsOnlyTheJobsAssignedToThem() throws Exception {
        LoginResponse login = client.post(Api.LOGIN, null, new LoginRequest(ALICE, TestServer.PASSWORD)).expect(200)
                .as(LoginResponse.class);
        String alice = login.token();
        ApiClient.Reply reply = client.get(Api.SYNC + "?nonce=n0nce", alice).expect(200);
        PullResponse pull = reply.as(PullResponse.class);
        // Signed with the key the login handed out, over the exact bytes and the laptop's nonce.
        PublicKey key = ServerSignature.publicKey(login.signingKey());
        String signature = reply.headers().firstValue(ServerSignature.SIGNATURE_HEADER).orElseThrow();
        assertTrue(ServerSignature.verifies(key, ServerSignature.SYNC, "n0nce", reply.bytes(), signature));
        assertFalse(ServerSignature.verifies(key, ServerSignature.SYNC, "other", reply.bytes(), signature));
        byte[] grantJson = Base64.getDecoder().decode(pull.signedVerifier().payload());
        assertTrue(ServerSignature.verifies(key, ServerSignature.VERIFIER, "", grantJson,
                pull.signedVerifier().signature()));
        OfflineGrant grant = ProtocolJson.read(new String(grantJson, StandardCharsets.UTF_8), OfflineGrant.class);
        assertEquals(Duration.ofDays(30), Duration.between(grant.issued(), grant.expires()), "server.ini's default");
        assertEquals(pull.policy(), grant.policy());
        assertEquals(List.of(PRESS_JOB), pull.jobs().stream().map(Job::id).toList());
        assertEquals(List.of(PRESS), pull.components().stream().map(c -> c.id()).toList());
        assertEquals(1, pull.baselines().size());
        assertEquals(PRESS, pull.baselines().get(0).componentId());
        assertNull(pull.baselines().get(0).serverVersion(), "no version uploaded yet");
        assertEquals(ALICE, grant.verifier().user());
        assertEquals(Duration.ofMinutes(30), pull.policy().idleTimeout());
        assertEquals(Duration.ofHours(8), pull.policy().maxSessionLength());

        List<JobSummary> jobs = client.get(Api.JOBS, alice).expect(200).asList(JobSummary.class);
        assertEquals(List.of(PRESS_JOB), jobs.stream().map(JobSummary::id).toList());
        List<JobSummary> all = client.get(Api.JOBS, admin).expect(200).asList(JobSummary.class);
        assertEquals(List.of(PRESS_JOB, ROBOT_JOB), all.stream().map(JobSummary::id).sorted().toList());
    }

    @Test
    void aTechnicianCannotCallAdministratorEndpoints() throws Exception {
        String bob = server.login(BOB);
        assertEquals("administrators only", client.get(Api.ADMIN_USERS, bob).expect(403).error().error()
                .substring(0, "administrators only".length()));
        client.post(Api.ADMIN_USERS, bob, new NewUser("eve", Role.ADMIN, "secret secret")).expect(403);
        client.post(Api.ADMIN_IMPORT, bob, new AdminImport(List.of(), List.of(), List.of(), List.of())).expect(403);
        assertFalse(server.repository.user("eve").isPresent());

        UserInfo added = client.post(Api.ADMIN_USERS, admin, new NewUser("carol", Role.TECHNICIAN, "another secret"))
                .expect(200).as(UserInfo.class);
        assertEquals(new UserInfo("carol", Role.TECHNICIAN), added);
        List<UserInfo> users = client.get(Api.ADMIN_USERS, admin).expect(200).asList(UserInfo.class);
        assertTrue(users.contains(added), users::toString);
        server.client.login("carol", "another secret");
    }

    @Test
    void aRequestRefusedBeforeItsBodyIsReadStillGetsItsAnswer() throws Exception {
        // Megabytes do not fit in the socket buffers: the server must take them to keep the connection.
        String body = ProtocolJson.write(Fixture.definitions()) + " ".repeat(4 * 1024 * 1024);
        String bob = server.login(BOB);
        for (int i = 0; i < 3; i++) {
            client.postText(Api.ADMIN_IMPORT, bob, body).expect(403);
            client.postText(Api.ADMIN_IMPORT, null, body).expect(401);
        }
    }

    @Test
    void importingTheSameDefinitionsAgainChangesNothing() throws Exception {
        ImportReport again = client.post(Api.ADMIN_IMPORT, admin, Fixture.definitions()).expect(200)
                .as(ImportReport.class);
        assertEquals(0, again.created());
        assertEquals(0, again.updated());
    }

    @Test
    void aTechnicianCannotUploadAnotherTechniciansJob() throws Exception {
        String bob = server.login(BOB);
        Backup backup = Backup.of(Fixture.files("main.prg", "program"));
        // 404 as for an unknown job (issue 11): the answer must not tell which ids exist.
        ErrorResponse refused = client.post(Api.UPLOADS, bob, backup.upload("run-1", PRESS_JOB)).expect(404).error();
        assertTrue(refused.error().contains(PRESS_JOB), refused.error());
        assertEquals(List.of(), pendingRuns());
        client.get(Api.COMPONENTS + PRESS + "/versions", bob).expect(404);
    }

    @Test
    void malformedJsonIs400NamingTheProblemAndChangesNothing() throws Exception {
        ErrorResponse broken = client.postText(Api.ADMIN_IMPORT, admin, "{\"folders\": [").expect(400).error();
        assertTrue(broken.error().startsWith("malformed request: "), broken.error());

        // A job the model refuses (no attempts) among valid items: the message names the field, nothing is kept.
        AdminImport invalid = new AdminImport(List.of(), List.of(), List.of(
                new Job("job-new", PRESS, "New", Map.of(), JobOptions.defaults())), List.of());
        String text = ProtocolJson.write(invalid).replace("\"maxAttempts\":1", "\"maxAttempts\":0");
        ErrorResponse refused = client.postText(Api.ADMIN_IMPORT, admin, text).expect(400).error();
        assertTrue(text.contains("\"maxAttempts\":0"), text);
        assertTrue(refused.error().contains("maxAttempts"), refused.error());
        assertEquals(2, client.get(Api.JOBS, admin).expect(200).asList(JobSummary.class).size());

        String alice = server.login(ALICE);
        client.postText(Api.UPLOADS, alice, "{\"run\": {\"id\": ").expect(400);
        assertEquals(List.of(), pendingRuns());
    }

    @Test
    void anOversizedBodyIs413AndChangesNothing() throws Exception {
        byte[] huge = hugeImport();
        ErrorResponse declared = client.send(client.request(Api.ADMIN_IMPORT, admin).expectContinue(true)
                .POST(BodyPublishers.ofByteArray(huge)).build()).expect(413).error();
        assertTrue(declared.error().contains(String.valueOf(Api.MAX_JSON_BYTES)), declared.error());
        // A client that sends the body without waiting (no "Expect: 100-continue") still reads the answer.
        client.send(client.request(Api.ADMIN_IMPORT, admin).POST(BodyPublishers.ofByteArray(huge)).build())
                .expect(413);

        // Without a length the server counts while reading.
        HttpRequest streamed = client.request(Api.ADMIN_IMPORT, admin)
                .POST(BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge))).build();
        client.send(streamed).expect(413);
        assertEquals(2, client.get(Api.JOBS, admin).expect(200).asList(JobSummary.class).size());
    }

    /** A valid import of one more job, padded with spaces beyond the limit. */
    private static byte[] hugeImport() {
        AdminImport oneMore = new AdminImport(List.of(), List.of(), List.of(
                new Job("job-extra", PRESS, "Extra", Map.of(), JobOptions.defaults())), List.of());
        String json = ProtocolJson.write(oneMore);
        return (json + " ".repeat(Api.MAX_JSON_BYTES + 1 - json.length() + 100)).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void auditEntriesAreKeptOnceAndInvalidOnesAre400() throws Exception {
        String alice = server.login(ALICE);
        Instant time = Instant.parse("2026-11-25T10:00:00Z");
        AuditEntry first = AuditEntry.create(1, time, ALICE, AuditAction.LOGIN, "", "", AuditEntry.GENESIS_HASH);
        AuditEntry second = AuditEntry.create(2, time.plusSeconds(5), ALICE, AuditAction.JOB_STARTED, PRESS_JOB, "",
                first.hash());
        assertEquals(new AuditAck(2, 0), client.post(Api.AUDIT, alice, new AuditUpload(List.of(first, second)))
                .expect(200).as(AuditAck.class));
        assertEquals(new AuditAck(0, 2), client.post(Api.AUDIT, alice, new AuditUpload(List.of(first, second)))
                .expect(200).as(AuditAck.class));

        String invalid = ProtocolJson.write(new AuditUpload(List.of(first))).replace("\"sequence\":1", "\"sequence\":0");
        ErrorResponse refused = client.postText(Api.AUDIT, alice, invalid).expect(400).error();
        assertTrue(refused.error().contains("sequence"), refused.error());
    }

    @Test
    void anIdleTokenIsRefusedWithTheIdleReason() throws Exception {
        server.close();
        server = TestServer.start(data.resolve("short"), Duration.ofSeconds(1));
        server.addUser(ADMIN, Role.ADMIN);
        String token = server.login(ADMIN);
        server.client.get(Api.SESSION, token).expect(200);
        Thread.sleep(1_600);
        ErrorResponse refused = server.client.get(Api.SESSION, token).expect(401).error();
        assertEquals(SessionEndReason.IDLE.name(), refused.reason());
        assertEquals(SessionEndReason.IDLE.message(), refused.error());
    }

    private List<Path> pendingRuns() throws Exception {
        Path runs = server.uploads().resolve("runs");
        if (!Files.isDirectory(runs)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(runs)) {
            return files.toList();
        }
    }
}
