package org.airgap.server.http.internal;

import static org.airgap.server.http.internal.Fixture.ALICE;
import static org.airgap.server.http.internal.Fixture.PRESS;
import static org.airgap.server.http.internal.Fixture.PRESS_JOB;
import static org.airgap.server.http.internal.Fixture.sha256;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest.BodyPublishers;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.airgap.protocol.Api;
import org.airgap.protocol.BlobStatus;
import org.airgap.protocol.GcResult;
import org.airgap.protocol.ProtocolJson;
import org.airgap.protocol.RetentionPolicy;
import org.airgap.protocol.RetentionSetting;
import org.airgap.protocol.UploadPlan;
import org.airgap.server.http.internal.ApiClient.Reply;
import org.airgap.server.http.internal.Fixture.Backup;
import org.airgap.store.ContentStore;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /api/admin/retention} and {@code /api/admin/gc} on the real server, beside real uploads. */
class RetentionAndGcTest extends ServerTestBase {

    private static final String PLANT_POLICY = Api.ADMIN_RETENTION + "/folder/plant";
    private static final RetentionPolicy POLICY = new RetentionPolicy(3, Duration.ofDays(30), Duration.ofDays(7));

    private String alice;

    @BeforeEach
    void login() throws Exception {
        alice = server.login(ALICE);
    }

    @Test
    void techniciansAreRefusedEverything() throws Exception {
        assertEquals(403, client.get(Api.ADMIN_RETENTION, alice).status());
        assertEquals(403, client.get(PLANT_POLICY, alice).status());
        assertEquals(403, put(PLANT_POLICY, alice, ProtocolJson.write(POLICY)).status());
        assertEquals(403, delete(PLANT_POLICY, alice).status());
        assertEquals(403, client.postText(Api.ADMIN_GC, alice, "").status());
        assertEquals(401, client.postText(Api.ADMIN_GC, null, "").status());
        assertEquals(List.of(), server.repository.retentionPolicies());
    }

    @Test
    void policiesAreSetShownInheritedAndCleared() throws Exception {
        RetentionSetting set = put(PLANT_POLICY, admin, ProtocolJson.write(POLICY)).expect(200)
                .as(RetentionSetting.class);
        assertEquals(POLICY, set.policy());
        assertEquals(Fixture.ADMIN, set.setBy());
        RetentionSetting inherited = client.get(Api.ADMIN_RETENTION + "/component/" + PRESS, admin).expect(200)
                .as(RetentionSetting.class);
        assertEquals(List.of(RetentionSetting.COMPONENT, PRESS, RetentionSetting.FOLDER, "plant"), List.of(
                inherited.kind(), inherited.id(), inherited.fromKind(), inherited.fromId()));
        assertEquals(List.of(set), client.get(Api.ADMIN_RETENTION, admin).expect(200).asList(RetentionSetting.class));

        RetentionSetting cleared = delete(PLANT_POLICY, admin).expect(200).as(RetentionSetting.class);
        assertEquals(RetentionPolicy.KEEP_EVERYTHING, cleared.policy());
        assertEquals(404, delete(PLANT_POLICY, admin).status(), "no policy of its own left");
    }

    @Test
    void badRequestsAreRefusedNamingTheProblem() throws Exception {
        assertEquals(400, put(PLANT_POLICY, admin, "{\"keepVersions\": 0}").status());
        assertEquals(400, put(PLANT_POLICY, admin, "{\"keepVersionsFor\": \"soon\"}").status());
        assertEquals(400, put(PLANT_POLICY, admin, "null").status());
        assertEquals(413, put(PLANT_POLICY, admin, "{\"x\": \"" + "a".repeat(5000) + "\"}").status());
        assertEquals(404, put(Api.ADMIN_RETENTION + "/component/nothing", admin, ProtocolJson.write(POLICY))
                .status());
        assertEquals(404, client.get(Api.ADMIN_RETENTION + "/job/" + PRESS_JOB, admin).status());
        assertEquals(404, client.get(Api.ADMIN_RETENTION + "/folder/plant/more", admin).status());
        Reply dryRun = client.postText(Api.ADMIN_GC + "?dryRun=maybe", admin, "");
        assertEquals(400, dryRun.status());
        assertTrue(dryRun.error().error().contains("dryRun"), dryRun.body());
        assertEquals(405, client.get(Api.ADMIN_GC, admin).status());
    }

    @Test
    void gcRemovesWhatNoRunNamesKeepsPlannedUploadsAndEveryVersionDownloadsTheSame() throws Exception {
        Backup first = Backup.of(Fixture.files("main.prg", Fixture.bytes(300_000, 1), "config.ini", "speed=1\n"));
        Backup second = Backup.of(Fixture.files("main.prg", Fixture.bytes(300_000, 2), "config.ini", "speed=1\n"));
        uploadAndCommit("run-1", first, true);
        uploadAndCommit("run-2", second, true);
        Map<String, String> v1 = archive(1);
        Map<String, String> v2 = archive(2);
        // run-3 is planned and its program sent; then the laptop plans it again with another backup, so the
        // first program is named by nothing; the second program is sent but not committed.
        byte[] orphan = Fixture.bytes(200_000, 3);
        uploadAndCommit("run-3", Backup.of(Fixture.files("main.prg", orphan)), false);
        byte[] planned = Fixture.bytes(100_000, 4);
        uploadAndCommit("run-3", Backup.of(Fixture.files("main.prg", planned)), false);
        ContentStore store = server.repository.store();
        assertTrue(store.hasBlob(sha256(orphan)));

        GcResult dryRun = client.postText(Api.ADMIN_GC + "?dryRun=true", admin, "").expect(200).as(GcResult.class);
        assertEquals(List.of(true, 0, 0, 1, 200_000L), List.of(dryRun.dryRun(), dryRun.versionsDropped(),
                dryRun.manifestsRemoved(), dryRun.blobsRemoved(), dryRun.bytesReclaimed()));
        assertTrue(store.hasBlob(sha256(orphan)), "a dry run removes nothing");

        GcResult gc = client.postText(Api.ADMIN_GC, admin, "").expect(200).as(GcResult.class);
        assertEquals(List.of(false, 1, 200_000L), List.of(gc.dryRun(), gc.blobsRemoved(), gc.bytesReclaimed()));
        assertFalse(store.hasBlob(sha256(orphan)));
        assertTrue(store.hasBlob(sha256(planned)), "named by the planned run-3");
        assertEquals(v1, archive(1));
        assertEquals(v2, archive(2));
        Reply commit = client.postText(Api.UPLOADS + "/run-3" + Api.COMMIT_SUFFIX, alice, "").expect(200);
        assertTrue(commit.body().contains("run-3"), commit.body());
    }

    /** Plans the run and sends what the server lacks; commits it when {@code commit}. */
    private void uploadAndCommit(String runId, Backup backup, boolean commit) throws Exception {
        UploadPlan plan = client.post(Api.UPLOADS, alice, backup.upload(runId, PRESS_JOB)).expect(200)
                .as(UploadPlan.class);
        for (BlobStatus blob : plan.missing()) {
            byte[] bytes = backup.files().values().stream().filter(b -> sha256(b).equals(blob.sha256())).findFirst()
                    .orElseThrow();
            client.put(Api.BLOBS + blob.sha256() + "?offset=0&size=" + bytes.length, alice, BodyPublishers
                    .ofByteArray(bytes), Api.CHUNK_SHA256, sha256(bytes)).expect(200);
        }
        if (commit) {
            client.postText(Api.UPLOADS + "/" + runId + Api.COMMIT_SUFFIX, alice, "").expect(200);
        }
    }

    /**
     * The version's archive: each entry's name, modification time and content hash. (The archive's own
     * bytes hold the time it was made, in its manifest entry: that entry's time is left out.)
     */
    private Map<String, String> archive(int version) throws Exception {
        byte[] bytes = client.get(Api.COMPONENTS + PRESS + "/versions/" + version + "/archive", admin).expect(200)
                .bytes();
        Map<String, String> entries = new TreeMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
                new ByteArrayInputStream(bytes)))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null;) {
                boolean made = entry.getName().equals("manifest.json");
                entries.put(entry.getName(), (made ? "" : entry.getModTime().toInstant() + " ")
                        + sha256(tar.readAllBytes()));
            }
        }
        assertEquals(3, entries.size(), entries::toString);
        return entries;
    }

    private Reply put(String path, String token, String json) throws Exception {
        return client.send(client.request(path, token).header("Content-Type", Api.JSON).PUT(BodyPublishers.ofString(
                json)).build());
    }

    private Reply delete(String path, String token) throws Exception {
        return client.send(client.request(path, token).DELETE().build());
    }

}
