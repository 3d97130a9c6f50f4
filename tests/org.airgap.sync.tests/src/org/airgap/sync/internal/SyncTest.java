package org.airgap.sync.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.airgap.compare.CompareEngine;
import org.airgap.model.Baseline;
import org.airgap.model.CompareResult;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.model.Run;
import org.airgap.model.RunOutcome;
import org.airgap.protocol.AdminImport;
import org.airgap.protocol.Api;
import org.airgap.protocol.Assignment;
import org.airgap.protocol.CommitResult;
import org.airgap.protocol.JobSummary;
import org.airgap.protocol.Role;
import org.airgap.protocol.SessionEndReason;
import org.airgap.session.ClientSession;
import org.airgap.session.SessionException;
import org.airgap.session.SessionState;
import org.airgap.store.ContentStore;
import org.airgap.store.Manifest;
import org.airgap.store.ManifestFormat;
import org.airgap.store.Snapshot;
import org.airgap.sync.PullReport;
import org.airgap.sync.PushReport;
import org.airgap.sync.RunUpload;
import org.airgap.sync.SyncException;
import org.airgap.testing.server.ServerFixture;
import org.airgap.workspace.SyncedData;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** Pull and push between real laptops (workspaces) and a real server (H2, Jetty, the endpoints) over HTTP. */
class SyncTest extends LaptopAndServer {

    static final String ANNA = "anna";
    static final String PASSWORD = "Plant-2026!";
    static final int BIG = 20 * 1024 * 1024;

    @Override
    void definePlant() throws Exception {
        server.addUser("bert", Role.TECHNICIAN, "Other-2026!");
        server.define(plant(List.of(new Assignment("job-plc", ANNA), new Assignment("job-robot", "bert"))));
    }

    /** The server in this runtime, with its data in {@code data}. */
    static ServerFixture startServer(Path data, Duration idleTimeout, Duration maxSessionLength) throws Exception {
        return ServerFixture.start("airgap-sync-test", ServerFixture.ALL_AIRGAP_BUNDLES, data, idleTimeout,
                maxSessionLength);
    }

    /** The PLC job's gentle mode, which travels from the server's import to the laptop's workspace. */
    static final Duration GENTLE_PAUSE = Duration.ofMillis(200);
    static final long GENTLE_CAP = 65_536;

    static AdminImport plant(List<Assignment> assignments) {
        JobOptions autoVersion = new JobOptions(1, Duration.ZERO, null, true, List.of(), List.of(), List.of());
        return new AdminImport(List.of(new Folder("hall-1", "Hall 1", null)),
                List.of(new Component("plc", "Press PLC", "hall-1", "modbus-tcp", Map.of("host", "10.0.0.7")),
                        new Component("robot", "Welding robot", "hall-1", "ftp", Map.of("host", "10.0.0.9"))),
                List.of(new Job("job-plc", "plc", "PLC program", Map.of(), autoVersion.withGentleMode(GENTLE_PAUSE,
                        GENTLE_CAP)),
                        new Job("job-robot", "robot", "Robot programs", Map.of(), autoVersion)),
                assignments);
    }

    static Map<String, byte[]> program(String variant) {
        return Map.of("main.st", ("PROGRAM main (* " + variant + " *)\nEND_PROGRAM\n").getBytes(StandardCharsets.UTF_8),
                "config/io.csv", "# Airgap table\nname,address\nvalve,%QX0.1\n".getBytes(StandardCharsets.UTF_8),
                "config/blob.bin", random(100_000, 7));
    }

    static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    // ---- login

    @Test
    void onlineLoginGetsTheServersLimitsAndAWrongPasswordIsRefused() throws Exception {
        ClientSession session = laptop.login(server.uri(), ANNA, PASSWORD);

        assertTrue(session.online());
        assertEquals(Role.TECHNICIAN, session.role());
        assertEquals(server.uri(), session.server());
        assertEquals(Duration.ofHours(2), session.idleLimit());
        assertEquals(Duration.ofHours(48), session.absoluteLimit());

        SessionException wrong = assertThrows(SessionException.class,
                () -> laptop.login(server.uri(), ANNA, "plant-2026!"));
        assertEquals(SessionException.Kind.WRONG_PASSWORD, wrong.kind());
        assertEquals("wrong user name or password", wrong.getMessage());
        assertEquals(session, laptop.sessions.current().orElseThrow(), "a refused login leaves the session as it was");
    }

    @Test
    void logoutEndsTheTokenAtTheServer() throws Exception {
        ClientSession session = laptop.login(server.uri(), ANNA, PASSWORD);
        laptop.sessions.logout();

        SessionException refused = assertThrows(SessionException.class, () -> laptop.sync.serverJobs(session));

        assertEquals(SessionEndReason.LOGGED_OUT, refused.reason().orElseThrow());
        assertEquals(SessionEndReason.LOGGED_OUT.message(), refused.getMessage());
    }

    @Test
    void aRestartedServerRefusesTheTokenAndTheLaptopSaysWhy() throws Exception {
        ClientSession session = laptop.login(server.uri(), ANNA, PASSWORD);
        server.restart();

        SessionException refused = assertThrows(SessionException.class, () -> laptop.sync.serverJobs(session));

        assertEquals("the server was restarted — log in again", refused.getMessage());
        assertEquals(SessionState.ENDED, laptop.sessions.status().state());
        assertEquals(SessionEndReason.RESTARTED, laptop.sessions.status().endReason());
    }

    @Test
    void anOfflineSessionCannotSync() throws Exception {
        laptop.sync.pull(laptop.login(server.uri(), ANNA, PASSWORD), null);
        ClientSession offline = laptop.sessions.loginOffline(ANNA, PASSWORD.toCharArray());

        SessionException refused = assertThrows(SessionException.class, () -> laptop.sync.pull(offline, null));

        assertEquals(SessionException.Kind.OFFLINE, refused.kind());
    }

    // ---- pull

    @Test
    void pullBringsTheAssignedJobsTheVerifierAndTheBaselinesForAnOfflineCompare() throws Exception {
        Snapshot version1 = uploadFromAnotherLaptop(program("v1"));
        ClientSession session = laptop.login(server.uri(), ANNA, PASSWORD);

        PullReport pulled = laptop.sync.pull(session, new NullProgressMonitor());

        SyncedData synced = laptop.workspace.synced();
        assertEquals(List.of("job-plc"), synced.jobs().stream().map(Job::id).toList(), "only anna's job");
        assertEquals(GENTLE_PAUSE, synced.jobs().get(0).options().pauseBetweenRequests());
        assertEquals(GENTLE_CAP, synced.jobs().get(0).options().maxBytesPerSecond());
        assertEquals(List.of("plc"), synced.components().stream().map(Component::id).toList());
        Baseline baseline = synced.baselines().stream().filter(b -> b.componentId().equals("plc")).findFirst()
                .orElseThrow();
        assertEquals(1, baseline.serverVersion().number());
        assertEquals(version1.id(), baseline.serverVersion().snapshotId());
        assertEquals(version1.id(), baseline.previousBackupSnapshot());
        assertEquals(1, pulled.snapshotsFetched());
        assertEquals(3, pulled.blobsFetched());
        assertEquals(version1.manifest().totalSize(), pulled.bytesFetched());
        assertTrue(pulled.transfer().compareTo(Duration.ZERO) > 0, "the fetch's duration is reported");
        assertEquals(version1.manifest(), laptop.workspace.store().readSnapshot(version1.id()).manifest());
        assertTrue(laptop.sessions.offlineLoginAvailable(ANNA));
        assertFalse(laptop.sessions.offlineLoginAvailable("bert"));

        PullReport again = laptop.sync.pull(session, null);
        assertEquals(0, again.snapshotsFetched(), "what the store has is not fetched again");
        assertEquals(0, again.bytesFetched());
        assertEquals(Duration.ZERO, again.transfer());

        // On site, without the server: offline login with the synced verifier and limits, and the compare.
        server.stopHttp();
        laptop.sessions.logout();
        ClientSession offline = laptop.sessions.loginOffline(ANNA, PASSWORD.toCharArray());
        assertFalse(offline.online());
        assertEquals(Duration.ofHours(2), offline.idleLimit());
        assertEquals(Duration.ofHours(48), offline.absoluteLimit());
        Manifest basis = laptop.workspace.store().readSnapshot(baseline.serverVersion().snapshotId()).manifest();
        assertEquals(CompareResult.EQUAL, compare(basis, laptop.snapshot(program("v1")).manifest()));
        assertEquals(CompareResult.DIFFERENT, compare(basis, laptop.snapshot(program("v2")).manifest()));
    }

    @Test
    void aBlobDamagedOnTheServersDiskIsRefusedByTheLaptop() throws Exception {
        // The server sends blobs without hashing them again (BlobServlet): the laptop's check is the one left.
        Snapshot version1 = uploadFromAnotherLaptop(program("v1"));
        String sha256 = version1.manifest().entry("config/blob.bin").orElseThrow().sha256();
        Path onServer;
        try (var files = java.nio.file.Files.walk(folder.resolve("server"))) {
            onServer = files.filter(file -> file.getFileName().toString().equals(sha256)).findFirst().orElseThrow();
        }
        byte[] damaged = java.nio.file.Files.readAllBytes(onServer);
        damaged[damaged.length / 2] ^= 1;
        java.nio.file.Files.write(onServer, damaged);
        ClientSession session = laptop.login(server.uri(), ANNA, PASSWORD);
        SyncedData before = laptop.workspace.synced();

        SyncException refused = assertThrows(SyncException.class, () -> laptop.sync.pull(session, null));

        assertTrue(refused.getMessage().contains("the server sent blob " + sha256 + " with content that hashes to"),
                refused.getMessage());
        assertFalse(laptop.workspace.store().hasBlob(sha256));
        assertEquals(before, laptop.workspace.synced(), "nothing of the pull is taken");
    }

    @Test
    void aPullCutOffKeepsThePreviousSyncedDataAndTheNextPullCompletes() throws Exception {
        ClientSession session = laptop.login(server.uri(), ANNA, PASSWORD);
        laptop.sync.pull(session, null);
        SyncedData before = laptop.workspace.synced();
        assertTrue(before.baselines().stream().allMatch(b -> b.serverVersion() == null));
        Snapshot version1 = uploadFromAnotherLaptop(program("v1"));

        // Right after the sync answer, before the baseline's manifest: the network goes.
        TriggerMonitor cut = new TriggerMonitor(monitor -> server.stopHttp());
        SyncException failed = assertThrows(SyncException.class, () -> laptop.sync.pull(session, cut));

        assertTrue(cut.fired());
        assertEquals(0, failed.status());
        assertTrue(failed.getMessage().startsWith("cannot reach the Airgap server at " + server.uri()),
                failed.getMessage());
        assertEquals(before, laptop.workspace.synced(), "all or nothing: the previous sync stays");
        server.startHttp();
        laptop.sync.pull(session, null);
        assertEquals(version1.id(), laptop.workspace.synced().baselines().stream()
                .filter(b -> b.componentId().equals("plc")).findFirst().orElseThrow().serverVersion().snapshotId());
    }

    @Test
    void aConnectionCutDuringABlobDownloadNamesTheProblemAndKeepsNoPartOfTheBlob() throws Exception {
        byte[] big = random(BIG, 45);
        Snapshot version1 = uploadFromAnotherLaptop(Map.of("image.bin", big));
        String sha256 = ManifestFormat.sha256(big);
        ClientSession session = laptop.login(server.uri(), ANNA, PASSWORD);

        TriggerMonitor cut = new TriggerMonitor(3, monitor -> server.stopHttp());
        SyncException failed = assertThrows(SyncException.class, () -> laptop.sync.pull(session, cut));

        assertTrue(cut.fired());
        assertTrue(failed.getMessage().startsWith("cannot reach the Airgap server at " + server.uri()),
                failed.getMessage());
        assertEquals(SyncedData.NONE, laptop.workspace.synced());
        assertFalse(laptop.workspace.store().hasBlob(sha256), "no partial blob under its name");
        server.startHttp();
        PullReport pulled = laptop.sync.pull(session, null);
        assertEquals(BIG, pulled.bytesFetched());
        assertTrue(laptop.workspace.store().hasSnapshot(version1.id()));
        assertTrue(laptop.workspace.store().verify(null).ok());
    }

    @Test
    void serverJobsListsWhatIsAssignedButNotSyncedYet() throws Exception {
        ClientSession session = laptop.login(server.uri(), ANNA, PASSWORD);
        laptop.sync.pull(session, null);
        server.define(plant(List.of(new Assignment("job-plc", ANNA), new Assignment("job-robot", "bert"),
                new Assignment("job-robot", ANNA))));

        List<JobSummary> onServer = laptop.sync.serverJobs(session);

        assertEquals(List.of("job-plc", "job-robot"), onServer.stream().map(JobSummary::id).sorted().toList());
        List<String> synced = laptop.workspace.synced().jobs().stream().map(Job::id).toList();
        assertEquals(List.of("job-robot"), onServer.stream().map(JobSummary::id).filter(id -> !synced.contains(id))
                .toList());
    }

    // ---- push

    @Test
    void pushCreatesVersionOneAndAnUnchangedBackupSendsNoBlob() throws Exception {
        ClientSession session = laptop.login(server.uri(), ANNA, PASSWORD);
        laptop.sync.pull(session, null);
        Run first = laptop.backup("job-plc", ANNA, program("v1"));
        Manifest manifest = laptop.workspace.store().readSnapshot(first.snapshotId()).manifest();

        PushReport pushed = laptop.sync.push(session, new NullProgressMonitor());

        RunUpload upload = pushed.runs().get(0);
        assertEquals(1, pushed.runs().size());
        assertEquals(first.id(), upload.runId());
        assertEquals(3, upload.blobsSent());
        assertEquals(manifest.totalSize(), upload.bytesSent());
        assertTrue(upload.result().versionCreated());
        assertEquals(1, upload.result().version().number());
        assertEquals(first.snapshotId(), upload.result().version().snapshotId());
        assertEquals(List.of(), laptop.workspace.pendingUploads());
        assertEquals(1, server.repository().versions("plc").size());
        assertEquals(laptop.workspace.audit().entries().size(), pushed.auditEntriesSent());

        int auditBefore = laptop.workspace.audit().entries().size();
        Run second = laptop.backup("job-plc", ANNA, program("v1"));
        PushReport unchanged = laptop.sync.push(session, null);

        RunUpload again = unchanged.runs().get(0);
        assertEquals(second.id(), again.runId());
        assertEquals(0, again.bytesSent(), "the server has every blob");
        assertEquals(0, again.blobsSent());
        assertFalse(again.result().versionCreated());
        assertEquals(CompareResult.EQUAL, again.result().serverVersionResult());
        assertEquals(1, server.repository().versions("plc").size());
        assertEquals(laptop.workspace.audit().entries().size() - auditBefore, unchanged.auditEntriesSent(),
                "only the entries the server has not acknowledged");

        PushReport nothing = laptop.sync.push(session, null);
        assertEquals(List.of(), nothing.runs());
        assertEquals(0, nothing.auditEntriesSent());
    }

    @Test
    void aCancelledUploadStaysQueuedAndResumesFromTheServersOffset() throws Exception {
        QueuedUpload upload = queueBigBackup(42);

        TriggerMonitor cancel = TriggerMonitor.cancelling();
        assertThrows(OperationCanceledException.class, () -> laptop.sync.push(upload.session(), cancel));

        assertStillQueued(upload.run());
        assertTrue(server.repository().committed(upload.run().id()).isEmpty());
        assertEquals(0, server.repository().versions("plc").size());

        PushReport resumed = laptop.sync.push(upload.session(), null);

        assertEquals(BIG - Api.CHUNK_BYTES, resumed.bytesSent(), "the first chunk is not sent again");
        assertOneIdenticalVersion(upload, resumed);
    }

    @Test
    void aNetworkCutMidUploadNamesTheProblemAndTheNextPushResumes() throws Exception {
        QueuedUpload upload = queueBigBackup(43);

        TriggerMonitor cut = new TriggerMonitor(monitor -> server.stopHttp());
        SyncException failed = assertThrows(SyncException.class, () -> laptop.sync.push(upload.session(), cut));

        assertEquals(0, failed.status());
        assertTrue(failed.getMessage().startsWith("cannot reach the Airgap server at " + server.uri() + ": "),
                failed.getMessage());
        assertTrue(failed.getMessage().endsWith(" — check the address and the network"), failed.getMessage());
        assertStillQueued(upload.run());

        server.startHttp();
        PushReport resumed = laptop.sync.push(upload.session(), null);

        assertEquals(BIG - Api.CHUNK_BYTES, resumed.bytesSent());
        assertOneIdenticalVersion(upload, resumed);
    }

    @Test
    void aServerRestartMidUploadAsksForALoginAndTheUploadResumesAfterIt() throws Exception {
        QueuedUpload upload = queueBigBackup(44);

        TriggerMonitor restart = new TriggerMonitor(monitor -> server.restart());
        SessionException refused = assertThrows(SessionException.class,
                () -> laptop.sync.push(upload.session(), restart));

        assertEquals(SessionEndReason.RESTARTED, refused.reason().orElseThrow());
        assertEquals(SessionEndReason.RESTARTED, laptop.sessions.status().endReason());
        // The session's end locked the encrypted workspace: the queue is read after the new login.
        ClientSession again = laptop.login(server.uri(), ANNA, PASSWORD);
        assertStillQueued(upload.run());

        PushReport resumed = laptop.sync.push(again, null);

        assertEquals(BIG - Api.CHUNK_BYTES, resumed.bytesSent(), "the server kept the first chunk over its restart");
        assertOneIdenticalVersion(upload, resumed);
    }

    @Test
    void aRunIdTakenOnTheServerByAnotherUploadKeepsTheRunQueuedAndSaysWhy() throws Exception {
        ClientSession session = laptop.login(server.uri(), ANNA, PASSWORD);
        laptop.sync.pull(session, null);
        Run run = laptop.backup("job-plc", ANNA, program("v1"));
        // Bert commits a run of his own job under the id of Anna's run (issue 11, run-id squatting).
        Run squat = new Run(run.id(), "job-robot", run.start(), run.end(), 1, RunOutcome.FAILED, null, null,
                CompareResult.ERROR, CompareResult.ERROR, List.of());
        server.repository().commit(squat, "bert", new CommitResult(run.id(), CompareResult.ERROR, CompareResult.ERROR,
                null, false), false, null);

        SyncException refused = assertThrows(SyncException.class, () -> laptop.sync.push(session, null));

        assertEquals(409, refused.status());
        assertEquals("upload of run " + run.id() + " (job job-plc): the run id " + run.id()
                + " is already taken on the server by another upload; this run was not uploaded and stays on the"
                + " laptop — tell the administrator, who can check the server's runs for this id",
                refused.getMessage());
        assertEquals(List.of(run.id()), laptop.workspace.pendingUploads().stream().map(Run::id).toList(),
                "the run is not taken for uploaded");
        assertEquals(0, server.repository().versions("plc").size());
    }

    // ---- helpers

    /** A backup of job-plc waiting for its upload, with the session of its technician. */
    private record QueuedUpload(ClientSession session, Run run, byte[] content) {
    }

    /** Logs in, pulls, and backs up {@code BIG} random bytes (from {@code seed}) as image.bin. */
    private QueuedUpload queueBigBackup(long seed) throws Exception {
        ClientSession session = laptop.login(server.uri(), ANNA, PASSWORD);
        laptop.sync.pull(session, null);
        byte[] big = random(BIG, seed);
        return new QueuedUpload(session, laptop.backup("job-plc", ANNA, Map.of("image.bin", big)), big);
    }

    private void assertStillQueued(Run run) throws IOException {
        assertEquals(List.of(run.id()), laptop.workspace.pendingUploads().stream().map(Run::id).toList());
    }

    /** Exactly one version, of the run's snapshot, whose blob on the server has the original bytes. */
    private void assertOneIdenticalVersion(QueuedUpload upload, PushReport report) throws Exception {
        Run run = upload.run();
        byte[] original = upload.content();
        assertEquals(1, report.runs().size());
        assertTrue(report.runs().get(0).result().versionCreated());
        assertEquals(List.of(), laptop.workspace.pendingUploads());
        assertEquals(1, server.repository().versions("plc").size());
        assertEquals(run.snapshotId(), server.repository().versions("plc").get(0).snapshotId());
        ContentStore serverStore = server.repository().store();
        Snapshot onServer = serverStore.readSnapshot(run.snapshotId());
        String sha256 = onServer.manifest().entry("image.bin").orElseThrow().sha256();
        assertEquals(ManifestFormat.sha256(original), sha256);
        try (InputStream in = serverStore.openBlob(sha256)) {
            assertArrayEquals(original, in.readAllBytes());
        }
        PushReport again = laptop.sync.push(laptop.sessions.require(), null);
        assertEquals(List.of(), again.runs(), "the run was committed once and left the queue");
        assertEquals(1, server.repository().versions("plc").size());
    }

    /** Another technician's laptop backs up the PLC and uploads: version 1 on the server. */
    private Snapshot uploadFromAnotherLaptop(Map<String, byte[]> files) throws Exception {
        try (Laptop other = new Laptop(folder.resolve("other-laptop"))) {
            ClientSession session = other.login(server.uri(), ANNA, PASSWORD);
            other.sync.pull(session, null);
            Run run = other.backup("job-plc", ANNA, files);
            PushReport pushed = other.sync.push(session, null);
            assertEquals(1, pushed.versionsCreated());
            return other.workspace.store().readSnapshot(run.snapshotId());
        }
    }

    private CompareResult compare(Manifest basis, Manifest backup) throws Exception {
        var context = FrameworkUtil.getBundle(SyncTest.class).getBundleContext();
        ServiceTracker<CompareEngine, CompareEngine> tracker = new ServiceTracker<>(context, CompareEngine.class, null);
        tracker.open();
        try {
            CompareEngine engine = tracker.waitForService(ServerFixture.WAIT.toMillis());
            assertNotNull(engine, "no CompareEngine service");
            ContentStore store = laptop.workspace.store();
            return engine.compare(basis, store::openBlob, backup, store::openBlob, List.of(), null).result();
        } finally {
            tracker.close();
        }
    }
}
