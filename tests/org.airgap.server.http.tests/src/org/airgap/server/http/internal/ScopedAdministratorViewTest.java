package org.airgap.server.http.internal;

import static org.airgap.server.http.internal.Fixture.ALICE;
import static org.airgap.server.http.internal.Fixture.PRESS;
import static org.airgap.server.http.internal.Fixture.PRESS_JOB;
import static org.airgap.server.http.internal.Fixture.ROBOT;
import static org.airgap.server.http.internal.ScopedPlant.COMPONENT;
import static org.airgap.server.http.internal.ScopedPlant.INSIDE_RUN;
import static org.airgap.server.http.internal.ScopedPlant.JOB;
import static org.airgap.server.http.internal.ScopedPlant.LINE;
import static org.airgap.server.http.internal.ScopedPlant.OPTIONS;
import static org.airgap.server.http.internal.ScopedPlant.OUTSIDE_RUN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.airgap.model.Baseline;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.Version;
import org.airgap.protocol.AdminImport;
import org.airgap.protocol.AdminOverview;
import org.airgap.protocol.AdminRun;
import org.airgap.protocol.AdminRunPage;
import org.airgap.protocol.Api;
import org.airgap.protocol.Assignment;
import org.airgap.protocol.AssignmentChange;
import org.airgap.protocol.BlobStatus;
import org.airgap.protocol.CommentRequest;
import org.airgap.protocol.JobSummary;
import org.airgap.protocol.PlantComponent;
import org.airgap.protocol.PlantJob;
import org.airgap.protocol.PlantMove;
import org.airgap.protocol.PullResponse;
import org.airgap.protocol.RetentionPolicy;
import org.airgap.protocol.RetentionSetting;
import org.airgap.protocol.UploadPlan;
import org.airgap.server.http.internal.ApiClient.Reply;
import org.airgap.server.http.internal.Fixture.Backup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a folder-scoped administrator sees: every read (sync, job list, versions, archives, snapshots, blobs,
 * upload plans and the administrative lists) holds only their folders, and they cannot tell an id outside
 * their folders from one that does not exist: on every endpoint that takes a folder, component, job, run,
 * version, snapshot or blob, both answer 404 with the same body once each names its own id, and nothing
 * changes. An administrator of the whole plant keeps the precise answers and sees everything. One server
 * for the class ({@link ScopedPlant}); no test changes what another reads.
 */
class ScopedAdministratorViewTest {

    private static final String NONE = "no-such-id";

    @TempDir
    static Path data;
    private static ScopedPlant plant;
    private static ApiClient client;
    private static String scoped;

    @BeforeAll
    static void start() throws Exception {
        plant = ScopedPlant.start(data);
        client = plant.client;
        scoped = plant.scoped;
    }

    @AfterAll
    static void stop() throws Exception {
        plant.close();
    }

    /** A request naming one id: asked with an id outside line A and with {@link #NONE}. */
    private interface Call {
        Reply with(String id) throws Exception;
    }

    @Test
    void foldersComponentsAndJobs() throws Exception {
        sameAnswer("plant", id -> client.get(Api.ADMIN_FOLDERS + "/" + id, scoped));
        sameAnswer("plant", id -> client.putJson(Api.ADMIN_FOLDERS + "/" + id, scoped, new Folder(id, "Renamed", null)));
        sameAnswer("plant", id -> client.delete(Api.ADMIN_FOLDERS + "/" + id, scoped));
        sameAnswer("plant", id -> client.post(Api.ADMIN_FOLDERS + "/" + id + Api.MOVE_SUFFIX, scoped,
                new PlantMove(LINE)));
        sameAnswer("plant", id -> client.post(Api.ADMIN_FOLDERS, scoped, new Folder("cell-x", "Cell X", id)));
        sameAnswer("plant", id -> client.post(Api.ADMIN_FOLDERS + "/" + LINE + Api.MOVE_SUFFIX, scoped,
                new PlantMove(id)));
        sameAnswer("plant", id -> client.post(Api.ADMIN_COMPONENTS, scoped, new Component("plc-x", "X", id,
                "directory", Map.of())));
        sameAnswer("plant", id -> client.post(Api.ADMIN_COMPONENTS + "/" + COMPONENT + Api.MOVE_SUFFIX, scoped,
                new PlantMove(id)));

        sameAnswer(PRESS, id -> client.get(Api.ADMIN_COMPONENTS + "/" + id, scoped));
        sameAnswer(PRESS, id -> client.putJson(Api.ADMIN_COMPONENTS + "/" + id, scoped, new Component(id, "Renamed",
                "plant", "directory", Map.of())));
        sameAnswer(PRESS, id -> client.post(Api.ADMIN_COMPONENTS + "/" + id + Api.MOVE_SUFFIX, scoped,
                new PlantMove(LINE)));
        sameAnswer(PRESS, id -> client.delete(Api.ADMIN_COMPONENTS + "/" + id, scoped));
        sameAnswer(PRESS, id -> client.delete(Api.ADMIN_COMPONENTS + "/" + id + "?purge=true", scoped));
        sameAnswer(PRESS, id -> client.postText(Api.ADMIN_COMPONENTS + "/" + id + Api.RESTORE_SUFFIX, scoped, ""));
        sameAnswer(PRESS, id -> client.post(Api.ADMIN_JOBS, scoped, new Job("job-x", id, "X", Map.of(), OPTIONS)));

        sameAnswer(PRESS_JOB, id -> client.get(Api.ADMIN_JOBS + "/" + id, scoped));
        sameAnswer(PRESS_JOB, id -> client.putJson(Api.ADMIN_JOBS + "/" + id, scoped, new Job(id, PRESS, "Renamed",
                Map.of(), OPTIONS)));
        sameAnswer(PRESS_JOB, id -> client.delete(Api.ADMIN_JOBS + "/" + id, scoped));
        sameAnswer(PRESS_JOB, id -> client.postText(Api.ADMIN_JOBS + "/" + id + Api.RESTORE_SUFFIX, scoped, ""));

        // Ids are unique in the whole plant: one taken elsewhere cannot be created again, and the refusal says
        // no more than that.
        assertEquals("component '" + PRESS + "' exists already", client.post(Api.ADMIN_COMPONENTS, scoped,
                new Component(PRESS, "X", LINE, "directory", Map.of())).expect(409).error().error());

        Component press = plant.server.repository.component(PRESS).orElseThrow();
        assertEquals("plant", press.folderId());
        assertEquals("Press 1", press.name());
        assertEquals(PRESS, plant.server.repository.job(PRESS_JOB).orElseThrow().componentId());
        assertTrue(plant.server.repository.component("plc-x").isEmpty());
        assertTrue(plant.server.repository.job("job-x").isEmpty());
    }

    @Test
    void runsVersionsAndCompare() throws Exception {
        String comment = plant.server.repository.versions(PRESS).get(0).comment();
        sameAnswer(PRESS, id -> client.get(Api.ADMIN_RUNS + "?component=" + id, scoped));
        sameAnswer(PRESS_JOB, id -> client.get(Api.ADMIN_RUNS + "?job=" + id, scoped));
        sameAnswer(OUTSIDE_RUN, id -> client.get(Api.ADMIN_RUNS + "?after=" + id, scoped));
        sameAnswer(OUTSIDE_RUN, id -> client.get(Api.ADMIN_RUNS + "/" + id, scoped));
        sameAnswer(OUTSIDE_RUN, id -> client.post(Api.ADMIN_RUNS + "/" + id + Api.CHECKIN_SUFFIX, scoped,
                new CommentRequest("mine")));
        sameAnswer(PRESS, id -> client.get(Api.ADMIN_VERSIONS + "/" + id, scoped));
        sameAnswer(PRESS, id -> client.post(Api.ADMIN_VERSIONS + "/" + id + "/1/comment", scoped,
                new CommentRequest("mine")));
        sameAnswer(PRESS, id -> client.get(Api.ADMIN_COMPARE + "?component=" + id + "&left=v1&right=v1", scoped));

        assertEquals(1, plant.server.repository.versions(PRESS).size(), "no check-in");
        assertEquals(comment, plant.server.repository.versions(PRESS).get(0).comment(), "no comment");
    }

    @Test
    void retentionAndAssignments() throws Exception {
        List<RetentionSetting> policies = plant.server.repository.retentionPolicies();
        RetentionPolicy policy = new RetentionPolicy(1, null, null);
        sameAnswer("plant", id -> client.get(Api.ADMIN_RETENTION + "/folder/" + id, scoped));
        sameAnswer("plant", id -> client.putJson(Api.ADMIN_RETENTION + "/folder/" + id, scoped, policy));
        sameAnswer("plant", id -> client.delete(Api.ADMIN_RETENTION + "/folder/" + id, scoped));
        sameAnswer(PRESS, id -> client.get(Api.ADMIN_RETENTION + "/component/" + id, scoped));
        sameAnswer(PRESS, id -> client.putJson(Api.ADMIN_RETENTION + "/component/" + id, scoped, policy));
        sameAnswer(PRESS, id -> client.delete(Api.ADMIN_RETENTION + "/component/" + id, scoped));
        sameAnswer(PRESS_JOB, id -> client.post(Api.ADMIN_ASSIGNMENTS, scoped, new AssignmentChange(id,
                List.of(ALICE))));
        sameAnswer(PRESS_JOB, id -> client.post(Api.ADMIN_UNASSIGN, scoped, new AssignmentChange(id,
                List.of(ALICE))));

        assertEquals(policies, plant.server.repository.retentionPolicies(), "no policy was set");
        assertEquals(List.of(new Assignment(PRESS_JOB, ALICE)), plant.server.repository.assignments(PRESS_JOB, null));
    }

    /** An import refers to a component or job outside line A as to an unknown one: refused alike (403). */
    @Test
    void importsReferringOutside() throws Exception {
        sameAnswer(403, PRESS, id -> client.post(Api.ADMIN_IMPORT, scoped, new AdminImport(List.of(), List.of(),
                List.of(new Job("job-x", id, "X", Map.of(), OPTIONS)), List.of())));
        sameAnswer(403, PRESS_JOB, id -> client.post(Api.ADMIN_IMPORT, scoped, new AdminImport(List.of(), List.of(),
                List.of(), List.of(new Assignment(id, ALICE)))));
        assertTrue(plant.server.repository.job("job-x").isEmpty());
        assertEquals(List.of(new Assignment(PRESS_JOB, ALICE)), plant.server.repository.assignments(PRESS_JOB, null));
    }

    /** The technicians' endpoints, when an administrator of line A calls them. */
    @Test
    void versionsArchivesUploadsManifestsAndBlobs() throws Exception {
        sameAnswer(PRESS, id -> client.get(Api.COMPONENTS + id + "/versions", scoped));
        sameAnswer(PRESS, id -> client.get(Api.COMPONENTS + id + "/versions/1/archive", scoped));
        Backup backup = Backup.of(Fixture.files("x.prg", "x"));
        sameAnswer(PRESS_JOB, id -> client.post(Api.UPLOADS, scoped, backup.upload("scoped-run", id)));
        String unknownSha = "0".repeat(64);
        Reply outsideManifest = client.get(Api.MANIFESTS + plant.outside.snapshotId(), scoped);
        sameAnswer(outsideManifest, plant.outside.snapshotId(), client.get(Api.MANIFESTS + unknownSha, scoped),
                unknownSha);
        String outsideBlob = Fixture.sha256(plant.outside.files().get("main.prg"));
        sameAnswer(client.get(Api.BLOBS + outsideBlob, scoped), outsideBlob, client.get(Api.BLOBS + unknownSha,
                scoped), unknownSha);
    }

    @Test
    void anAdministratorOfTheWholePlantKeepsThePreciseAnswers() throws Exception {
        String admin = plant.admin;
        assertEquals("no component '" + NONE + "' on the server (airgap admin components list shows them)",
                client.get(Api.ADMIN_COMPONENTS + "/" + NONE, admin).expect(404).error().error());
        assertEquals("no run " + NONE + " on the server", client.get(Api.ADMIN_RUNS + "/" + NONE, admin).expect(404)
                .error().error());
        assertEquals("no component " + NONE + " on the server (airgap admin overview lists them)",
                client.get(Api.ADMIN_COMPARE + "?component=" + NONE + "&left=v1&right=v1", admin).expect(404).error()
                        .error());
        client.get(Api.ADMIN_COMPONENTS + "/" + PRESS, admin).expect(200);
        client.get(Api.ADMIN_RUNS + "/" + OUTSIDE_RUN, admin).expect(200);
        client.get(Api.MANIFESTS + plant.outside.snapshotId(), admin).expect(200);
        client.get(Api.COMPONENTS + COMPONENT + "/versions", admin).expect(200);
        client.get(Api.ADMIN_JOBS + "/" + JOB, admin).expect(200);
    }

    @Test
    void syncAndTheJobListHoldOnlyTheirFolders() throws Exception {
        PullResponse sync = client.get(Api.SYNC, scoped).expect(200).as(PullResponse.class);
        assertEquals(List.of(LINE, "plant"), sync.folders().stream().map(Folder::id).sorted().toList(),
                "their folder and the folders above it, for the tree");
        assertEquals(List.of(COMPONENT), sync.components().stream().map(Component::id).toList());
        assertEquals(List.of(JOB), sync.jobs().stream().map(Job::id).toList());
        assertEquals(List.of(COMPONENT), sync.baselines().stream().map(Baseline::componentId).toList());
        assertEquals(List.of(JOB), client.get(Api.JOBS, scoped).expect(200).asList(JobSummary.class).stream()
                .map(JobSummary::id).toList());

        PullResponse everything = client.get(Api.SYNC, plant.admin).expect(200).as(PullResponse.class);
        assertEquals(List.of(COMPONENT, PRESS, ROBOT), everything.components().stream().map(Component::id).sorted()
                .toList());
        assertEquals(3, client.get(Api.JOBS, plant.admin).expect(200).asList(JobSummary.class).size());
    }

    @Test
    void versionsArchivesSnapshotsAndBlobsOfTheirComponents() throws Exception {
        assertEquals(1, client.get(Api.COMPONENTS + COMPONENT + "/versions", scoped).expect(200)
                .asList(Version.class).size());
        client.get(Api.COMPONENTS + COMPONENT + "/versions/1/archive", scoped).expect(200);
        client.get(Api.MANIFESTS + plant.inside.snapshotId(), scoped).expect(200);
        byte[] line = plant.inside.files().get("line.prg");
        assertArrayEquals(line, client.get(Api.BLOBS + Fixture.sha256(line), scoped).expect(200).bytes());
        client.get(Api.MANIFESTS + plant.outside.snapshotId(), scoped).expect(404);
        client.get(Api.MANIFESTS + plant.outside.snapshotId(), plant.admin).expect(200);

        // An upload of their job holding a file only press-1's snapshots hold: the server asks for its
        // bytes, as a technician's, instead of taking its hash as proof.
        byte[] main = plant.outside.files().get("main.prg");
        Backup mixed = Backup.of(Fixture.files("line.prg", line, "main.prg", main));
        UploadPlan upload = client.post(Api.UPLOADS, scoped, mixed.upload("scoped-line-run", JOB)).expect(200)
                .as(UploadPlan.class);
        assertEquals(List.of(Fixture.sha256(main)), upload.missing().stream().map(BlobStatus::sha256).toList());
    }

    @Test
    void administrativeListsHoldOnlyTheirFolders() throws Exception {
        assertEquals(List.of(LINE), client.get(Api.ADMIN_FOLDERS, scoped).expect(200).asList(Folder.class).stream()
                .map(Folder::id).toList());
        assertEquals(List.of(COMPONENT), client.get(Api.ADMIN_COMPONENTS + "?archived=true", scoped).expect(200)
                .asList(PlantComponent.class).stream().map(c -> c.component().id()).toList());
        assertEquals(List.of(JOB), client.get(Api.ADMIN_JOBS + "?archived=true", scoped).expect(200)
                .asList(PlantJob.class).stream().map(j -> j.job().id()).toList());
        assertEquals(List.of(INSIDE_RUN), client.get(Api.ADMIN_RUNS, scoped).expect(200).as(AdminRunPage.class).runs()
                .stream().map(AdminRun::id).toList());
        assertEquals(List.of(COMPONENT), client.get(Api.ADMIN_OVERVIEW, scoped).expect(200).as(AdminOverview.class)
                .components().stream().map(AdminOverview.Component::id).toList());
        assertEquals(List.of(new Assignment(JOB, ALICE)), client.get(Api.ADMIN_ASSIGNMENTS, scoped).expect(200)
                .asList(Assignment.class));
        assertEquals(List.of(LINE), client.get(Api.ADMIN_RETENTION, scoped).expect(200).asList(RetentionSetting.class)
                .stream().map(RetentionSetting::id).toList());
        assertEquals(1, client.get(Api.ADMIN_VERSIONS + "/" + COMPONENT, scoped).expect(200).asList(Object.class)
                .size());
        client.get(Api.ADMIN_COMPARE + "?component=" + COMPONENT + "&left=v1&right=v1", scoped).expect(200);
        // The trails name the whole plant's users and subjects: only for an administrator of the whole plant.
        client.get(Api.ADMIN_AUDIT, scoped).expect(403);

        assertEquals(2, client.get(Api.ADMIN_RETENTION, plant.admin).expect(200).asList(RetentionSetting.class).size());
        assertEquals(2, client.get(Api.ADMIN_RUNS, plant.admin).expect(200).as(AdminRunPage.class).runs().size());
    }

    private static void sameAnswer(String outsideId, Call call) throws Exception {
        sameAnswer(404, outsideId, call);
    }

    private static void sameAnswer(int status, String outsideId, Call call) throws Exception {
        sameAnswer(status, call.with(outsideId), outsideId, call.with(NONE), NONE);
    }

    private static void sameAnswer(Reply outside, String outsideId, Reply unknown, String unknownId) {
        sameAnswer(404, outside, outsideId, unknown, unknownId);
    }

    /** Both {@code status}, the same body once each names its own id, the same content type. */
    private static void sameAnswer(int status, Reply outside, String outsideId, Reply unknown, String unknownId) {
        assertEquals(status, unknown.status(), unknown.body());
        assertEquals(unknown.status(), outside.status(), outside.body());
        assertEquals(unknown.body().replace(unknownId, "<id>"), outside.body().replace(outsideId, "<id>"));
        assertEquals(unknown.headers().firstValue("Content-Type"), outside.headers().firstValue("Content-Type"));
    }
}
