package org.airgap.workspace.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.airgap.model.CompareResult;
import org.airgap.model.Job;
import org.airgap.model.ModelJson;
import org.airgap.model.Run;
import org.airgap.model.RunOutcome;
import org.airgap.store.Snapshot;

import org.airgap.store.StoreKeys;
import org.airgap.testing.SystemProperty;
import org.airgap.workspace.Workspace;
import org.airgap.workspace.WorkspaceKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * In an encrypted workspace every synced definition and run that Airgap writes is sealed, so a plain one was put
 * there by someone who can write the folder but has no key (a planted job that reads another folder, changed
 * device parameters): the unlock refuses it, naming the file, and does not seal it — also when the plain marker
 * of an unfinished migration ({@code store/sealing-pending}) is planted beside it.
 */
class PlantedPlainFilesTest {

    private static final char[] PASSWORD = "tech1-secret".toCharArray();
    /** A valid, plain jobs file with one job of someone's making (reading another folder of the plant's PLC). */
    private static final String PLANTED_JOBS = ModelJson.writeList(Job.class, List.of(new Job("job-planted", "plc-7",
            "Planted", Map.of("path", "/home"), Fixtures.plant().jobs().get(0).options())));

    @TempDir
    Path dir;

    @RegisterExtension
    static final SystemProperty FEW_ITERATIONS = Fixtures.fewKeySlotIterations();

    @Test
    void aPlainSyncedFilePlantedInAnEncryptedWorkspaceIsRefusedAtTheUnlock() throws IOException {
        Path jobs = syncedJobsOfAnEncryptedWorkspace();
        Files.writeString(jobs, PLANTED_JOBS);
        assertRefusedAndLeftPlain(jobs);
    }

    @Test
    void aPlantedMigrationMarkerDoesNotHaveAPlantedFileSealed() throws IOException {
        Path jobs = syncedJobsOfAnEncryptedWorkspace();
        Files.writeString(jobs, PLANTED_JOBS);
        Files.write(dir.resolve("store").resolve("sealing-pending"), new byte[0]);
        assertRefusedAndLeftPlain(jobs);
        assertFalse(Files.exists(dir.resolve("store").resolve("sealing-pending")), "the planted marker is removed");
    }

    @Test
    void aPlainRunPlantedInAnEncryptedWorkspaceIsLeftOutNamedNotSentAndStopsThePrune() throws IOException {
        Run run;
        Run planted;
        try (Workspace workspace = Workspace.open(dir)) {
            workspace.unlock(workspace.createDataKey(Fixtures.USER, PASSWORD));
            workspace.replaceSynced(Fixtures.plant(), Fixtures.USER);
            Snapshot snapshot = Fixtures.backup(workspace, new Random(7), 3);
            run = workspace.finishRun(Fixtures.succeeded(workspace.startRun("job-plc-7", Fixtures.USER),
                    snapshot.id(), Instant.now()), Fixtures.USER);
            workspace.uploaded(run.id(), Fixtures.USER);
            Run second = workspace.finishRun(Fixtures.succeeded(workspace.startRun("job-plc-7", Fixtures.USER),
                    snapshot.id(), Instant.now()), Fixtures.USER);
            // Another job's run, written plain by someone without the key, over a queued run's record.
            planted = new Run(second.id(), "job-hmi-2", second.start(), second.end(), 1, RunOutcome.SUCCEEDED, null,
                    snapshot.id(), CompareResult.EQUAL, CompareResult.EQUAL, List.of());
        }
        Path plantedFile = dir.resolve("runs").resolve(planted.id() + ".json");
        Files.writeString(plantedFile, ModelJson.write(planted));

        List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Logger log = java.util.logging.Logger.getLogger(RunRecords.class.getName());
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                warnings.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(handler);
        try (Workspace workspace = Workspace.open(dir)) {
            workspace.unlock(WorkspaceKeys.of(dir).unlock(Fixtures.USER, PASSWORD));
            assertEquals(List.of(run.id()), workspace.runs().stream().map(Run::id).toList());
            assertEquals(List.of(), workspace.pendingUploads());
            workspace.runs(); // as a view's next refresh does
            workspace.pendingUploads();
            assertEquals(1, warnings.size(), "the unreadable run is logged once, not at every read: " + warnings);
            assertTrue(warnings.get(0).contains(planted.id()), warnings.get(0));
            String reason = workspace.unreadableRuns(true).get(planted.id());
            assertTrue(reason.startsWith("run " + planted.id() + " cannot be read (" + plantedFile
                    + " is plain in an encrypted workspace"), reason);
            assertEquals(workspace.unreadableRuns(true), workspace.unreadableRuns(false));
            IOException prune = assertThrows(IOException.class, () -> workspace.pruneUploadedSnapshots(Fixtures.USER,
                    null));
            assertTrue(prune.getMessage().startsWith("nothing pruned: 1 run record(s) cannot be read"),
                    prune.getMessage());
            assertTrue(workspace.store().hasSnapshot(run.snapshotId()), "nothing was removed");
        } finally {
            log.removeHandler(handler);
        }
        assertEquals(ModelJson.write(planted), Files.readString(plantedFile), "the planted run stays as it was");
    }

    @Test
    void filesWithNamesAirgapDoesNotGiveInRunsAndUploadsAreNamedNotFatal() throws IOException {
        try (Workspace workspace = Workspace.open(dir)) {
            workspace.unlock(workspace.createDataKey(Fixtures.USER, PASSWORD));
            workspace.replaceSynced(Fixtures.plant(), Fixtures.USER);
        }
        Path oddRun = dir.resolve("runs").resolve("r 1; rm -rf.json");
        Files.writeString(oddRun, "{}");
        Files.write(dir.resolve("uploads").resolve("r 1; rm -rf"), new byte[0]);

        try (Workspace workspace = Workspace.open(dir)) {
            assertTrue(workspace.recoveryNotes().contains("Upload marker r 1; rm -rf named no run and was removed."),
                    workspace.recoveryNotes().toString());
            workspace.unlock(WorkspaceKeys.of(dir).unlock(Fixtures.USER, PASSWORD));
            assertEquals(List.of(), workspace.runs());
            assertEquals(List.of(), workspace.pendingUploads());
            assertEquals(List.of(), List.copyOf(workspace.unreadableRuns(true).keySet()));
            String reason = workspace.unreadableRuns(false).get("r 1; rm -rf");
            assertEquals("run record " + oddRun + " has a name Airgap does not give; it was put there from outside and"
                    + " is left out", reason);
        }
    }

    private Path syncedJobsOfAnEncryptedWorkspace() throws IOException {
        try (Workspace workspace = Workspace.open(dir)) {
            workspace.unlock(workspace.createDataKey(Fixtures.USER, PASSWORD));
            workspace.replaceSynced(Fixtures.plant(), Fixtures.USER);
        }
        String generation = Files.readString(dir.resolve("synced").resolve("current"), StandardCharsets.UTF_8).strip();
        Path jobs = dir.resolve("synced").resolve(generation).resolve("jobs.json");
        assertTrue(StoreKeys.isSealed(Files.readAllBytes(jobs)), "the sync wrote it sealed");
        return jobs;
    }

    private void assertRefusedAndLeftPlain(Path jobs) throws IOException {
        try (Workspace workspace = Workspace.open(dir)) {
            byte[] dataKey = WorkspaceKeys.of(dir).unlock(Fixtures.USER, PASSWORD);
            IOException refused = assertThrows(IOException.class, () -> workspace.unlock(dataKey));
            assertTrue(refused.getMessage().startsWith(jobs + " is plain in an encrypted workspace, where Airgap"
                    + " writes every such file sealed: it was put there from outside and is not read. Delete it"),
                    refused.getMessage());
        }
        assertEquals(PLANTED_JOBS, Files.readString(jobs), "the unlock did not seal the planted file");
    }
}
