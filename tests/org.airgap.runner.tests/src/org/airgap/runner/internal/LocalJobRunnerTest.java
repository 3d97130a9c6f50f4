package org.airgap.runner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.airgap.compare.BlobSource;
import org.airgap.compare.CompareEngine;
import org.airgap.compare.FileDiff;
import org.airgap.compare.SnapshotComparison;
import org.airgap.driver.api.DeviceDriver;
import org.airgap.model.Baseline;
import org.airgap.model.CompareResult;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.IgnoreRule;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.model.Run;
import org.airgap.model.RunMessage;
import org.airgap.model.RunOutcome;
import org.airgap.model.Version;
import org.airgap.runner.JobRunner;
import org.airgap.store.ContentStore;
import org.airgap.store.Manifest;
import org.airgap.store.ManifestEntry;
import org.airgap.testing.drivers.DriverTestKit;
import org.airgap.testing.drivers.RecordingProgress;
import org.airgap.workspace.SyncedData;
import org.airgap.workspace.Workspace;
import org.eclipse.core.runtime.IProgressMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Jobs run with the real directory driver on a folder that plays the device. */
class LocalJobRunnerTest {

    private static final String USER = "tech1";

    @TempDir
    Path temp;
    private Path device;
    private Workspace workspace;
    private LocalJobRunner runner;

    @BeforeEach
    void setUp() throws IOException {
        device = Files.createDirectories(temp.resolve("hmi-share"));
        Files.writeString(device.resolve("project.cfg"), "speed=1450\n# saved 2026-11-26 08:00\n");
        Files.createDirectories(device.resolve("recipes"));
        Files.writeString(device.resolve("recipes/r1.txt"), "flour=3\n");
        workspace = Workspace.open(temp.resolve("workspace"));
        runner = new LocalJobRunner(workspace, DriverTestKit.service(CompareEngine.class, null));
        runner.addDriver(DriverTestKit.driver("directory"), Map.of(DeviceDriver.ID, "directory"));
        sync(List.of(), 1);
    }

    @AfterEach
    void tearDown() throws IOException {
        workspace.close();
    }

    private void sync(List<Baseline> baselines, int maxAttempts) throws IOException {
        JobOptions options = new JobOptions(maxAttempts, Duration.ofMillis(50), null, true, List.of(), List.of(),
                List.of(IgnoreRule.lines("**/*.cfg", "^# saved ")));
        workspace.replaceSynced(new SyncedData(List.of(new Folder("hall", "Hall", null)),
                List.of(new Component("hmi", "Line HMI", "hall", "directory", Map.of("path", device.toString()))),
                List.of(new Job("job-hmi", "hmi", "HMI share", Map.of(), options)), baselines), USER);
    }

    @Test
    void firstRunHasNoBasisThenAnUnchangedDeviceIsEqualAndAChangeIsDifferent() throws IOException {
        Run first = runner.run("job-hmi", USER, new RecordingProgress());
        assertEquals(RunOutcome.SUCCEEDED, first.outcome(), first.messages().toString());
        assertTrue(first.complete());
        assertNotNull(first.snapshotId());
        assertEquals(CompareResult.NOT_AVAILABLE, first.serverVersionResult());
        assertEquals(CompareResult.NOT_AVAILABLE, first.previousBackupResult());

        // Only the ignored "saved" line changes: still Equal.
        Files.writeString(device.resolve("project.cfg"), "speed=1450\n# saved 2026-11-26 09:30\n");
        Run second = runner.run("job-hmi", USER, new RecordingProgress());
        assertEquals(CompareResult.EQUAL, second.previousBackupResult(), second.messages().toString());

        Files.writeString(device.resolve("recipes/r1.txt"), "flour=4\n");
        Run third = runner.run("job-hmi", USER, new RecordingProgress());
        assertEquals(CompareResult.DIFFERENT, third.previousBackupResult());
        assertEquals(List.of(third, second, first), workspace.runs());
        assertEquals(3, workspace.pendingUploads().size());
    }

    @Test
    void theServerVersionFromSyncIsTheOtherBasis() throws IOException {
        Run first = runner.run("job-hmi", USER, new RecordingProgress());
        sync(List.of(new Baseline("hmi", new Version("hmi", 1, Instant.now(), "admin", "initial", first.snapshotId()),
                null)), 1);
        Run second = runner.run("job-hmi", USER, new RecordingProgress());
        assertEquals(CompareResult.EQUAL, second.serverVersionResult());
        Files.writeString(device.resolve("new-file.txt"), "x");
        assertEquals(CompareResult.DIFFERENT, runner.run("job-hmi", USER, new RecordingProgress()).serverVersionResult());
    }

    @Test
    void aMissingDeviceFolderFailsWithoutRetryAndWithAReason() throws IOException {
        sync(List.of(), 3);
        Files.writeString(device.resolve("x"), "");
        deleteTree(device);
        Run run = runner.run("job-hmi", USER, new RecordingProgress());
        assertEquals(RunOutcome.FAILED, run.outcome());
        assertTrue(run.complete(), "a failed run is finished, and uploaded like any other");
        assertEquals(1, run.attempts(), "NOT_FOUND is not retried");
        assertNull(run.snapshotId());
        assertEquals(CompareResult.ERROR, run.previousBackupResult());
        assertTrue(run.messages().stream().anyMatch(m -> m.level() == RunMessage.Level.ERROR
                && m.text().contains(device.toString())), run.messages().toString());
    }

    @Test
    void anUnknownDeviceTypeAndBadParametersFailTheRunWithTheReason() throws IOException {
        List<Folder> hall = List.of(new Folder("hall", "Hall", null));
        workspace.replaceSynced(new SyncedData(hall, List.of(new Component("plc", "PLC", "hall", "s7", Map.of())),
                List.of(new Job("job-plc", "plc", "PLC", Map.of(), JobOptions.defaults())), List.of()), USER);
        Run noDriver = runner.run("job-plc", USER, new RecordingProgress());
        assertEquals(RunOutcome.FAILED, noDriver.outcome());
        assertTrue(noDriver.messages().get(0).text().contains("No driver for device type 's7'"));

        workspace.replaceSynced(new SyncedData(hall, List.of(new Component("hmi", "HMI", "hall", "directory",
                Map.of("path", device.toString(), "followLinks", "maybe"))),
                List.of(new Job("job-hmi", "hmi", "HMI", Map.of(), JobOptions.defaults())), List.of()), USER);
        Run badParameter = runner.run("job-hmi", USER, new RecordingProgress());
        assertEquals(RunOutcome.FAILED, badParameter.outcome());
        assertTrue(badParameter.messages().get(0).text().contains("followLinks"), badParameter.messages().toString());
    }

    @Test
    void cancellingEndsTheRunAsCancelledWithoutASnapshot() throws IOException {
        for (int i = 0; i < 50; i++) {
            Files.writeString(device.resolve("recipes/r" + i + ".txt"), "n=" + i);
        }
        Run run = runner.run("job-hmi", USER, new RecordingProgress(3));
        assertEquals(RunOutcome.CANCELLED, run.outcome(), run.messages().toString());
        assertNull(run.snapshotId());
    }

    @Test
    void aGentleJobGivesTheDriverItsPacingAndSaysSo() throws IOException {
        Files.writeString(device.resolve("recipes/r2.txt"), "flour=5\n");
        Files.writeString(device.resolve("recipes/r3.txt"), "flour=6\n");
        JobOptions gentle = JobOptions.defaults().withGentleMode(Duration.ofMillis(150), 4096);
        workspace.replaceSynced(new SyncedData(List.of(new Folder("hall", "Hall", null)),
                List.of(new Component("hmi", "Line HMI", "hall", "directory", Map.of("path", device.toString()))),
                List.of(new Job("job-hmi", "hmi", "HMI share", Map.of(), gentle)), List.of()), USER);
        long started = System.nanoTime();
        Run run = runner.run("job-hmi", USER, new RecordingProgress());
        long elapsed = System.nanoTime() - started;
        assertEquals(RunOutcome.SUCCEEDED, run.outcome(), run.messages().toString());
        List<String> texts = run.messages().stream().map(RunMessage::text).toList();
        assertTrue(texts.contains("Gentle mode for a fragile device: at least 150 ms between requests, at most 4 KiB/s."),
                texts.toString());
        // Four files, each opened after the pause: at least three pauses (a lower bound only).
        assertTrue(elapsed >= Duration.ofMillis(3 * 150).toNanos(), "took " + elapsed / 1_000_000 + " ms");
    }

    @Test
    void aBackupIdenticalToAnUploadedOneFinishesStoredWhileAPruneRemovesThatOne() throws Exception {
        Path recipe = device.resolve("recipes/r1.txt");
        FileTime saved = Files.getLastModifiedTime(recipe);
        Run uploaded = runner.run("job-hmi", USER, new RecordingProgress());
        workspace.uploaded(uploaded.id(), USER);
        Files.writeString(recipe, "flour=4\n");
        workspace.uploaded(runner.run("job-hmi", USER, new RecordingProgress()).id(), USER);
        Files.writeString(recipe, "flour=3\n"); // back as at the first run, time included
        Files.setLastModifiedTime(recipe, saved);
        // Between the commit of the third backup (the first's snapshot, found stored) and its finishRun, the
        // sync after an upload prunes: it waits for the run to be recorded (without the lock it removed the
        // snapshot, and finishRun failed with "not in the store").
        AtomicReference<Throwable> pruneFailure = new AtomicReference<>();
        Thread prune = new Thread(() -> {
            try {
                workspace.pruneUploadedSnapshots(USER, null);
            } catch (Throwable e) {
                pruneFailure.set(e);
            }
        }, "prune");
        CompareEngine real = DriverTestKit.service(CompareEngine.class, null);
        LocalJobRunner hooked = new LocalJobRunner(workspace, new CompareEngine() {
            @Override
            public SnapshotComparison compare(Manifest basis, BlobSource basisBlobs, Manifest backup,
                    BlobSource backupBlobs, List<IgnoreRule> rules, IProgressMonitor monitor) {
                return real.compare(basis, basisBlobs, backup, backupBlobs, rules, monitor);
            }

            @Override
            public CompareResult compareWithBasis(ContentStore store, String basisId, Manifest backup,
                    List<IgnoreRule> rules, Consumer<Exception> failure) {
                if (prune.getState() == Thread.State.NEW) {
                    prune.start();
                    awaitWaitingOrEnded(prune);
                }
                return real.compareWithBasis(store, basisId, backup, rules, failure);
            }

            @Override
            public FileDiff diff(ManifestEntry basis, BlobSource basisBlobs, ManifestEntry backup,
                    BlobSource backupBlobs, List<IgnoreRule> rules) throws IOException {
                return real.diff(basis, basisBlobs, backup, backupBlobs, rules);
            }
        });
        hooked.addDriver(DriverTestKit.driver("directory"), Map.of(DeviceDriver.ID, "directory"));

        Run again = hooked.run("job-hmi", USER, new RecordingProgress());
        prune.join();

        assertNull(pruneFailure.get());
        assertEquals(RunOutcome.SUCCEEDED, again.outcome(), again.messages().toString());
        assertEquals(uploaded.snapshotId(), again.snapshotId(), "the same content: the same snapshot");
        assertTrue(workspace.store().hasSnapshot(again.snapshotId()), "stored for its upload");
        for (String sha256 : workspace.store().readSnapshot(again.snapshotId()).manifest().blobs()) {
            assertTrue(workspace.store().hasBlob(sha256), sha256);
        }
        assertEquals(List.of(again), workspace.pendingUploads());
    }

    /** Until the thread waits (for a lock) or has ended: no sleep decides the order. */
    private static void awaitWaitingOrEnded(Thread thread) {
        while (thread.isAlive() && thread.getState() != Thread.State.WAITING
                && thread.getState() != Thread.State.BLOCKED) {
            Thread.onSpinWait();
        }
    }

    @Test
    void theRunnerIsADeclarativeService() {
        assertNotNull(DriverTestKit.service(JobRunner.class, null));
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
