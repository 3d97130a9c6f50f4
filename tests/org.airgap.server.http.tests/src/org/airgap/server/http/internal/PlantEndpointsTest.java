package org.airgap.server.http.internal;

import static org.airgap.server.http.internal.Fixture.ALICE;
import static org.airgap.server.http.internal.Fixture.PRESS;
import static org.airgap.server.http.internal.Fixture.PRESS_JOB;
import static org.airgap.server.http.internal.Fixture.ROBOT;
import static org.airgap.server.http.internal.Fixture.ROBOT_JOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.airgap.model.CompareResult;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.protocol.AdminImport;
import org.airgap.protocol.Api;
import org.airgap.protocol.CommitResult;
import org.airgap.protocol.ImportSummary;
import org.airgap.protocol.JobSummary;
import org.airgap.protocol.PlantComponent;
import org.airgap.protocol.PlantDeletion;
import org.airgap.protocol.PlantJob;
import org.airgap.protocol.PlantMove;
import org.airgap.protocol.PullResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /api/admin/folders, /components and /jobs, and the import's prune and dry run, over the real server. */
class PlantEndpointsTest extends ServerTestBase {

    private String alice;

    @BeforeEach
    void logInAlice() throws Exception {
        alice = server.login(ALICE);
    }

    @Test
    void theAdministratorBuildsChangesAndTidiesThePlant() throws Exception {
        client.post(Api.ADMIN_FOLDERS, admin, new Folder("hall-2", "Hall 2", "plant")).expect(200);
        client.post(Api.ADMIN_FOLDERS, admin, new Folder("line-a", "Line A", "hall-2")).expect(200);
        client.post(Api.ADMIN_COMPONENTS, admin, new Component("plc-a", "PLC A", "line-a", "directory", Map.of()))
                .expect(200);
        // A job needs only what differs from the options' defaults.
        Job job = client.postText(Api.ADMIN_JOBS, admin, """
                {"id": "job-a", "componentId": "plc-a", "name": "Back up PLC A", "parameters": {"root": "/srv"}}""")
                .expect(200).as(Job.class);
        assertTrue(job.options().createVersionAutomatically(), "a new job creates versions unless told otherwise");

        Component changed = new Component("plc-a", "PLC A (S7)", "line-a", "s7", Map.of("host", "10.0.0.1"));
        assertEquals(changed, client.putJson(Api.ADMIN_COMPONENTS + "/plc-a", admin, changed).expect(200)
                .as(Component.class));
        assertEquals("s7", client.get(Api.ADMIN_COMPONENTS + "/plc-a", admin).expect(200).as(PlantComponent.class)
                .component().deviceType());
        assertEquals("plant", client.post(Api.ADMIN_COMPONENTS + "/plc-a/move", admin, new PlantMove("plant"))
                .expect(200).as(Component.class).folderId());
        assertEquals(null, client.post(Api.ADMIN_FOLDERS + "/hall-2/move", admin, new PlantMove(null)).expect(200)
                .as(Folder.class).parentId());

        assertEquals("folder 'hall-2' cannot move into folder 'line-a': that is the folder itself or inside it",
                client.post(Api.ADMIN_FOLDERS + "/hall-2/move", admin, new PlantMove("line-a")).expect(400).error().error());
        assertEquals("folder 'hall-2' is not empty: it holds folder line-a; move or delete them first (an archived"
                + " component goes only with --purge)", client.delete(Api.ADMIN_FOLDERS + "/hall-2", admin).expect(409)
                        .error().error());
        assertEquals(PlantDeletion.DELETED, client.delete(Api.ADMIN_FOLDERS + "/line-a", admin).expect(200)
                .as(PlantDeletion.class).outcome());
        assertEquals(PlantDeletion.DELETED, client.delete(Api.ADMIN_JOBS + "/job-a", admin).expect(200)
                .as(PlantDeletion.class).outcome());
        assertEquals(PlantDeletion.DELETED, client.delete(Api.ADMIN_COMPONENTS + "/plc-a", admin).expect(200)
                .as(PlantDeletion.class).outcome());
    }

    @Test
    void badChangesAreRefusedNamingTheProblem() throws Exception {
        assertEquals("malformed request: $.deviceType: is missing", client.putText(Api.ADMIN_COMPONENTS + "/" + PRESS,
                admin, "{\"id\": \"press-1\", \"name\": \"P\", \"folderId\": \"plant\", \"connection\": {}}").expect(400)
                .error().error());
        assertTrue(client.putText(Api.ADMIN_JOBS + "/" + PRESS_JOB, admin, "{\"id\": \"job-press\", \"componentId\":"
                + " \"press-1\", \"name\": \"x\", \"parameters\": {}, \"options\": {\"maxAttempts\": 0}}").expect(400)
                .error().error().contains("maxAttempts"));
        assertEquals("the body names component 'robot-2' but the path names 'press-1': an id does not change",
                client.putJson(Api.ADMIN_COMPONENTS + "/" + PRESS, admin, Fixture.definitions().components().get(1))
                        .expect(400).error().error());
        assertEquals("the query parameter archived is true or false, not 'yes'",
                client.get(Api.ADMIN_JOBS + "?archived=yes", admin).expect(400).error().error());
        assertEquals("a component moves into a folder: name it in \"to\"", client.post(Api.ADMIN_COMPONENTS + "/"
                + PRESS + "/move", admin, new PlantMove(null)).expect(400).error().error());
        client.get(Api.ADMIN_COMPONENTS + "/" + PRESS + "/frobnicate", admin).expect(404);
        client.post(Api.ADMIN_JOBS + "/" + PRESS_JOB + "/move", admin, new PlantMove("plant")).expect(400);
        for (String path : List.of(Api.ADMIN_FOLDERS, Api.ADMIN_COMPONENTS, Api.ADMIN_JOBS)) {
            String kind = path.substring(path.lastIndexOf('/') + 1, path.length() - 1);
            assertEquals("no " + kind + " 'nothing' on the server (airgap admin " + kind + "s list shows them)",
                    client.delete(path + "/nothing", admin).expect(404).error().error());
            assertTrue(client.get(path, alice).expect(403).error().error().startsWith("administrators only"));
            client.delete(path + "/nothing", alice).expect(403);
        }
    }

    @Test
    void deletingWhatHasRunsArchivesItAndTheTechnicianStopsSeeingIt() throws Exception {
        server.repository.commit(Fixture.run("run-1", PRESS_JOB, null), ALICE, new CommitResult("run-1",
                CompareResult.NOT_AVAILABLE, CompareResult.NOT_AVAILABLE, null, false), false, null);
        PlantDeletion deletion = client.delete(Api.ADMIN_COMPONENTS + "/" + PRESS, admin).expect(200)
                .as(PlantDeletion.class);
        assertEquals(PlantDeletion.ARCHIVED, deletion.outcome());
        assertEquals(List.of(), client.get(Api.SYNC, alice).expect(200).as(PullResponse.class).jobs());
        assertFalse(client.get(Api.ADMIN_COMPONENTS, admin).expect(200).asList(PlantComponent.class).stream()
                .anyMatch(c -> c.component().id().equals(PRESS)));
        PlantComponent archived = client.get(Api.ADMIN_COMPONENTS + "?archived=true", admin).expect(200)
                .asList(PlantComponent.class).stream().filter(c -> c.component().id().equals(PRESS)).findFirst()
                .orElseThrow();
        assertNotNull(archived.archived());
        assertEquals(1, archived.runs());
        assertEquals("component 'press-1' is archived already: restore it, or purge it to remove it with its versions",
                client.delete(Api.ADMIN_COMPONENTS + "/" + PRESS, admin).expect(409).error().error());

        client.postText(Api.ADMIN_COMPONENTS + "/" + PRESS + "/restore", admin, "").expect(200);
        assertEquals(List.of(PRESS_JOB), client.get(Api.SYNC, alice).expect(200).as(PullResponse.class).jobs().stream()
                .map(Job::id).toList());
        assertEquals(PlantDeletion.ARCHIVED, client.delete(Api.ADMIN_JOBS + "/" + PRESS_JOB, admin).expect(200)
                .as(PlantDeletion.class).outcome());
        PlantJob job = client.get(Api.ADMIN_JOBS + "/" + PRESS_JOB, admin).expect(200).as(PlantJob.class);
        assertEquals(List.of(ALICE), job.assignedTo());
        assertEquals(List.of(), client.get(Api.JOBS, alice).expect(200).asList(JobSummary.class));

        client.delete(Api.ADMIN_COMPONENTS + "/" + PRESS, admin).expect(200);
        assertEquals(PlantDeletion.PURGED, client.delete(Api.ADMIN_COMPONENTS + "/" + PRESS + "?purge=true", admin)
                .expect(200).as(PlantDeletion.class).outcome());
        client.get(Api.ADMIN_COMPONENTS + "/" + PRESS, admin).expect(404);
    }

    @Test
    void anImportPrunesWhatTheFileNoLongerDefinesAfterADryRun() throws Exception {
        AdminImport robotOnly = new AdminImport(Fixture.definitions().folders(),
                Fixture.definitions().components().subList(1, 2), Fixture.definitions().jobs().subList(1, 2),
                Fixture.definitions().assignments().subList(1, 2));
        ImportSummary preview = client.post(Api.ADMIN_IMPORT + "?prune=true&dryRun=true", admin, robotOnly).expect(200)
                .as(ImportSummary.class);
        assertEquals(List.of("unassign job job-press from alice", "remove job job-press", "remove component press-1"),
                preview.changes());
        assertTrue(preview.dryRun());
        assertEquals(1, client.get(Api.SYNC, alice).expect(200).as(PullResponse.class).jobs().size());

        ImportSummary pruned = client.post(Api.ADMIN_IMPORT + "?prune=true", admin, robotOnly).expect(200)
                .as(ImportSummary.class);
        assertEquals(3, pruned.removed());
        assertEquals(List.of(), client.get(Api.SYNC, alice).expect(200).as(PullResponse.class).jobs());
        assertEquals(List.of(ROBOT), client.get(Api.ADMIN_COMPONENTS, admin).expect(200).asList(PlantComponent.class)
                .stream().map(c -> c.component().id()).toList());
        assertEquals(List.of(ROBOT_JOB), client.get(Api.ADMIN_JOBS, admin).expect(200).asList(PlantJob.class).stream()
                .map(j -> j.job().id()).toList());
        assertEquals("the query parameter prune is true or false, not '1'", client.post(Api.ADMIN_IMPORT + "?prune=1",
                admin, robotOnly).expect(400).error().error());
        client.post(Api.ADMIN_IMPORT + "?prune=true&dryRun=true", alice, robotOnly).expect(403);
    }
}
