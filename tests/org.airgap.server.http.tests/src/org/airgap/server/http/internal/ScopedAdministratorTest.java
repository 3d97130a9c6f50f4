package org.airgap.server.http.internal;

import static org.airgap.server.http.internal.Fixture.ALICE;
import static org.airgap.server.http.internal.Fixture.PRESS;
import static org.airgap.server.http.internal.Fixture.PRESS_JOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.airgap.protocol.AdminOverview;
import org.airgap.protocol.AdminRunPage;
import org.airgap.protocol.Api;
import org.airgap.protocol.CommentRequest;
import org.airgap.protocol.NewUser;
import org.airgap.protocol.PlantMove;
import org.airgap.protocol.RetentionPolicy;
import org.airgap.protocol.Role;
import org.airgap.server.http.internal.Fixture.Backup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A folder-scoped administrator (of line A, under the fixture's plant) against every area's endpoints: the
 * plant, runs and versions, compare, overview, retention, gc and the audit trail. Inside their folders they
 * work; outside, what needs the whole plant is refused with 403, an id outside their folders answers 404 as
 * an unknown one ({@link ScopedAdministratorExistenceTest}), and nothing changes. (Users and assignments:
 * {@link AdminUsersAndAssignmentsTest}.)
 */
class ScopedAdministratorTest extends ServerTestBase {

    private static final JobOptions OPTIONS = new JobOptions(1, Duration.ZERO, null, true, List.of(), List.of(),
            List.of());

    private String scoped;

    @BeforeEach
    void lineAdministrator() throws Exception {
        client.post(Api.ADMIN_IMPORT, admin, new AdminImport(List.of(new Folder("line-a", "Line A", "plant")),
                List.of(new Component("plc-a", "PLC A", "line-a", "directory", Map.of())),
                List.of(new Job("job-a", "plc-a", "Back up PLC A", Map.of(), OPTIONS)), List.of())).expect(200);
        client.post(Api.ADMIN_USERS, admin, new NewUser("line-admin", Role.ADMIN, TestServer.PASSWORD,
                List.of("line-a"))).expect(200);
        scoped = server.login("line-admin");
    }

    @Test
    void insideTheirFoldersTheyWork() throws Exception {
        client.post(Api.ADMIN_FOLDERS, scoped, new Folder("cell-a1", "Cell A1", "line-a")).expect(200);
        client.post(Api.ADMIN_COMPONENTS, scoped, new Component("plc-a1", "PLC A1", "cell-a1", "directory", Map.of()))
                .expect(200);
        client.post(Api.ADMIN_COMPONENTS + "/plc-a1" + Api.MOVE_SUFFIX, scoped, new PlantMove("line-a")).expect(200);
        client.get(Api.ADMIN_RUNS + "?component=plc-a", scoped).expect(200);
        client.get(Api.ADMIN_VERSIONS + "/plc-a", scoped).expect(200);
        client.putJson(Api.ADMIN_RETENTION + "/folder/line-a", scoped, new RetentionPolicy(3, null, null)).expect(200);
        AdminOverview overview = client.get(Api.ADMIN_OVERVIEW, scoped).expect(200).as(AdminOverview.class);
        assertEquals(List.of("plc-a", "plc-a1"), overview.components().stream().map(AdminOverview.Component::id)
                .sorted().toList(), "the overview shows only their folders");
        AdminRunPage runs = client.get(Api.ADMIN_RUNS, scoped).expect(200).as(AdminRunPage.class);
        assertTrue(runs.runs().stream().allMatch(run -> run.componentId().startsWith("plc-a")), runs.toString());
    }

    @Test
    void outsideTheirFoldersEveryAreaRefuses() throws Exception {
        String runId = "alice-run";
        commit(server.login(ALICE), runId);
        // What needs the whole plant is refused; an id outside line A answers as an unknown one.
        for (ApiClient.Reply reply : List.of(
                client.post(Api.ADMIN_FOLDERS, scoped, new Folder("top", "Top", null)),
                client.postText(Api.ADMIN_GC, scoped, ""),
                client.get(Api.ADMIN_AUDIT, scoped),
                client.post(Api.ADMIN_IMPORT + "?prune=true", scoped, new AdminImport(List.of(), List.of(), List.of(),
                        List.of())))) {
            assertEquals(403, reply.status(), reply.body());
            assertTrue(reply.error().error().contains("administ"), reply.body());
        }
        for (ApiClient.Reply reply : List.of(
                client.post(Api.ADMIN_FOLDERS, scoped, new Folder("beside", "Beside", "plant")),
                client.putJson(Api.ADMIN_FOLDERS + "/plant", scoped, new Folder("plant", "Renamed", null)),
                client.post(Api.ADMIN_COMPONENTS, scoped, new Component("plc-x", "X", "plant", "directory", Map.of())),
                client.putJson(Api.ADMIN_COMPONENTS + "/" + PRESS, scoped, new Component(PRESS, "Renamed", "plant",
                        "directory", Map.of())),
                client.post(Api.ADMIN_COMPONENTS + "/plc-a" + Api.MOVE_SUFFIX, scoped, new PlantMove("plant")),
                client.post(Api.ADMIN_COMPONENTS + "/" + PRESS + Api.MOVE_SUFFIX, scoped, new PlantMove("line-a")),
                client.delete(Api.ADMIN_COMPONENTS + "/" + PRESS, scoped),
                client.delete(Api.ADMIN_JOBS + "/" + PRESS_JOB, scoped),
                client.get(Api.ADMIN_RUNS + "?component=" + PRESS, scoped),
                client.get(Api.ADMIN_RUNS + "/" + runId, scoped),
                client.post(Api.ADMIN_RUNS + "/" + runId + Api.CHECKIN_SUFFIX, scoped, new CommentRequest("mine")),
                client.get(Api.ADMIN_VERSIONS + "/" + PRESS, scoped),
                client.get(Api.ADMIN_COMPARE + "?component=" + PRESS + "&left=v1&right=v1", scoped),
                client.putJson(Api.ADMIN_RETENTION + "/folder/plant", scoped, new RetentionPolicy(1, null, null)),
                client.putJson(Api.ADMIN_RETENTION + "/component/" + PRESS, scoped, new RetentionPolicy(1, null, null)))) {
            assertEquals(404, reply.status(), reply.body());
            assertTrue(reply.error().error().endsWith("in the folders you administer"), reply.body());
        }
        assertEquals("plant", server.repository.component(PRESS).orElseThrow().folderId());
        assertEquals("Press 1", server.repository.component(PRESS).orElseThrow().name());
        assertTrue(server.repository.job(PRESS_JOB).isPresent());
        assertEquals(List.of(), server.repository.retentionPolicies(), "no policy was set");
    }

    /** Alice's run of her job, uploaded and committed: a run and version 1 outside line A. */
    private void commit(String alice, String runId) throws Exception {
        Backup backup = Backup.of(Fixture.files("main.prg", Fixture.bytes(1000, 7)));
        client.post(Api.UPLOADS, alice, backup.upload(runId, PRESS_JOB)).expect(200);
        for (byte[] bytes : backup.files().values()) {
            client.put(Api.BLOBS + Fixture.sha256(bytes) + "?offset=0&size=" + bytes.length, alice,
                    BodyPublishers.ofByteArray(bytes)).expect(200);
        }
        client.postText(Api.UPLOADS + "/" + runId + Api.COMMIT_SUFFIX, alice, "").expect(200);
    }
}
