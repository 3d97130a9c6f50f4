package org.airgap.workspace.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import org.airgap.audit.AuditAction;
import org.airgap.audit.AuditEntry;
import org.airgap.model.Baseline;
import org.airgap.model.CompareResult;
import org.airgap.model.Run;
import org.airgap.model.RunOutcome;
import org.airgap.model.Version;
import org.airgap.store.ManifestEntry;
import org.airgap.store.Snapshot;
import org.airgap.testing.MutableClock;
import org.airgap.testing.SystemProperty;
import org.airgap.workspace.PruneReport;
import org.airgap.workspace.SyncedData;
import org.airgap.workspace.Workspace;
import org.airgap.workspace.WorkspaceSettings;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class SnapshotPrunerTest {

    @RegisterExtension
    static final SystemProperty FEW_ITERATIONS = Fixtures.fewKeySlotIterations();

    @TempDir
    Path folder;

    private final Random random = new Random(42);

    @Test
    void prunesOnlyUploadedSnapshotsThatAreNoBaselineAndTheirBytesComeBack() throws IOException {
        try (LocalWorkspace workspace = LocalWorkspace.open(folder, ticking())) {
            workspace.replaceSynced(Fixtures.plant(), Fixtures.USER);
            Snapshot s1 = backup(workspace);
            Snapshot s2 = backup(workspace);
            Snapshot s3 = backup(workspace);
            Snapshot h1 = backup(workspace);
            Snapshot h2 = backup(workspace);
            Snapshot h3 = backup(workspace);
            Snapshot serverBackup = backup(workspace);
            // The PLC: three uploaded backups and an uploaded failure; the second became the server's version.
            Run r1 = uploaded(workspace, finished(workspace, "job-plc-7", s1.id()));
            uploaded(workspace, finished(workspace, "job-plc-7", s2.id()));
            Run r3 = uploaded(workspace, finished(workspace, "job-plc-7", s3.id()));
            uploaded(workspace, finished(workspace, "job-plc-7", null));
            // The HMI: an old backup still waiting for upload, then two uploaded ones.
            finished(workspace, "job-hmi-2", h1.id());
            Run hmi2 = uploaded(workspace, finished(workspace, "job-hmi-2", h2.id()));
            uploaded(workspace, finished(workspace, "job-hmi-2", h3.id()));
            Version v2 = new Version("plc-7", 2, Instant.parse("2026-12-01T07:00:00Z"), Fixtures.USER, "", s2.id());
            workspace.replaceSynced(new SyncedData(Fixtures.plant().folders(), Fixtures.plant().components(),
                    Fixtures.plant().jobs(), List.of(new Baseline("plc-7", v2, s2.id()),
                            new Baseline("hmi-2", null, serverBackup.id()))), Fixtures.USER);
            long expectedBytes = s1.manifest().totalSize() + h2.manifest().totalSize();
            long storeBefore = storeBytes();

            PruneReport report = workspace.pruneUploadedSnapshots(Fixtures.USER, new NullProgressMonitor());

            assertEquals(List.of(s1.id(), h2.id()).stream().sorted().toList(), report.snapshotsRemoved());
            assertEquals(blobs(s1) + blobs(h2), report.blobsRemoved());
            assertEquals(expectedBytes, report.bytesFreed());
            assertEquals(expectedBytes, storeBefore - storeBytes(), "the bytes are gone from the disk");
            assertEquals(Set.of(s2.id(), s3.id(), h1.id(), h3.id(), serverBackup.id()),
                    new HashSet<>(workspace.store().snapshotIds()),
                    "kept: the server's version, each job's latest backup, the unacknowledged run, the server's backup");
            assertEquals(7, workspace.runs().size(), "every run stays listed");
            assertEquals(s1.id(), workspace.run(r1.id()).orElseThrow().snapshotId());
            assertTrue(workspace.snapshotPruned(s1.id()));
            assertTrue(workspace.snapshotPruned(hmi2.snapshotId()));
            assertFalse(workspace.snapshotPruned(r3.snapshotId()), "kept, so not pruned");
            assertFalse(workspace.snapshotPruned("0".repeat(64)), "missing is not pruned");
            assertTrue(workspace.store().verify(new NullProgressMonitor()).ok());
            assertTrue(workspace.audit().verify().ok());
            AuditEntry last = workspace.audit().entries().get(workspace.audit().entries().size() - 1);
            assertEquals(AuditAction.PRUNE, last.action());
            assertTrue(last.details().startsWith("2 snapshots of uploaded runs, "), last.details());

            int entries = workspace.audit().entries().size();
            assertEquals(PruneReport.NONE, workspace.pruneUploadedSnapshots(Fixtures.USER, null), "nothing left to prune");
            assertEquals(entries, workspace.audit().entries().size(), "a prune that removed nothing is not audited");
        }
        try (Workspace reopened = Workspace.open(folder)) {
            assertTrue(reopened.recoveryNotes().isEmpty(), reopened.recoveryNotes().toString());
            assertEquals(5, reopened.store().snapshotIds().size());
        }
    }

    @Test
    void aRunCompleteButNotAcknowledgedInTheAuditTrailKeepsItsSnapshot() throws IOException {
        try (LocalWorkspace workspace = LocalWorkspace.open(folder, ticking())) {
            workspace.replaceSynced(Fixtures.plant(), Fixtures.USER);
            Snapshot old = backup(workspace);
            Run first = finished(workspace, "job-plc-7", old.id());
            uploaded(workspace, finished(workspace, "job-plc-7", backup(workspace).id()));
            // A crash between removing the upload marker and the audit entry: the run is not known as acknowledged.
            Files.delete(folder.resolve("uploads").resolve(first.id()));

            assertEquals(PruneReport.NONE, workspace.pruneUploadedSnapshots(Fixtures.USER, null));
            assertTrue(workspace.store().hasSnapshot(old.id()));
        }
    }

    @Test
    void aSnapshotARunNotUploadedYetSharesWithAnUploadedOneStays() throws IOException {
        try (LocalWorkspace workspace = LocalWorkspace.open(folder, ticking())) {
            workspace.replaceSynced(Fixtures.plant(), Fixtures.USER);
            Snapshot same = backup(workspace);
            uploaded(workspace, finished(workspace, "job-plc-7", same.id()));
            // The device is back as it was: the next backup is the same snapshot, not uploaded; a newer one follows.
            Run pending = finished(workspace, "job-plc-7", same.id());
            uploaded(workspace, finished(workspace, "job-plc-7", backup(workspace).id()));

            assertEquals(PruneReport.NONE, workspace.pruneUploadedSnapshots(Fixtures.USER, null));
            assertTrue(workspace.store().hasSnapshot(same.id()), "the pending run still uploads it");
            assertEquals(List.of(pending), workspace.pendingUploads());
        }
    }

    @Test
    void theSettingDefaultsToOnAndIsReplacedAtomically() throws IOException {
        try (Workspace workspace = Workspace.open(folder)) {
            assertEquals(WorkspaceSettings.DEFAULTS, workspace.settings());
            assertTrue(workspace.settings().pruneAfterUpload());
            workspace.saveSettings(new WorkspaceSettings(false));
            assertFalse(workspace.settings().pruneAfterUpload());
            assertTrue(Files.readString(folder.resolve(WorkspaceSettings.FILE)).contains("prune.after.upload=false"));
        }
        assertFalse(WorkspaceSettings.read(folder).pruneAfterUpload(), "another process on the folder sees it");
        Files.writeString(folder.resolve(WorkspaceSettings.FILE), "# edited by hand\nprune.after.upload = true\n");
        assertTrue(WorkspaceSettings.read(folder).pruneAfterUpload());
        try (Stream<Path> files = Files.list(folder)) {
            assertTrue(files.noneMatch(file -> file.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void inAnEncryptedWorkspaceNoPruneMarkerIsNamedByASnapshotId() throws IOException {
        try (LocalWorkspace workspace = LocalWorkspace.open(folder, ticking())) {
            workspace.replaceSynced(Fixtures.plant(), Fixtures.USER);
            Snapshot before = backup(workspace);
            uploaded(workspace, finished(workspace, "job-plc-7", before.id()));
            uploaded(workspace, finished(workspace, "job-plc-7", backup(workspace).id()));
            workspace.pruneUploadedSnapshots(Fixtures.USER, null);
            assertEquals(List.of(before.id()), prunedNames(), "a plain workspace names the marker by the id");

            // Encrypted now: the marker from before is renamed at the unlock, later ones get HMAC names at once.
            workspace.unlock(workspace.createDataKey(Fixtures.USER, "tech1-secret".toCharArray()));
            Snapshot after = backup(workspace);
            Run third = uploaded(workspace, finished(workspace, "job-plc-7", after.id()));
            uploaded(workspace, finished(workspace, "job-plc-7", backup(workspace).id()));
            assertEquals(2, workspace.pruneUploadedSnapshots(Fixtures.USER, null).snapshotsRemoved().size());

            List<String> names = prunedNames();
            assertEquals(3, names.size(), names.toString());
            for (String name : names) {
                assertTrue(name.matches("h-[0-9a-f]{64}"), name);
                assertFalse(name.contains(before.id()) || name.contains(after.id()), name);
            }
            assertTrue(workspace.snapshotPruned(before.id()));
            assertTrue(workspace.snapshotPruned(third.snapshotId()));
        }
    }

    private List<String> prunedNames() throws IOException {
        try (Stream<Path> markers = Files.list(folder.resolve(SnapshotPruner.FOLDER))) {
            return markers.map(marker -> marker.getFileName().toString()).sorted().toList();
        }
    }

    /** A clock a minute further at each reading, so that every run starts after the one before. */
    private static MutableClock ticking() {
        return MutableClock.stepping(Instant.parse("2026-12-01T06:00:00Z"), Duration.ofMinutes(1));
    }

    private Snapshot backup(Workspace workspace) throws IOException {
        return Fixtures.backup(workspace, random, 3);
    }

    private static Run finished(Workspace workspace, String jobId, String snapshotId) throws IOException {
        Run running = workspace.startRun(jobId, Fixtures.USER);
        Instant end = running.start().plusSeconds(10);
        Run run = snapshotId != null ? Fixtures.succeeded(running, snapshotId, end)
                : new Run(running.id(), jobId, running.start(), end, 1, RunOutcome.FAILED, null, null,
                        CompareResult.ERROR, CompareResult.ERROR, running.messages());
        return workspace.finishRun(run, Fixtures.USER);
    }

    private static Run uploaded(Workspace workspace, Run run) throws IOException {
        workspace.uploaded(run.id(), Fixtures.USER);
        return run;
    }

    private static int blobs(Snapshot snapshot) {
        return (int) snapshot.manifest().entries().stream().map(ManifestEntry::sha256).filter(s -> s != null)
                .distinct().count();
    }

    private long storeBytes() throws IOException {
        try (Stream<Path> files = Files.walk(folder.resolve("store").resolve("blobs"))) {
            long total = 0;
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                total += Files.size(file);
            }
            return total;
        }
    }
}
