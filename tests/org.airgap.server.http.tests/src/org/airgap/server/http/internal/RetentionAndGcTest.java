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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

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
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

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

    // ---- readers beside gc: an archive being sent, the technicians' cached read rights

    @Test
    void anArchiveThatStartedBeforeGcDroppedItsVersionCompletesWithTheSameBytes() throws Exception {
        byte[] program1 = Fixture.bytes(300_000, 11);
        twoVersionsTwoDaysOld(program1);
        Map<String, String> before = archive(1);
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        apiServices().archiveHeld = snapshotId -> {
            held.countDown();
            await(resume);
        };
        CompletableFuture<Map<String, String>> download = CompletableFuture.supplyAsync(() -> {
            try {
                return archive(1);
            } catch (Exception e) {
                throw new CompletionException(e);
            }
        });
        try {
            assertTrue(held.await(30, TimeUnit.SECONDS), "the download took its hold");
            GcResult gc = client.postText(Api.ADMIN_GC, admin, "").expect(200).as(GcResult.class);
            assertEquals(List.of(1, 0, 0), List.of(gc.versionsDropped(), gc.manifestsRemoved(), gc.blobsRemoved()),
                    "version 1 dropped, its files kept for the download");
        } finally {
            resume.countDown();
        }

        assertEquals(before, download.get(30, TimeUnit.SECONDS), "complete, byte for byte");
        client.get(Api.COMPONENTS + PRESS + "/versions/1/archive", admin).expect(404);
        GcResult after = client.postText(Api.ADMIN_GC, admin, "").expect(200).as(GcResult.class);
        assertEquals(List.of(1, 1, 300_000L), List.of(after.manifestsRemoved(), after.blobsRemoved(),
                after.bytesReclaimed()), "the download is over: its files go");
        assertFalse(server.repository.store().hasBlob(sha256(program1)));
    }

    @Test
    void aTechniciansCachedReadRightsForgetAVersionGcDroppedAtOnce() throws Exception {
        byte[] program1 = Fixture.bytes(300_000, 12);
        twoVersionsTwoDaysOld(program1);
        long stopped = System.nanoTime();
        apiServices().access().nanoTime = () -> stopped; // the few seconds of the cache never pass by themselves
        String v1 = server.repository.version(PRESS, 1).orElseThrow().snapshotId();
        client.get(Api.MANIFESTS + v1, alice).expect(200);
        client.get(Api.BLOBS + sha256(program1), alice).expect(200);

        GcResult gc = client.postText(Api.ADMIN_GC, admin, "").expect(200).as(GcResult.class);
        assertEquals(List.of(1, 1, 1), List.of(gc.versionsDropped(), gc.manifestsRemoved(), gc.blobsRemoved()));

        Reply manifest = client.get(Api.MANIFESTS + v1, alice);
        assertEquals(404, manifest.status(), manifest.body());
        assertTrue(manifest.error().error().startsWith("no snapshot " + v1), manifest.body());
        assertEquals(404, client.get(Api.BLOBS + sha256(program1), alice).status());
        String v2 = server.repository.version(PRESS, 2).orElseThrow().snapshotId();
        client.get(Api.MANIFESTS + v2, alice).expect(200);
    }

    /**
     * Versions 1 and 2 of the press (version 1's program is {@code program1}), made two days ago as far as
     * the database goes (edited while the server is stopped), and a policy that keeps only the latest version.
     */
    private void twoVersionsTwoDaysOld(byte[] program1) throws Exception {
        uploadAndCommit("run-1", Backup.of(Fixture.files("main.prg", program1, "config.ini", "speed=1\n")), true);
        uploadAndCommit("run-2", Backup.of(Fixture.files("main.prg", Fixture.bytes(300_000, 2), "config.ini",
                "speed=1\n")), true);
        var settings = server.repository.settings();
        server.close();
        TestServer.editStoppedDatabase(settings, "UPDATE versions SET time = DATEADD(DAY, -2, time)",
                "UPDATE runs SET committed = DATEADD(DAY, -2, committed)");
        server = TestServer.start(data, Duration.ofMinutes(30));
        client = server.client;
        admin = server.login(Fixture.ADMIN);
        alice = server.login(ALICE);
        put(Api.ADMIN_RETENTION + "/component/" + PRESS, admin, ProtocolJson.write(new RetentionPolicy(1, null,
                Duration.ofHours(1)))).expect(200);
    }

    /** The endpoints' shared services of the server running now. */
    private static ApiServices apiServices() {
        BundleContext context = FrameworkUtil.getBundle(ApiServices.class).getBundleContext();
        return context.getService(context.getServiceReference(ApiServices.class));
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test did not let the download go on");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Reply put(String path, String token, String json) throws Exception {
        return client.send(client.request(path, token).header("Content-Type", Api.JSON).PUT(BodyPublishers.ofString(
                json)).build());
    }

    private Reply delete(String path, String token) throws Exception {
        return client.send(client.request(path, token).DELETE().build());
    }

}
