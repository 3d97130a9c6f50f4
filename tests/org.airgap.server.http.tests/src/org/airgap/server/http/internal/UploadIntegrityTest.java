package org.airgap.server.http.internal;

import static org.airgap.server.http.internal.Fixture.ALICE;
import static org.airgap.server.http.internal.Fixture.PRESS;
import static org.airgap.server.http.internal.Fixture.PRESS_JOB;
import static org.airgap.server.http.internal.Fixture.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.airgap.model.CompareResult;
import org.airgap.model.Run;
import org.airgap.model.RunOutcome;
import org.airgap.protocol.Api;
import org.airgap.protocol.BlobStatus;
import org.airgap.protocol.CommitResult;
import org.airgap.protocol.ErrorResponse;
import org.airgap.protocol.PullResponse;
import org.airgap.protocol.UploadPlan;
import org.airgap.protocol.UploadRequest;
import org.airgap.server.http.internal.ApiClient.Reply;
import org.airgap.store.Manifest;
import org.airgap.store.ManifestEntry;
import org.airgap.store.ManifestFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Uploads the laptop would never send, as an attacker or a laptop with a wrong clock sends them: the
 * server keeps none of them, and none changes what the others see.
 */
class UploadIntegrityTest extends ServerTestBase {

    private static final byte[] CONFIG = "[press]\nspeed=12\n".getBytes(StandardCharsets.UTF_8);
    private static final Instant MODIFIED = Instant.parse("2026-11-20T08:00:00Z");

    private String alice;

    @BeforeEach
    void start() throws Exception {
        alice = server.login(ALICE);
    }

    // ---- dates from the laptop's clock

    @Test
    void aRunDatedAheadDoesNotStayThePreviousBackupOfLaterCommits() throws Exception {
        Instant now = Instant.now();
        String ahead = upload("run-ahead", now.plus(Duration.ofHours(20)), CONFIG);
        String later = upload("run-later", now.minus(Duration.ofHours(1)),
                "[press]\nspeed=14\n".getBytes(StandardCharsets.UTF_8));
        assertNotEquals(ahead, later);
        PullResponse pull = client.get(Api.SYNC, alice).expect(200).as(PullResponse.class);
        assertEquals(later, pull.baselines().get(0).previousBackupSnapshot(),
                "the latest backup is the one committed last, whatever the laptop's clock said");
    }

    @Test
    void aRunDatedMoreThanADayAheadIsRefusedSayingToSetTheLaptopsClock() throws Exception {
        Run run = run("run-2099", Instant.parse("2099-01-01T00:00:00Z"), null);
        ErrorResponse refused = client.post(Api.UPLOADS, alice, new UploadRequest(run, null)).expect(400).error();
        assertTrue(refused.error().contains("run-2099") && refused.error().contains("laptop's clock")
                && refused.error().contains("stays queued on the laptop"), refused.error());
        client.postText(Api.UPLOADS + "/run-2099" + Api.COMMIT_SUFFIX, alice, "").expect(404);
    }

    @Test
    void theLaptopsClockSkewIsRecordedWithTheRun() throws Exception {
        Run run = run("run-skewed", Instant.now(), null);
        client.post(Api.UPLOADS, alice, new UploadRequest(run, null, Instant.now().plus(Duration.ofHours(2))))
                .expect(200);
        client.postText(Api.UPLOADS + "/run-skewed" + Api.COMMIT_SUFFIX, alice, "").expect(200);
        Duration skew = server.repository.clockSkew("run-skewed").orElseThrow();
        assertTrue(skew.minus(Duration.ofHours(2)).abs().compareTo(Duration.ofMinutes(1)) < 0, skew.toString());
    }

    // ---- manifests

    @Test
    void aFileBelowASymbolicLinkIsRefusedNamingTheEntry() throws Exception {
        ErrorResponse refused = plan("run-1", List.of(ManifestEntry.symlink("plc/current", "program.bin"),
                ManifestEntry.file("plc/current/program.bin", CONFIG.length, sha256(CONFIG), MODIFIED)))
                .expect(400).error();
        assertTrue(refused.error().contains("'plc/current/program.bin'") && refused.error().contains("'plc/current'"),
                refused.error());
    }

    @Test
    void aFileWhoseSizeIsNotItsBlobsIsRefusedNamingTheEntry() throws Exception {
        client.put(Api.BLOBS + sha256(CONFIG) + "?offset=0&size=" + CONFIG.length, alice,
                BodyPublishers.ofByteArray(CONFIG)).expect(200);
        UploadPlan plan = plan("run-1", List.of(ManifestEntry.file("config.ini", 1_000_000, sha256(CONFIG), MODIFIED)))
                .expect(200).as(UploadPlan.class);
        assertEquals(List.of(), plan.missing());
        ErrorResponse refused = client.postText(Api.UPLOADS + "/run-1" + Api.COMMIT_SUFFIX, alice, "").expect(400)
                .error();
        assertTrue(refused.error().contains("'config.ini'"), refused.error());
        assertEquals(List.of(), client.get(Api.COMPONENTS + PRESS + "/versions", alice).expect(200)
                .asList(org.airgap.model.Version.class), "no version of the refused run");
    }

    @Test
    void aLinkWithoutTargetIsRefusedNamingTheEntry() throws Exception {
        ErrorResponse refused = plan("run-1", List.of(ManifestEntry.symlink("plc/current", ""))).expect(400).error();
        assertTrue(refused.error().contains("'plc/current'"), refused.error());
    }

    @Test
    void aVersionWithALinkLeavingItIsKeptButItsArchiveIsRefusedNamingTheLink() throws Exception {
        // The laptop keeps a device's link as it is, absolute or not (docs/formats.md): the upload is taken.
        client.put(Api.BLOBS + sha256(CONFIG) + "?offset=0&size=" + CONFIG.length, alice,
                BodyPublishers.ofByteArray(CONFIG)).expect(200);
        plan("run-1", List.of(ManifestEntry.file("config.ini", CONFIG.length, sha256(CONFIG), MODIFIED),
                ManifestEntry.symlink("plc/passwd", "/etc/passwd"))).expect(200);
        CommitResult committed = client.postText(Api.UPLOADS + "/run-1" + Api.COMMIT_SUFFIX, alice, "").expect(200)
                .as(CommitResult.class);

        // An archive must not carry the link: a clear refusal naming it, not a failure of the server.
        Reply refused = client.get(Api.COMPONENTS + PRESS + "/versions/" + committed.version().number()
                + "/archive", alice);
        assertEquals(409, refused.status(), refused.body());
        String error = refused.error().error();
        assertTrue(error.contains("symbolic link 'plc/passwd'") && error.contains("'/etc/passwd'")
                && error.contains(Api.MANIFESTS + committed.version().snapshotId()), error);
    }

    // ---- helpers

    private Reply plan(String runId, List<ManifestEntry> entries) throws Exception {
        byte[] manifest = ManifestFormat.toJson(new Manifest(entries));
        Run run = run(runId, Fixture.run(runId, PRESS_JOB, null).start(), ManifestFormat.sha256(manifest));
        return client.post(Api.UPLOADS, alice, new UploadRequest(run, new String(manifest, StandardCharsets.UTF_8)));
    }

    /** A backup of one file, config.ini: plans, sends its blob, commits; returns the snapshot id. */
    private String upload(String runId, Instant start, byte[] config) throws Exception {
        byte[] manifest = ManifestFormat.toJson(new Manifest(List.of(ManifestEntry.file("config.ini", config.length,
                sha256(config), MODIFIED))));
        String snapshotId = ManifestFormat.sha256(manifest);
        UploadPlan plan = client.post(Api.UPLOADS, alice, new UploadRequest(run(runId, start, snapshotId),
                new String(manifest, StandardCharsets.UTF_8))).expect(200).as(UploadPlan.class);
        for (BlobStatus blob : plan.missing()) {
            client.put(Api.BLOBS + blob.sha256() + "?offset=0&size=" + config.length, alice,
                    BodyPublishers.ofByteArray(config)).expect(200);
        }
        client.postText(Api.UPLOADS + "/" + runId + Api.COMMIT_SUFFIX, alice, "").expect(200).as(CommitResult.class);
        return snapshotId;
    }

    private static Run run(String id, Instant start, String snapshotId) {
        return new Run(id, PRESS_JOB, start, start.plusSeconds(30), 1, RunOutcome.SUCCEEDED, null, snapshotId,
                CompareResult.NOT_AVAILABLE, CompareResult.NOT_AVAILABLE, List.of());
    }
}
