package org.airgap.server.http.internal;

import static org.airgap.server.http.internal.Fixture.ADMIN;
import static org.airgap.server.http.internal.Fixture.ALICE;
import static org.airgap.server.http.internal.Fixture.BOB;
import static org.airgap.server.http.internal.Fixture.PRESS_JOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.protocol.AdminImport;
import org.airgap.protocol.Api;
import org.airgap.protocol.Assignment;
import org.airgap.protocol.AssignmentChange;
import org.airgap.protocol.LoginRequest;
import org.airgap.protocol.NewUser;
import org.airgap.protocol.PullResponse;
import org.airgap.protocol.Role;
import org.airgap.protocol.SessionEndReason;
import org.airgap.protocol.UserAccount;
import org.airgap.protocol.UserChange;
import org.airgap.server.http.internal.Fixture.Backup;
import org.junit.jupiter.api.Test;

/**
 * Users, folder-scoped administrators and assignments changed on the running server: a disabled user's
 * live session ends at once, a removed assignment stops reads at once, a scoped administrator works only
 * inside their folders, a technician is refused everywhere.
 */
class AdminUsersAndAssignmentsTest extends ServerTestBase {

    private static final JobOptions OPTIONS = new JobOptions(1, Duration.ZERO, null, true, List.of(), List.of(),
            List.of());

    @Test
    void disablingEndsTheLiveSessionAtOnceAndRefusesLoginLikeAWrongPassword() throws Exception {
        String alice = server.login(ALICE);
        client.get(Api.SYNC, alice).expect(200);
        UserAccount disabled = client.postText(Api.ADMIN_USER + ALICE + "/disable", admin, "").expect(200)
                .as(UserAccount.class);
        assertTrue(disabled.disabled());
        assertEquals(SessionEndReason.DISABLED.name(), client.get(Api.SYNC, alice).expect(401).error().reason());
        String wrong = client.post(Api.LOGIN, null, new LoginRequest(ALICE, "not her password")).expect(401).error()
                .error();
        assertEquals(wrong, client.post(Api.LOGIN, null, new LoginRequest(ALICE, TestServer.PASSWORD)).expect(401)
                .error().error(), "a disabled user is answered as a wrong password");

        // Another laptop user's sync learns that Alice's offline login is refused; Bob's is not.
        PullResponse pull = client.get(Api.SYNC + "?offline=alice,bob,gone", server.login(BOB)).expect(200)
                .as(PullResponse.class);
        assertEquals(List.of(ALICE, "gone"), pull.offlineRefused());
        client.get(Api.SYNC + "?offline=" + ",".repeat(300), admin).expect(400);

        assertFalse(client.postText(Api.ADMIN_USER + ALICE + "/enable", admin, "").expect(200).as(UserAccount.class)
                .disabled());
        server.login(ALICE);
        List<UserAccount> users = client.get(Api.ADMIN_USERS, admin).expect(200).asList(UserAccount.class);
        assertTrue(users.stream().anyMatch(user -> user.name().equals(ALICE) && !user.disabled()
                && user.lastLogin() != null), users::toString);
    }

    @Test
    void aPasswordResetOrRoleChangeEndsTheSessionsAndAppliesAtTheNextLogin() throws Exception {
        String bob = server.login(BOB);
        client.post(Api.ADMIN_USER + BOB + "/password", admin, new UserChange(null, "short", null)).expect(400);
        client.get(Api.SESSION, bob).expect(200);
        client.post(Api.ADMIN_USER + BOB + "/password", admin, new UserChange(null, "a brand new passphrase", null))
                .expect(200);
        assertEquals(SessionEndReason.ACCOUNT_CHANGED.name(), client.get(Api.SESSION, bob).expect(401).error()
                .reason());
        client.post(Api.LOGIN, null, new LoginRequest(BOB, TestServer.PASSWORD)).expect(401);
        String again = client.login(BOB, "a brand new passphrase");

        client.post(Api.ADMIN_USER + BOB + "/role", admin, new UserChange(Role.ADMIN, null, null)).expect(200);
        assertEquals(SessionEndReason.ACCOUNT_CHANGED.name(), client.get(Api.SESSION, again).expect(401).error()
                .reason());
        client.get(Api.ADMIN_USERS, client.login(BOB, "a brand new passphrase")).expect(200);
    }

    @Test
    void userChangesRefuseBadRequests() throws Exception {
        client.postText(Api.ADMIN_USER + "nobody/disable", admin, "").expect(404);
        client.postText(Api.ADMIN_USER + ALICE + "/explode", admin, "").expect(404);
        client.postText(Api.ADMIN_USER + ALICE, admin, "").expect(404);
        client.post(Api.ADMIN_USER + ALICE + "/role", admin, new UserChange(null, null, null)).expect(400);
        client.postText(Api.ADMIN_USER + ALICE + "/role", admin, "{\"role\":").expect(400);
        client.postText(Api.ADMIN_USER + ADMIN + "/disable", admin, "").expect(400);
        client.post(Api.ADMIN_USER + ALICE + "/scope", admin, new UserChange(null, null, List.of("plant"))).expect(400);
        client.put(Api.ADMIN_USER + ALICE + "/disable", admin, BodyPublishers.noBody()).expect(405);
    }

    @Test
    void aRemovedAssignmentStopsReadsAtOnceAndDropsTheJobFromTheNextSync() throws Exception {
        String alice = server.login(ALICE);
        Backup backup = Backup.of(Fixture.files("main.prg", "alice's program"));
        commit(alice, "run-1", backup);
        byte[] program = backup.files().get("main.prg");
        client.get(Api.BLOBS + Fixture.sha256(program), alice).expect(200);
        client.get(Api.MANIFESTS + backup.snapshotId(), alice).expect(200);

        List<Assignment> left = client.post(Api.ADMIN_UNASSIGN, admin, new AssignmentChange(PRESS_JOB, List.of(ALICE)))
                .expect(200).asList(Assignment.class);
        assertEquals(List.of(), left);
        client.get(Api.BLOBS + Fixture.sha256(program), alice).expect(404);
        client.get(Api.MANIFESTS + backup.snapshotId(), alice).expect(404);
        assertEquals(List.of(), client.get(Api.SYNC, alice).expect(200).as(PullResponse.class).jobs());
        client.post(Api.UPLOADS, alice, backup.upload("run-2", PRESS_JOB)).expect(404);

        assertEquals(List.of(new Assignment(PRESS_JOB, ALICE)), client.post(Api.ADMIN_ASSIGNMENTS, admin,
                new AssignmentChange(PRESS_JOB, List.of(ALICE))).expect(200).asList(Assignment.class));
        client.get(Api.BLOBS + Fixture.sha256(program), alice).expect(200);
        assertEquals(List.of(new Assignment(PRESS_JOB, ALICE)),
                client.get(Api.ADMIN_ASSIGNMENTS + "?user=" + ALICE, admin).expect(200).asList(Assignment.class));
    }

    @Test
    void assignmentChangesRefuseBadRequests() throws Exception {
        client.post(Api.ADMIN_ASSIGNMENTS, admin, new AssignmentChange("no-such-job", List.of(ALICE))).expect(404);
        client.post(Api.ADMIN_ASSIGNMENTS, admin, new AssignmentChange(PRESS_JOB, List.of("nobody"))).expect(404);
        client.post(Api.ADMIN_ASSIGNMENTS, admin, new AssignmentChange(PRESS_JOB, List.of(ADMIN))).expect(400);
        client.post(Api.ADMIN_ASSIGNMENTS, admin, new AssignmentChange(PRESS_JOB, List.of())).expect(400);
        client.postText(Api.ADMIN_ASSIGNMENTS, admin, "{}").expect(400);
        client.post(Api.ADMIN_ASSIGNMENTS + "/elsewhere", admin, new AssignmentChange(PRESS_JOB, List.of(BOB)))
                .expect(404);
    }

    @Test
    void aTechnicianIsRefusedEveryAdministration() throws Exception {
        String bob = server.login(BOB);
        for (ApiClient.Reply reply : List.of(client.postText(Api.ADMIN_USER + ALICE + "/disable", bob, ""),
                client.get(Api.ADMIN_ASSIGNMENTS, bob),
                client.post(Api.ADMIN_ASSIGNMENTS, bob, new AssignmentChange(PRESS_JOB, List.of(BOB))),
                client.post(Api.ADMIN_UNASSIGN, bob, new AssignmentChange(PRESS_JOB, List.of(ALICE))))) {
            assertTrue(reply.expect(403).error().error().startsWith("administrators only"), reply.body());
        }
        assertEquals(List.of(new Assignment(PRESS_JOB, ALICE)), server.repository.assignments(PRESS_JOB, null));
        assertFalse(server.repository.account(ALICE).orElseThrow().disabled());
    }

    @Test
    void aFolderScopedAdministratorWorksOnlyInsideTheirFolders() throws Exception {
        client.post(Api.ADMIN_IMPORT, admin, new AdminImport(
                List.of(new Folder("line-a", "Line A", "plant"), new Folder("line-b", "Line B", "plant")),
                List.of(new Component("plc-a", "PLC A", "line-a", "directory", Map.of()),
                        new Component("plc-b", "PLC B", "line-b", "directory", Map.of())),
                List.of(new Job("job-a", "plc-a", "Back up PLC A", Map.of(), OPTIONS),
                        new Job("job-b", "plc-b", "Back up PLC B", Map.of(), OPTIONS)),
                List.of(new Assignment("job-a", BOB), new Assignment("job-b", BOB)))).expect(200);
        UserAccount added = client.post(Api.ADMIN_USERS, admin, new NewUser("line-admin", Role.ADMIN,
                TestServer.PASSWORD, List.of("line-a"))).expect(200).as(UserAccount.class);
        assertEquals(List.of("line-a"), added.folders());
        String scoped = server.login("line-admin");

        // Inside: a sub-folder, a component and job in it, assignments of its jobs.
        client.post(Api.ADMIN_IMPORT, scoped, new AdminImport(List.of(new Folder("cell-a1", "Cell A1", "line-a")),
                List.of(new Component("plc-a1", "PLC A1", "cell-a1", "directory", Map.of())),
                List.of(new Job("job-a1", "plc-a1", "Back up PLC A1", Map.of(), OPTIONS)),
                List.of(new Assignment("job-a1", ALICE)))).expect(200);
        client.post(Api.ADMIN_IMPORT, scoped, new AdminImport(List.of(new Folder("line-a", "Line A (renamed)", "plant")),
                List.of(), List.of(), List.of())).expect(200);
        client.post(Api.ADMIN_ASSIGNMENTS, scoped, new AssignmentChange("job-a1", List.of(BOB))).expect(200);
        client.post(Api.ADMIN_UNASSIGN, scoped, new AssignmentChange("job-a", List.of(BOB))).expect(200);
        assertEquals(List.of(new Assignment("job-a1", ALICE), new Assignment("job-a1", BOB)),
                client.get(Api.ADMIN_ASSIGNMENTS, scoped).expect(200).asList(Assignment.class));

        // Another line's job answers as an unknown one (ScopedAdministratorExistenceTest).
        for (ApiClient.Reply reply : List.of(
                client.post(Api.ADMIN_ASSIGNMENTS, scoped, new AssignmentChange("job-b", List.of(ALICE))),
                client.post(Api.ADMIN_UNASSIGN, scoped, new AssignmentChange(PRESS_JOB, List.of(ALICE))))) {
            assertEquals(404, reply.status(), reply.body());
            assertTrue(reply.error().error().endsWith("in the folders you administer"), reply.body());
        }
        // Outside: a move out of the tree, a new top-level folder, the plant's users.
        for (ApiClient.Reply reply : List.of(
                client.post(Api.ADMIN_IMPORT, scoped, new AdminImport(List.of(), List.of(
                        new Component("plc-a1", "PLC A1", "line-b", "directory", Map.of())), List.of(), List.of())),
                client.post(Api.ADMIN_IMPORT, scoped, new AdminImport(List.of(), List.of(
                        new Component("plc-b", "PLC B", "line-a", "directory", Map.of())), List.of(), List.of())),
                client.post(Api.ADMIN_IMPORT, scoped, new AdminImport(List.of(new Folder("line-a", "Line A", null)),
                        List.of(), List.of(), List.of())),
                client.post(Api.ADMIN_IMPORT, scoped, new AdminImport(List.of(new Folder("plant-2", "Plant 2", null)),
                        List.of(), List.of(), List.of())),
                client.post(Api.ADMIN_IMPORT, scoped, new AdminImport(List.of(), List.of(), List.of(),
                        List.of(new Assignment("job-b", ALICE)))),
                client.get(Api.ADMIN_USERS, scoped),
                client.post(Api.ADMIN_USERS, scoped, new NewUser("eve", Role.ADMIN, TestServer.PASSWORD)),
                client.postText(Api.ADMIN_USER + BOB + "/disable", scoped, ""),
                client.post(Api.ADMIN_USER + "line-admin/scope", scoped, new UserChange(null, null, List.of())))) {
            assertEquals(403, reply.status(), reply.body());
            assertTrue(reply.error().error().contains("administ"), reply.body());
        }
        assertEquals(List.of(new Assignment("job-b", BOB)), server.repository.assignments("job-b", null));
        assertEquals("line-b", server.repository.component("plc-b").orElseThrow().folderId());
        assertEquals(List.of("line-a"), server.repository.account("line-admin").orElseThrow().folders());
        assertTrue(server.repository.account("eve").isEmpty());
    }

    private void commit(String token, String runId, Backup backup) throws Exception {
        client.post(Api.UPLOADS, token, backup.upload(runId, PRESS_JOB)).expect(200);
        for (byte[] bytes : backup.files().values()) {
            client.put(Api.BLOBS + Fixture.sha256(bytes) + "?offset=0&size=" + bytes.length, token,
                    BodyPublishers.ofByteArray(bytes)).expect(200);
        }
        client.postText(Api.UPLOADS + "/" + runId + Api.COMMIT_SUFFIX, token, "").expect(200);
    }
}
