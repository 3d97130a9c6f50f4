package org.airgap.server.http.internal;

import static org.airgap.server.http.internal.Fixture.ALICE;
import static org.airgap.server.http.internal.Fixture.PRESS;
import static org.airgap.server.http.internal.Fixture.PRESS_JOB;
import static org.airgap.server.http.internal.MatrixCell.ADMIN_ONLY;
import static org.airgap.server.http.internal.MatrixCell.DENIED;
import static org.airgap.server.http.internal.MatrixCell.HIDDEN;
import static org.airgap.server.http.internal.MatrixCell.NO_CONTENT;
import static org.airgap.server.http.internal.MatrixCell.OK;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.airgap.audit.AuditAction;
import org.airgap.audit.AuditEntry;
import org.airgap.model.Version;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.protocol.AdminRunDetail;
import org.airgap.protocol.AdminRunPage;
import org.airgap.protocol.AdminVersion;
import org.airgap.protocol.Api;
import org.airgap.protocol.Assignment;
import org.airgap.protocol.AssignmentChange;
import org.airgap.protocol.AuditAck;
import org.airgap.protocol.AuditPage;
import org.airgap.protocol.AuditTrailCheck;
import org.airgap.protocol.AuditUpload;
import org.airgap.protocol.BlobStatus;
import org.airgap.protocol.CommentRequest;
import org.airgap.protocol.CommitResult;
import org.airgap.protocol.GcResult;
import org.airgap.protocol.ImportReport;
import org.airgap.protocol.JobSummary;
import org.airgap.protocol.LoginRequest;
import org.airgap.protocol.LoginResponse;
import org.airgap.protocol.NewUser;
import org.airgap.protocol.PlantComponent;
import org.airgap.protocol.PlantDeletion;
import org.airgap.protocol.PlantJob;
import org.airgap.protocol.PlantMove;
import org.airgap.protocol.PullResponse;
import org.airgap.protocol.RetentionPolicy;
import org.airgap.protocol.RetentionSetting;
import org.airgap.protocol.Role;
import org.airgap.protocol.SessionEndReason;
import org.airgap.protocol.SessionInfo;
import org.airgap.protocol.UploadPlan;
import org.airgap.protocol.UserAccount;
import org.airgap.protocol.UserInfo;
import org.airgap.server.http.internal.MatrixCell.Row;
import org.airgap.server.http.internal.MatrixWorld.Caller;
import org.airgap.store.ManifestFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, "Proof": every endpoint of the HTTP API against every kind of caller, on the real server in
 * the test runtime. Each cell asserts the status, the refusal's reason or message, that an id the caller
 * may not see answers exactly as an unknown one (404, {@code HIDDEN}), and that no answer carries an id
 * or hash of a job the caller may not see ({@link MatrixWorld#hiddenFrom}). The matrix fails when the
 * whiteboard serves an API path that no row covers. The objects named are Alice's (technician A); Bob
 * (technician B) has other jobs.
 */
class AuthorizationMatrixTest {

    private static final String GET = "GET";
    private static final String POST = "POST";
    private static final String PUT = "PUT";
    private static final String DELETE = "DELETE";
    private static final Instant TIME = Instant.parse("2026-11-25T10:00:00Z");

    // @formatter:off
    static final List<Row> MATRIX = List.of(
        //      method path template                                        no token logged out idle    alice   bob         admin
        new Row(GET,  "/api/health",                                        OK,      OK,        OK,     OK,     OK,         OK,
                c -> c.get(Api.HEALTH), null),
        new Row(POST, "/api/login",                                         OK,      OK,        OK,     OK,     OK,         OK,
                c -> c.post(Api.LOGIN, new LoginRequest(ALICE, TestServer.PASSWORD)),
                (c, r) -> assertEquals(Role.TECHNICIAN, r.as(LoginResponse.class).role())),
        new Row(POST, "/api/logout",                                        DENIED,  DENIED,    DENIED, NO_CONTENT, NO_CONTENT, NO_CONTENT,
                c -> c.postText(Api.LOGOUT, c.spendableToken(), ""),
                (c, r) -> assertEquals(SessionEndReason.LOGGED_OUT.name(),
                        c.world.client.get(Api.SESSION, c.spentToken()).expect(401).error().reason())),
        new Row(GET,  "/api/session",                                       DENIED,  DENIED,    DENIED, OK,     OK,         OK,
                c -> c.get(Api.SESSION),
                (c, r) -> assertEquals(c.caller.user, r.as(SessionInfo.class).user())),
        new Row(GET,  "/api/sync",                                          DENIED,  DENIED,    DENIED, OK,     OK,         OK,
                c -> c.get(Api.SYNC),
                (c, r) -> assertEquals(c.world.jobsOf(c.caller), r.as(PullResponse.class).jobs().stream()
                        .map(org.airgap.model.Job::id).collect(Collectors.toSet()))),
        new Row(GET,  "/api/jobs",                                          DENIED,  DENIED,    DENIED, OK,     OK,         OK,
                c -> c.get(Api.JOBS),
                (c, r) -> assertEquals(c.world.jobsOf(c.caller), r.asList(JobSummary.class).stream()
                        .map(JobSummary::id).collect(Collectors.toSet()))),
        new Row(GET,  "/api/manifests/{Alice's snapshot}",                  DENIED,  DENIED,    DENIED, OK,     HIDDEN,     OK,
                c -> c.get(Api.MANIFESTS + c.foreign(c.world.press.snapshotId(), "0".repeat(64))),
                (c, r) -> assertEquals(c.world.press.snapshotId(), ManifestFormat.sha256(r.bytes()))),
        new Row(GET,  "/api/blobs/{Alice's blob}",                          DENIED,  DENIED,    DENIED, OK,     HIDDEN,     OK,
                c -> c.get(Api.BLOBS + c.foreign(Fixture.sha256(c.world.pressProgram()), "0".repeat(64))),
                (c, r) -> assertArrayEquals(c.world.pressProgram(), r.bytes())),
        new Row(GET,  "/api/blobs/{Alice's blob}/status?size=N",            DENIED,  DENIED,    DENIED, OK,     OK,         OK,
                c -> c.get(Api.BLOBS + Fixture.sha256(c.world.pressProgram()) + "/status?size="
                        + c.world.pressProgram().length),
                // Bob may upload it too, but is not told that the server holds it.
                (c, r) -> assertEquals(c.caller == Caller.BOB ? 0 : c.world.pressProgram().length,
                        r.as(BlobStatus.class).received())),
        new Row(PUT,  "/api/blobs/{a new blob}?offset=0&size=N",            DENIED,  DENIED,    DENIED, OK,     OK,         OK,
                c -> c.put(Api.BLOBS + "%s?offset=0&size=%d", Fixture.bytes(1000, c.caller.ordinal())),
                (c, r) -> assertEquals(1000, r.as(BlobStatus.class).received())),
        new Row(POST, "/api/uploads (a run of Alice's job)",                DENIED,  DENIED,    DENIED, OK,     HIDDEN,     OK,
                c -> c.post(Api.UPLOADS, c.world.press.upload("plan-" + c.caller, c.foreign(PRESS_JOB, "no-such-job"))),
                (c, r) -> assertEquals("plan-" + c.caller, r.as(UploadPlan.class).runId())),
        new Row(POST, "/api/uploads/{Alice's planned run}/commit",          DENIED,  DENIED,    DENIED, OK,     HIDDEN,     HIDDEN,
                c -> c.postText(Api.UPLOADS + "/" + c.foreign(c.world.planAsAlice("commit-" + c.caller), "no-such-run")
                        + Api.COMMIT_SUFFIX, ""),
                (c, r) -> assertEquals("commit-" + c.caller, r.as(CommitResult.class).runId())),
        new Row(POST, "/api/audit",                                         DENIED,  DENIED,    DENIED, OK,     OK,         OK,
                c -> c.post(Api.AUDIT, new AuditUpload(List.of(AuditEntry.create(1, TIME.plusSeconds(c.caller.ordinal()),
                        String.valueOf(c.caller.user), AuditAction.LOGIN, "", "", AuditEntry.GENESIS_HASH)))),
                (c, r) -> assertEquals(new AuditAck(1, 0), r.as(AuditAck.class))),
        new Row(GET,  "/api/components/{Alice's component}/versions",       DENIED,  DENIED,    DENIED, OK,     HIDDEN,     OK,
                c -> c.get(Api.COMPONENTS + c.foreign(PRESS, "no-such-component") + "/versions"),
                (c, r) -> assertEquals(List.of(PRESS), r.asList(Version.class).stream().map(Version::componentId).toList())),
        new Row(GET,  "/api/components/{Alice's component}/versions/1/archive", DENIED, DENIED,   DENIED, OK,     HIDDEN,     OK,
                c -> c.get(Api.COMPONENTS + c.foreign(PRESS, "no-such-component") + "/versions/1/archive"),
                (c, r) -> assertEquals(0x1f8b, (r.bytes()[0] & 0xff) << 8 | r.bytes()[1] & 0xff, "a gzip stream")),
        new Row(POST, "/api/admin/import",                                  DENIED,  DENIED,    DENIED, ADMIN_ONLY, ADMIN_ONLY, OK,
                c -> c.post(Api.ADMIN_IMPORT, Fixture.definitions()),
                (c, r) -> assertEquals(0, r.as(ImportReport.class).created())),
        new Row(GET,  "/api/admin/users",                                   DENIED,  DENIED,    DENIED, ADMIN_ONLY, ADMIN_ONLY, OK,
                c -> c.get(Api.ADMIN_USERS),
                (c, r) -> assertTrue(r.asList(UserInfo.class).contains(new UserInfo(ALICE, Role.TECHNICIAN)))),
        new Row(POST, "/api/admin/users",                                   DENIED,  DENIED,    DENIED, ADMIN_ONLY, ADMIN_ONLY, OK,
                c -> c.post(Api.ADMIN_USERS, new NewUser("new-" + c.caller.ordinal(), Role.TECHNICIAN,
                        TestServer.PASSWORD)),
                (c, r) -> assertEquals("new-" + c.caller.ordinal(), r.as(UserInfo.class).name())),
        new Row(GET,  "/api/admin/audit",                                   DENIED,  DENIED,    DENIED, ADMIN_ONLY, ADMIN_ONLY, OK,
                c -> c.get(Api.ADMIN_AUDIT + "?source=server"),
                (c, r) -> assertTrue(r.as(AuditPage.class).trails().get(0).intact())),
        new Row(GET,  "/api/admin/audit/verify",                            DENIED,  DENIED,    DENIED, ADMIN_ONLY, ADMIN_ONLY, OK,
                c -> c.get(Api.ADMIN_AUDIT_VERIFY),
                (c, r) -> assertEquals("server", r.asList(AuditTrailCheck.class).get(0).trail())),
        // The plant on the running server (the rows change only what they create themselves).
        new Row(GET,  "/api/admin/folders",                                 DENIED,  DENIED,    DENIED, ADMIN_ONLY, ADMIN_ONLY, OK,
                c -> c.get(Api.ADMIN_FOLDERS),
                (c, r) -> assertTrue(r.asList(Folder.class).contains(new Folder("plant", "Plant", null)))),
        new Row(POST, "/api/admin/folders",                                 DENIED,  DENIED,    DENIED, ADMIN_ONLY, ADMIN_ONLY, OK,
                c -> c.post(Api.ADMIN_FOLDERS, new Folder("f-" + c.caller.ordinal(), "F", "plant")),
                (c, r) -> assertEquals("f-" + c.caller.ordinal(), r.as(Folder.class).id())),
        new Row(PUT,  "/api/admin/folders/plant",                           DENIED,  DENIED,    DENIED, ADMIN_ONLY, ADMIN_ONLY, OK,
                c -> c.putJson(Api.ADMIN_FOLDERS + "/plant", new Folder("plant", "Plant", null)),
                (c, r) -> assertEquals("Plant", r.as(Folder.class).name())),
        new Row(POST, "/api/admin/folders/plant/move",                      DENIED,  DENIED,    DENIED, ADMIN_ONLY, ADMIN_ONLY, OK,
                c -> c.post(Api.ADMIN_FOLDERS + "/plant" + Api.MOVE_SUFFIX, new PlantMove(null)),
                (c, r) -> assertEquals(null, r.as(Folder.class).parentId())),
        new Row(DELETE, "/api/admin/folders/{an empty folder}",             DENIED,  DENIED,    DENIED, ADMIN_ONLY, ADMIN_ONLY, OK,
                c -> c.delete(Api.ADMIN_FOLDERS + "/" + c.adminCreates(new Folder("empty-" + c.caller.ordinal(), "Empty",
                        null))),
                (c, r) -> assertEquals(PlantDeletion.DELETED, r.as(PlantDeletion.class).outcome())),
        new Row(GET,  "/api/admin/components?archived=true",                DENIED,  DENIED,    DENIED, ADMIN_ONLY, ADMIN_ONLY, OK,
                c -> c.get(Api.ADMIN_COMPONENTS + "?archived=true"),
                (c, r) -> assertTrue(r.asList(PlantComponent.class).stream().anyMatch(p -> p.component().id().equals(PRESS)))),
        new Row(POST, "/api/admin/components",                              DENIED,  DENIED,    DENIED, ADMIN_ONLY, ADMIN_ONLY, OK,
                c -> c.post(Api.ADMIN_COMPONENTS, new Component("c-" + c.caller.ordinal(), "C", "plant", "directory", Map.of())),
                (c, r) -> assertEquals("c-" + c.caller.ordinal(), r.as(Component.class).id())),
        new Row(PUT,  "/api/admin/components/{Alice's component}",          DENIED,  DENIED,    DENIED, ADMIN_ONLY, ADMIN_ONLY, OK,
                c -> c.putJson(Api.ADMIN_COMPONENTS + "/" + PRESS, Fixture.definitions().components().get(0)),
                (c, r) -> assertEquals(Fixture.definitions().components().get(0), r.as(Component.class))),
        new Row(POST, "/api/admin/components/{Alice's component}/move",     DENIED,  DENIED,    DENIED, ADMIN_ONLY, ADMIN_ONLY, OK,
                c -> c.post(Api.ADMIN_COMPONENTS + "/" + PRESS + Api.MOVE_SUFFIX, new PlantMove("plant")),
                (c, r) -> assertEquals("plant", r.as(Component.class).folderId())),
        new Row(DELETE, "/api/admin/components/{a new component}",          DENIED,  DENIED,    DENIED, ADMIN_ONLY, ADMIN_ONLY, OK,
                c -> c.delete(Api.ADMIN_COMPONENTS + "/" + c.adminCreates(new Component("gone-" + c.caller.ordinal(), "Gone",
                        "plant", "directory", Map.of()), false)),
                (c, r) -> assertEquals(PlantDeletion.DELETED, r.as(PlantDeletion.class).outcome())),
        new Row(POST, "/api/admin/components/{an archived component}/restore", DENIED, DENIED,  DENIED, ADMIN_ONLY, ADMIN_ONLY, OK,
                c -> c.postText(Api.ADMIN_COMPONENTS + "/" + c.adminCreates(new Component("archived-" + c.caller.ordinal(),
                        "Archived", "plant", "directory", Map.of()), true) + Api.RESTORE_SUFFIX, ""),
                (c, r) -> assertEquals("archived-" + c.caller.ordinal(), r.as(Component.class).id())),
        new Row(GET,  "/api/admin/jobs",                                    DENIED,  DENIED,    DENIED, ADMIN_ONLY, ADMIN_ONLY, OK,
                c -> c.get(Api.ADMIN_JOBS),
                (c, r) -> assertTrue(r.asList(PlantJob.class).stream().anyMatch(j -> j.assignedTo().equals(List.of(ALICE))))),
        new Row(POST, "/api/admin/jobs",                                    DENIED,  DENIED,    DENIED, ADMIN_ONLY, ADMIN_ONLY, OK,
                c -> c.post(Api.ADMIN_JOBS, new Job("j-" + c.caller.ordinal(), PRESS, "J", Map.of(), JobOptions.defaults())),
                (c, r) -> assertEquals("j-" + c.caller.ordinal(), r.as(Job.class).id())),
        new Row(PUT,  "/api/admin/jobs/{Alice's job}",                      DENIED,  DENIED,    DENIED, ADMIN_ONLY, ADMIN_ONLY, OK,
                c -> c.putJson(Api.ADMIN_JOBS + "/" + PRESS_JOB, Fixture.definitions().jobs().get(0)),
                (c, r) -> assertEquals(Fixture.definitions().jobs().get(0), r.as(Job.class))),
        new Row(DELETE, "/api/admin/jobs/{a job of an archived component}", DENIED,  DENIED,    DENIED, ADMIN_ONLY, ADMIN_ONLY, OK,
                c -> c.delete(Api.ADMIN_JOBS + "/job-" + c.adminCreates(new Component("old-" + c.caller.ordinal(), "Old",
                        "plant", "directory", Map.of()), true)),
                (c, r) -> assertEquals(PlantDeletion.DELETED, r.as(PlantDeletion.class).outcome())),
        new Row(POST, "/api/admin/jobs/{Alice's job}/restore",              DENIED,  DENIED,    DENIED, ADMIN_ONLY, ADMIN_ONLY, OK,
                // Only the administrator's own cell archives it first (it has a run): the others are refused before.
                c -> c.postText(Api.ADMIN_JOBS + "/" + (c.caller == Caller.ADMIN ? c.adminArchivesJob(PRESS_JOB) : PRESS_JOB)
                        + Api.RESTORE_SUFFIX, ""),
                (c, r) -> assertEquals(PRESS_JOB, r.as(Job.class).id())),
        new Row(POST, "/api/admin/users/{bob}/enable",                      DENIED,  DENIED,    DENIED, ADMIN_ONLY, ADMIN_ONLY, OK,
                c -> c.postText(Api.ADMIN_USER + Fixture.BOB + "/enable", ""),
                (c, r) -> assertEquals(Fixture.BOB, r.as(UserAccount.class).name())),
        new Row(GET,  "/api/admin/assignments",                             DENIED,  DENIED,    DENIED, ADMIN_ONLY, ADMIN_ONLY, OK,
                c -> c.get(Api.ADMIN_ASSIGNMENTS),
                (c, r) -> assertTrue(r.asList(Assignment.class).contains(new Assignment(PRESS_JOB, ALICE)))),
        new Row(POST, "/api/admin/assignments (Alice to her job again)",    DENIED,  DENIED,    DENIED, ADMIN_ONLY, ADMIN_ONLY, OK,
                c -> c.post(Api.ADMIN_ASSIGNMENTS, new AssignmentChange(PRESS_JOB, List.of(ALICE))),
                (c, r) -> assertEquals(List.of(new Assignment(PRESS_JOB, ALICE)), r.asList(Assignment.class))),
        new Row(GET,  "/api/admin/runs?component={Alice's component}",     DENIED,  DENIED,    DENIED, ADMIN_ONLY, ADMIN_ONLY, OK,
                c -> c.get(Api.ADMIN_RUNS + "?component=" + PRESS),
                (c, r) -> assertTrue(r.as(AdminRunPage.class).runs().stream().anyMatch(run -> run.id().equals("alice-run-1")))),
        new Row(GET,  "/api/admin/runs/{Alice's run}",                      DENIED,  DENIED,    DENIED, ADMIN_ONLY, ADMIN_ONLY, OK,
                c -> c.get(Api.ADMIN_RUNS + "/alice-run-1"),
                (c, r) -> assertEquals(PRESS, r.as(AdminRunDetail.class).summary().componentId())),
        new Row(POST, "/api/admin/runs/{a run without version}/checkin",    DENIED,  DENIED,    DENIED, ADMIN_ONLY, ADMIN_ONLY, OK,
                c -> c.post(Api.ADMIN_RUNS + "/" + c.world.runWithoutVersion("checkin-" + c.caller) + Api.CHECKIN_SUFFIX,
                        new CommentRequest("checked in by hand")),
                (c, r) -> assertEquals("checkin-" + c.caller, r.as(AdminVersion.class).runId())),
        new Row(GET,  "/api/admin/versions/{Alice's component}",            DENIED,  DENIED,    DENIED, ADMIN_ONLY, ADMIN_ONLY, OK,
                c -> c.get(Api.ADMIN_VERSIONS + "/" + PRESS),
                (c, r) -> assertEquals("alice-run-1", r.asList(AdminVersion.class).get(r.asList(AdminVersion.class).size() - 1).runId())),
        new Row(POST, "/api/admin/versions/{Alice's component}/1/comment",  DENIED,  DENIED,    DENIED, ADMIN_ONLY, ADMIN_ONLY, OK,
                c -> c.post(Api.ADMIN_VERSIONS + "/" + PRESS + "/1/comment", new CommentRequest("by " + c.caller)),
                (c, r) -> assertEquals("by " + c.caller, r.as(AdminVersion.class).comment())),
        new Row(GET,  "/api/admin/compare?component={Alice's}&left=v1&right=v1", DENIED, DENIED,  DENIED, ADMIN_ONLY, ADMIN_ONLY, OK,
                c -> c.get(Api.ADMIN_COMPARE + "?component=" + PRESS + "&left=v1&right=v1"),
                (c, r) -> assertEquals(org.airgap.model.CompareResult.EQUAL,
                        r.as(org.airgap.protocol.SnapshotCompare.class).result())),
        new Row(GET,  "/api/admin/overview",                                DENIED,  DENIED,    DENIED, ADMIN_ONLY, ADMIN_ONLY, OK,
                c -> c.get(Api.ADMIN_OVERVIEW),
                (c, r) -> assertTrue(r.as(org.airgap.protocol.AdminOverview.class).components().stream()
                        .anyMatch(component -> component.id().equals(PRESS)))),
        new Row(GET,  "/api/admin/retention",                               DENIED,  DENIED,    DENIED, ADMIN_ONLY, ADMIN_ONLY, OK,
                c -> c.get(Api.ADMIN_RETENTION),
                (c, r) -> assertEquals(List.of(), r.asList(RetentionSetting.class))),
        new Row(GET,  "/api/admin/retention/folder/plant",                  DENIED,  DENIED,    DENIED, ADMIN_ONLY, ADMIN_ONLY, OK,
                c -> c.get(Api.ADMIN_RETENTION + "/folder/plant"),
                (c, r) -> assertEquals(RetentionPolicy.KEEP_EVERYTHING, r.as(RetentionSetting.class).policy())),
        new Row(POST, "/api/admin/gc?dryRun=true",                          DENIED,  DENIED,    DENIED, ADMIN_ONLY, ADMIN_ONLY, OK,
                c -> c.postText(Api.ADMIN_GC + "?dryRun=true", ""),
                (c, r) -> assertTrue(r.as(GcResult.class).dryRun())),
        // client updates (issue 18): read by every logged-in user, published by administrators of the whole plant
        new Row(GET,  "/api/updates",                                       DENIED,  DENIED,    DENIED, OK,     OK,         OK,
                c -> c.get(Api.UPDATES),
                (c, r) -> assertEquals(null, r.as(org.airgap.protocol.PublishedUpdates.class).publishedAt())),
        new Row(GET,  "/api/admin/updates",                                 DENIED,  DENIED,    DENIED, ADMIN_ONLY, ADMIN_ONLY, OK,
                c -> c.get(Api.ADMIN_UPDATES),
                (c, r) -> assertEquals(null, r.as(org.airgap.protocol.PublishedUpdates.class).publishedAt())),
        // laptop keys (issue 12): registered by every logged-in user, listed and revoked by administrators of the whole plant
        new Row(POST, "/api/laptops",                                       DENIED,  DENIED,    DENIED, OK,     OK,         OK,
                c -> c.post(Api.LAPTOPS, new org.airgap.protocol.LaptopRegistration("matrix-" + c.caller, laptopKey())),
                (c, r) -> assertEquals(c.caller.user, r.as(org.airgap.protocol.LaptopInfo.class).user())),
        new Row(GET,  "/api/admin/laptops",                                 DENIED,  DENIED,    DENIED, ADMIN_ONLY, ADMIN_ONLY, OK,
                c -> c.get(Api.ADMIN_LAPTOPS),
                (c, r) -> assertTrue(r.asList(org.airgap.protocol.LaptopInfo.class).stream()
                        .anyMatch(laptop -> laptop.laptopId().equals("matrix-" + c.caller)))),
        new Row(POST, "/api/admin/laptops/{a laptop}/revoke",               DENIED,  DENIED,    DENIED, ADMIN_ONLY, ADMIN_ONLY, OK,
                c -> c.postText(Api.ADMIN_LAPTOPS + "/matrix-" + c.caller + Api.REVOKE_SUFFIX, ""),
                (c, r) -> assertEquals(1, r.asList(org.airgap.protocol.LaptopInfo.class).size())),
        // open sessions (issue 17): listed and ended by administrators of the whole plant; the last row, as the
        // administrator's call ends the technicians' sessions
        new Row(GET,  "/api/admin/sessions",                                DENIED,  DENIED,    DENIED, ADMIN_ONLY, ADMIN_ONLY, OK,
                c -> c.get(Api.ADMIN_SESSIONS),
                (c, r) -> assertEquals(1, r.asList(org.airgap.protocol.OpenSession.class).stream()
                        .filter(org.airgap.protocol.OpenSession::yours).count())),
        new Row(POST, "/api/admin/sessions/end",                            DENIED,  DENIED,    DENIED, ADMIN_ONLY, ADMIN_ONLY, OK,
                c -> c.postText(Api.ADMIN_SESSIONS + Api.END_SUFFIX, ""),
                (c, r) -> assertTrue(r.as(org.airgap.protocol.SessionsEnded.class).ended() >= 0)));
    // @formatter:on

    /** A fresh Ed25519 public key as a laptop registers it. */
    private static String laptopKey() {
        try {
            return java.util.Base64.getEncoder().encodeToString(java.security.KeyPairGenerator
                    .getInstance("Ed25519").generateKeyPair().getPublic().getEncoded());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @TempDir
    Path data;
    private TestServer server;
    private MatrixWorld world;

    @BeforeEach
    void startServer() throws Exception {
        server = TestServer.startHttps(data, MatrixWorld.IDLE_LIMIT);
        world = MatrixWorld.seed(server, server.newClient());
    }

    @AfterEach
    void stopServer() throws Exception {
        server.close();
    }

    @TestFactory
    Stream<DynamicNode> everyEndpointForEveryCaller() throws Exception {
        world.awaitIdleToken();
        return Stream.concat(Stream.of(MatrixCoverage.test(MATRIX)), MATRIX.stream().map(row -> row.cells(world)));
    }
}
