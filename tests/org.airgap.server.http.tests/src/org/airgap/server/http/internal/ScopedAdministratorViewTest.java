package org.airgap.server.http.internal;

import static org.airgap.server.http.internal.Fixture.ALICE;
import static org.airgap.server.http.internal.Fixture.PRESS;
import static org.airgap.server.http.internal.Fixture.PRESS_JOB;
import static org.airgap.server.http.internal.ScopedPlant.COMPONENT;
import static org.airgap.server.http.internal.ScopedPlant.JOB;
import static org.airgap.server.http.internal.ScopedPlant.LINE;
import static org.airgap.server.http.internal.ScopedPlant.OPTIONS;
import static org.airgap.server.http.internal.ScopedPlant.OUTSIDE_RUN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.protocol.AdminImport;
import org.airgap.protocol.Api;
import org.airgap.protocol.Assignment;
import org.airgap.protocol.AssignmentChange;
import org.airgap.protocol.CommentRequest;
import org.airgap.protocol.PlantMove;
import org.airgap.protocol.RetentionPolicy;
import org.airgap.protocol.RetentionSetting;
import org.airgap.server.http.internal.ApiClient.Reply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a folder-scoped administrator sees: they cannot tell an id outside their folders from one that does
 * not exist: on every administrative endpoint that takes a folder, component, job, run or version, both
 * answer 404 with the same body once each names its own id, and nothing changes. An administrator of the
 * whole plant keeps the precise answers. One server for the class ({@link ScopedPlant}); no test changes
 * what another reads.
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

    private static void sameAnswer(String outsideId, Call call) throws Exception {
        sameAnswer(404, outsideId, call);
    }

    private static void sameAnswer(int status, String outsideId, Call call) throws Exception {
        sameAnswer(status, call.with(outsideId), outsideId, call.with(NONE), NONE);
    }

    /** Both {@code status}, the same body once each names its own id, the same content type. */
    private static void sameAnswer(int status, Reply outside, String outsideId, Reply unknown, String unknownId) {
        assertEquals(status, unknown.status(), unknown.body());
        assertEquals(unknown.status(), outside.status(), outside.body());
        assertEquals(unknown.body().replace(unknownId, "<id>"), outside.body().replace(outsideId, "<id>"));
        assertEquals(unknown.headers().firstValue("Content-Type"), outside.headers().firstValue("Content-Type"));
    }
}
