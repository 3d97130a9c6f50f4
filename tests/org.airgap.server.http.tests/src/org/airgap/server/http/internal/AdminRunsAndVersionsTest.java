package org.airgap.server.http.internal;

import static org.airgap.server.http.internal.Fixture.ALICE;
import static org.airgap.server.http.internal.Fixture.BOB;
import static org.airgap.server.http.internal.Fixture.PRESS;
import static org.airgap.server.http.internal.Fixture.PRESS_JOB;
import static org.airgap.server.http.internal.Fixture.ROBOT_JOB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest.BodyPublishers;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.airgap.model.CompareResult;
import org.airgap.model.Component;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.model.Run;
import org.airgap.model.RunMessage;
import org.airgap.model.RunOutcome;
import org.airgap.protocol.AdminImport;
import org.airgap.protocol.AdminRun;
import org.airgap.protocol.AdminRunDetail;
import org.airgap.protocol.AdminRunPage;
import org.airgap.protocol.AdminVersion;
import org.airgap.protocol.Api;
import org.airgap.protocol.Assignment;
import org.airgap.protocol.BlobStatus;
import org.airgap.protocol.CommentRequest;
import org.airgap.protocol.CommitResult;
import org.airgap.protocol.UploadPlan;
import org.airgap.protocol.UploadRequest;
import org.airgap.server.core.RunQuery;
import org.airgap.server.http.internal.Fixture.Backup;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The administrator's runs and versions over the real server: the run list's filters and pages, a run in
 * full, check-in by hand, comment edits, the stale rule at upload, and every refusal (technician 403,
 * unknown 404, bad query 400).
 */
class AdminRunsAndVersionsTest extends ServerTestBase {

    private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");
    /** A component whose job does not create versions automatically: its runs are checked in by hand. */
    private static final String MANUAL = "press-manual";
    private static final String MANUAL_JOB = "job-press-manual";

    private String alice;
    private String bob;

    @BeforeEach
    void logIn() throws Exception {
        alice = server.login(ALICE);
        bob = server.login(BOB);
        JobOptions byHand = new JobOptions(1, Duration.ZERO, null, false, List.of(), List.of(), List.of());
        client.post(Api.ADMIN_IMPORT, admin, new AdminImport(List.of(),
                List.of(new Component(MANUAL, "Press 1 (by hand)", "plant", "directory", Map.of())),
                List.of(new Job(MANUAL_JOB, MANUAL, "Back up press 1 by hand", Map.of(), byHand)),
                List.of(new Assignment(MANUAL_JOB, ALICE)))).expect(200);
    }

    /** Uploads and commits a run of {@code jobId} started {@code minutes} after START with one file. */
    private CommitResult upload(String token, String runId, String jobId, int minutes, String content,
            Instant sentAt) throws Exception {
        Backup backup = Backup.of(Fixture.files("program.txt", content));
        Instant start = START.plus(Duration.ofMinutes(minutes));
        Run run = new Run(runId, jobId, start, start.plusSeconds(30), 2, RunOutcome.SUCCEEDED, null,
                backup.snapshotId(), CompareResult.NOT_AVAILABLE, CompareResult.NOT_AVAILABLE,
                List.of(new RunMessage(start, RunMessage.Level.WARNING, "attempt 1: timeout"),
                        new RunMessage(start.plusSeconds(20), RunMessage.Level.INFO, "attempt 2: 1 file")));
        UploadPlan plan = client.post(Api.UPLOADS, token, new UploadRequest(run, backup.manifestJson(), sentAt))
                .expect(200).as(UploadPlan.class);
        for (BlobStatus blob : plan.missing()) {
            byte[] bytes = content.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            client.put(Api.BLOBS + blob.sha256() + "?offset=0&size=" + bytes.length, token,
                    BodyPublishers.ofByteArray(bytes)).expect(200);
        }
        return client.postText(Api.UPLOADS + "/" + runId + Api.COMMIT_SUFFIX, token, "").expect(200)
                .as(CommitResult.class);
    }

    private AdminRunPage list(String query) throws Exception {
        return client.get(Api.ADMIN_RUNS + query, admin).expect(200).as(AdminRunPage.class);
    }

    private static List<String> ids(AdminRunPage page) {
        return page.runs().stream().map(AdminRun::id).toList();
    }

    @Test
    void theRunListIsFilteredAndPagedNewestFirstAndARunComesWithItsLog() throws Exception {
        upload(alice, "run-a", PRESS_JOB, 0, "v1", null);
        upload(bob, "run-b", ROBOT_JOB, 5, "robot v1", null);
        // The laptop's clock is 2 minutes fast when it sends: the backup was taken at START + 8 min.
        upload(alice, "run-c", PRESS_JOB, 10, "v2", Instant.now().plus(Duration.ofMinutes(2)));
        upload(alice, "run-d", MANUAL_JOB, 15, "manual", null);

        assertEquals(List.of("run-d", "run-c", "run-b", "run-a"), ids(list("")));
        assertEquals(List.of("run-c", "run-a"), ids(list("?component=" + PRESS)));
        assertEquals(List.of("run-b"), ids(list("?job=" + ROBOT_JOB)));
        assertEquals(List.of("run-b"), ids(list("?user=" + BOB)));
        assertEquals(List.of(), ids(list("?outcome=failed")));
        assertEquals(List.of("run-c", "run-b"), ids(list("?from=2026-11-25T10:05:00Z&to=2026-11-25T10:15:00Z")));
        AdminRunPage first = list("?limit=3");
        assertEquals(List.of("run-d", "run-c", "run-b"), ids(first));
        AdminRunPage second = list("?limit=3&after=" + first.next());
        assertEquals(List.of("run-a"), ids(second));
        assertNull(second.next());

        AdminRunDetail detail = client.get(Api.ADMIN_RUNS + "/run-c", admin).expect(200).as(AdminRunDetail.class);
        assertEquals(List.of("attempt 1: timeout", "attempt 2: 1 file"),
                detail.run().messages().stream().map(RunMessage::text).toList());
        AdminRun summary = detail.summary();
        assertEquals(2, summary.attempts());
        assertEquals(ALICE, summary.user());
        assertEquals(2, summary.version(), "the version it made");
        assertEquals(CompareResult.DIFFERENT, summary.serverVersionResult());
        assertEquals(CompareResult.DIFFERENT, summary.previousBackupResult());
        assertTrue(Math.abs(summary.clockSkewSeconds() - 120) <= 5, "skew " + summary.clockSkewSeconds());
        assertEquals(START.plus(Duration.ofMinutes(10)).minusSeconds(summary.clockSkewSeconds()),
                summary.backupTime());
        assertNull(list("").runs().get(0).version(), "the job by hand made none");
    }

    @Test
    void aRunIsCheckedInByHandItsCommentChangedAndItsHistoryRead() throws Exception {
        CommitResult uploaded = upload(alice, "run-m1", MANUAL_JOB, 0, "manual v1", null);
        assertFalse(uploaded.versionCreated());

        AdminVersion version = client.post(Api.ADMIN_RUNS + "/run-m1" + Api.CHECKIN_SUFFIX, admin,
                new CommentRequest("after the retrofit")).expect(200).as(AdminVersion.class);
        assertEquals(1, version.number());
        assertEquals(Fixture.ADMIN, version.user());
        assertEquals("run-m1", version.runId());
        assertEquals("run run-m1 is version 1 of component press-manual already", client.post(Api.ADMIN_RUNS
                + "/run-m1" + Api.CHECKIN_SUFFIX, admin, new CommentRequest("again")).expect(409).error().error());

        AdminVersion commented = client.post(Api.ADMIN_VERSIONS + "/" + MANUAL + "/1/comment", admin,
                new CommentRequest("approved")).expect(200).as(AdminVersion.class);
        assertEquals("approved", commented.comment());
        assertEquals(List.of(commented), client.get(Api.ADMIN_VERSIONS + "/" + MANUAL, admin).expect(200)
                .asList(AdminVersion.class));
        assertEquals(1, client.get(Api.COMPONENTS + MANUAL + "/versions/1/archive", admin).expect(200).headers()
                .allValues("Content-Disposition").size(), "the checked-in version downloads");
    }

    @Test
    void anOlderBackupUploadedAfterANewerVersionDoesNotBecomeOne() throws Exception {
        assertTrue(upload(alice, "run-new", PRESS_JOB, 60, "newer program", null).versionCreated());
        CommitResult older = upload(alice, "run-old", PRESS_JOB, 0, "older program", null);
        assertFalse(older.versionCreated());
        assertEquals(1, older.version().number());
        assertTrue(older.versionRefusal().contains("the server version is newer"), older.versionRefusal());
        String byHand = client.post(Api.ADMIN_RUNS + "/run-old" + Api.CHECKIN_SUFFIX, admin,
                new CommentRequest("take it anyway")).expect(409).error().error();
        assertTrue(byHand.startsWith("run run-old cannot be checked in: the server version is newer"), byHand);
    }

    @Test
    void aTechnicianIsRefusedEverything() throws Exception {
        upload(alice, "run-a", PRESS_JOB, 0, "v1", null);
        String refusal = "administrators only: user alice is a technician";
        assertEquals(refusal, client.get(Api.ADMIN_RUNS, alice).expect(403).error().error());
        assertEquals(refusal, client.get(Api.ADMIN_RUNS + "?limit=0", alice).expect(403).error().error());
        assertEquals(refusal, client.get(Api.ADMIN_RUNS + "/run-a", alice).expect(403).error().error());
        assertEquals(refusal, client.post(Api.ADMIN_RUNS + "/run-a" + Api.CHECKIN_SUFFIX, alice,
                new CommentRequest("mine")).expect(403).error().error());
        assertEquals(refusal, client.get(Api.ADMIN_VERSIONS + "/" + PRESS, alice).expect(403).error().error());
        assertEquals(refusal, client.post(Api.ADMIN_VERSIONS + "/" + PRESS + "/1/comment", alice,
                new CommentRequest("mine")).expect(403).error().error());
        assertEquals("automatic version from run run-a",
                server.repository.version(PRESS, 1).orElseThrow().comment(), "unchanged");
        client.get(Api.ADMIN_RUNS, null).expect(401);
    }

    @Test
    void unknownThingsAre404AndBadQueries400() throws Exception {
        upload(alice, "run-a", PRESS_JOB, 0, "v1", null);
        assertEquals("no run run-x on the server", client.get(Api.ADMIN_RUNS + "/run-x", admin).expect(404).error()
                .error());
        client.post(Api.ADMIN_RUNS + "/run-x" + Api.CHECKIN_SUFFIX, admin, new CommentRequest("c")).expect(404);
        client.get(Api.ADMIN_RUNS + "?component=nothing", admin).expect(404);
        client.get(Api.ADMIN_RUNS + "?job=nothing", admin).expect(404);
        client.get(Api.ADMIN_VERSIONS + "/nothing", admin).expect(404);
        client.post(Api.ADMIN_VERSIONS + "/" + PRESS + "/9/comment", admin, new CommentRequest("c")).expect(404);
        client.get(Api.ADMIN_RUNS + "/run-a/more", admin).expect(404);

        for (String query : List.of("?limit=0", "?limit=" + (RunQuery.MAX_LIMIT + 1), "?limit=ten", "?outcome=GREAT",
                "?from=yesterday", "?colour=red", "?after=no-such-run", "?user=a&user=b",
                "?from=2026-11-26&to=2026-11-25", "?job=" + "j".repeat(201))) {
            String error = client.get(Api.ADMIN_RUNS + query, admin).expect(400).error().error();
            assertTrue(error.startsWith("bad run list query: ")
                    || error.contains("names no run"), query + ": " + error);
        }
        assertEquals(1, list("?limit=" + RunQuery.MAX_LIMIT).runs().size(), "the largest page is served");
        client.post(Api.ADMIN_VERSIONS + "/" + PRESS + "/one/comment", admin, new CommentRequest("c")).expect(400);
        client.post(Api.ADMIN_VERSIONS + "/" + PRESS + "/1/comment", admin, new CommentRequest(" ")).expect(400);
        client.postText(Api.ADMIN_RUNS + "/run-a" + Api.CHECKIN_SUFFIX, admin, "{\"comment\": 5").expect(400);
    }
}
