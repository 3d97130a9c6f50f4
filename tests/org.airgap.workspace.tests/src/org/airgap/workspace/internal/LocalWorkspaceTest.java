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
import java.util.Optional;
import java.util.Random;

import org.airgap.audit.AuditAction;
import org.airgap.audit.AuditEntry;
import org.airgap.model.Baseline;
import org.airgap.model.Version;
import org.airgap.model.Run;
import org.airgap.model.RunOutcome;
import org.airgap.store.Snapshot;
import org.airgap.workspace.SyncedData;
import org.airgap.workspace.Workspace;
import org.airgap.workspace.WorkspaceLockedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalWorkspaceTest {

    @TempDir
    Path folder;

    @Test
    void syncedDataSurvivesReopeningAndIsReplacedAsAWhole() throws IOException {
        try (Workspace workspace = Workspace.open(folder)) {
            assertEquals(SyncedData.NONE, workspace.synced());
            workspace.replaceSynced(Fixtures.plant(), Fixtures.USER);
        }
        try (Workspace workspace = Workspace.open(folder)) {
            assertEquals(Fixtures.plant(), workspace.synced());
            assertEquals("PLC registers", workspace.job("job-plc-7").orElseThrow().name());
            SyncedData smaller = new SyncedData(Fixtures.plant().folders(), Fixtures.plant().components(),
                    Fixtures.plant().jobs().subList(0, 1), List.of());
            workspace.replaceSynced(smaller, Fixtures.USER);
            assertTrue(workspace.job("job-hmi-2").isEmpty());
        }
        try (Workspace workspace = Workspace.open(folder)) {
            assertEquals(1, workspace.synced().jobs().size());
            try (var generations = Files.list(folder.resolve("synced"))) {
                assertEquals(2, generations.count(), "one generation folder and 'current'");
            }
        }
    }

    @Test
    void aRunGoesFromStartToUploadWithItsSnapshotAndAuditTrail() throws IOException {
        try (Workspace workspace = Workspace.open(folder)) {
            workspace.replaceSynced(Fixtures.plant(), Fixtures.USER);
            Run running = workspace.startRun("job-plc-7", Fixtures.USER);
            assertEquals(RunOutcome.RUNNING, running.outcome());
            assertFalse(running.complete());
            Snapshot snapshot = Fixtures.backup(workspace, new Random(1), 5);
            Run finished = workspace.finishRun(Fixtures.succeeded(running, snapshot.id(), Instant.now()), Fixtures.USER);
            assertEquals(List.of(finished), workspace.pendingUploads());
            workspace.uploaded(finished.id(), Fixtures.USER);
            assertEquals(List.of(), workspace.pendingUploads());
            assertEquals(List.of(finished), workspace.runs(), "the run stays after its upload");
            List<AuditAction> actions = workspace.audit().entries().stream().map(AuditEntry::action).toList();
            assertEquals(List.of(AuditAction.SYNC, AuditAction.JOB_STARTED, AuditAction.JOB_FINISHED, AuditAction.UPLOAD),
                    actions);
            assertTrue(workspace.audit().verify().ok());
        }
    }

    @Test
    void theCompareBasesAreTheServerVersionAndTheLatestEarlierSuccessfulBackupOfTheJob() throws IOException {
        try (Workspace workspace = Workspace.open(folder)) {
            Snapshot server = Fixtures.backup(workspace, new Random(1), 2);
            Snapshot serverBackup = Fixtures.backup(workspace, new Random(2), 2);
            SyncedData plant = Fixtures.plant();
            workspace.replaceSynced(new SyncedData(plant.folders(), plant.components(), plant.jobs(),
                    List.of(new Baseline("plc-7", new Version("plc-7", 3, Instant.now(), "admin", "", server.id()),
                            serverBackup.id()))), Fixtures.USER);
            assertEquals(Optional.of(server.id()), workspace.serverVersionSnapshot("plc-7"));
            assertEquals(Optional.empty(), workspace.serverVersionSnapshot("hmi-2"), "no baseline synced");

            Run first = workspace.startRun("job-plc-7", Fixtures.USER);
            assertEquals(Optional.of(serverBackup.id()), workspace.previousBackupSnapshot(first),
                    "no backup on this laptop yet: the server's latest");
            Snapshot firstSnapshot = Fixtures.backup(workspace, new Random(3), 2);
            first = workspace.finishRun(Fixtures.succeeded(first, firstSnapshot.id(), Instant.now()), Fixtures.USER);
            Run other = workspace.startRun("job-hmi-2", Fixtures.USER);
            workspace.finishRun(Fixtures.succeeded(other, Fixtures.backup(workspace, new Random(4), 2).id(),
                    Instant.now()), Fixtures.USER);
            Run second = workspace.startRun("job-plc-7", Fixtures.USER);
            second = workspace.finishRun(Fixtures.succeeded(second, Fixtures.backup(workspace, new Random(5), 2).id(),
                    Instant.now()), Fixtures.USER);
            assertEquals(Optional.of(firstSnapshot.id()), workspace.previousBackupSnapshot(second),
                    "the same job's backup before it, not another job's");
            assertEquals(Optional.of(serverBackup.id()), workspace.previousBackupSnapshot(first),
                    "a later backup is not the basis of an earlier run");
            assertEquals(Optional.empty(), workspace.previousBackupSnapshot(workspace.run(other.id()).orElseThrow()),
                    "no earlier backup of job-hmi-2 and no baseline");
        }
    }

    @Test
    void runsNeedASyncedJobAndACommittedSnapshot() throws IOException {
        try (Workspace workspace = Workspace.open(folder)) {
            IOException unknown = assertThrows(IOException.class, () -> workspace.startRun("job-x", Fixtures.USER));
            assertTrue(unknown.getMessage().contains("sync with the server"), unknown.getMessage());
            workspace.replaceSynced(Fixtures.plant(), Fixtures.USER);
            Run running = workspace.startRun("job-plc-7", Fixtures.USER);
            String absent = "ab".repeat(32);
            IOException missing = assertThrows(IOException.class,
                    () -> workspace.finishRun(Fixtures.succeeded(running, absent, Instant.now()), Fixtures.USER));
            assertTrue(missing.getMessage().contains("not in the store"), missing.getMessage());
            assertEquals(RunOutcome.RUNNING, workspace.run(running.id()).orElseThrow().outcome());
            assertThrows(IllegalArgumentException.class, () -> workspace.finishRun(running, Fixtures.USER));
        }
    }

    @Test
    void aSecondOpenIsRefusedWithTheHoldersPid() throws IOException {
        try (Workspace workspace = Workspace.open(folder)) {
            WorkspaceLockedException locked = assertThrows(WorkspaceLockedException.class, () -> Workspace.open(folder));
            assertTrue(locked.getMessage().contains("PID " + ProcessHandle.current().pid()), locked.getMessage());
            assertTrue(locked.getMessage().contains(folder.toAbsolutePath().toString()), locked.getMessage());
        }
        Workspace.open(folder).close(); // released on close
    }

    @Test
    void aRunLeftRunningByACrashOpensAsFailedAndNotComplete() throws IOException {
        String runId;
        try (Workspace workspace = Workspace.open(folder)) {
            workspace.replaceSynced(Fixtures.plant(), Fixtures.USER);
            runId = workspace.startRun("job-hmi-2", Fixtures.USER).id();
        } // closed without finishing: what a crash leaves
        Files.writeString(folder.resolve("runs").resolve("." + runId + ".json123.tmp"), "{\"half", StandardCharsets.UTF_8);
        Files.createDirectories(folder.resolve("synced").resolve("g-1-deadbeef")); // a sync cut off before its switch
        // A migration cut off while it sealed a definition in place, or wrote the key slots or its marker.
        String generation = Files.readString(folder.resolve("synced/current"), StandardCharsets.UTF_8).strip();
        List<Path> leftovers = List.of(folder.resolve("synced").resolve(generation).resolve(".jobs.json77.tmp"),
                folder.resolve(".keys.json88.tmp"), folder.resolve("store/.sealing-pending99.tmp"));
        for (Path leftover : leftovers) {
            Files.writeString(leftover, "half", StandardCharsets.UTF_8);
        }
        try (Workspace workspace = Workspace.open(folder)) {
            for (Path leftover : leftovers) {
                assertFalse(Files.exists(leftover), leftover + " is left");
            }
            Run run = workspace.run(runId).orElseThrow();
            assertEquals(RunOutcome.FAILED, run.outcome());
            assertFalse(run.complete());
            assertEquals(LocalWorkspace.INTERRUPTED, run.messages().get(run.messages().size() - 1).text());
            assertEquals(List.of(), workspace.pendingUploads());
            assertEquals(1, workspace.recoveryNotes().size(), workspace.recoveryNotes().toString());
            assertFalse(Files.exists(folder.resolve("synced").resolve("g-1-deadbeef")));
            try (var runs = Files.list(folder.resolve("runs"))) {
                assertEquals(1, runs.count(), "the temporary file is gone");
            }
            assertEquals(Fixtures.plant(), workspace.synced());
        }
    }
}
