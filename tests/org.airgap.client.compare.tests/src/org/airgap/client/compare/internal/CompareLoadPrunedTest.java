package org.airgap.client.compare.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.airgap.model.CompareResult;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.model.Run;
import org.airgap.model.RunOutcome;
import org.airgap.store.SnapshotWriter;
import org.airgap.workspace.SyncedData;
import org.airgap.workspace.Workspace;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backup pruned after its upload: the compare view says so, as the run or as the basis. */
class CompareLoadPrunedTest {

    @TempDir
    Path temp;

    @Test
    void aPrunedBackupOrBasisIsNamedAsPrunedAfterUpload() throws Exception {
        try (Workspace workspace = Workspace.open(temp)) {
            workspace.replaceSynced(new SyncedData(List.of(new Folder("hall", "Hall", null)),
                    List.of(new Component("plc", "PLC", "hall", "modbus-tcp", Map.of())),
                    List.of(new Job("job-plc", "plc", "Press PLC", Map.of(), JobOptions.defaults())), List.of()),
                    "tech1");
            Run older = uploadedBackup(workspace, "speed=1450\n");
            Thread.sleep(5); // a later start, whatever the clock's resolution
            Run latest = uploadedBackup(workspace, "speed=1500\n");
            assertEquals(List.of(older.snapshotId()),
                    workspace.pruneUploadedSnapshots("tech1", null).snapshotsRemoved());

            CompareLoad run = CompareLoad.load(workspace, null, older.id(), CompareBasis.SERVER,
                    new NullProgressMonitor());
            assertNull(run.root());
            assertTrue(run.message().startsWith("Pruned after upload: This backup was uploaded, then pruned"),
                    run.message());

            CompareLoad basis = CompareLoad.load(workspace, null, latest.id(), CompareBasis.PREVIOUS,
                    new NullProgressMonitor());
            assertNull(basis.root());
            assertTrue(basis.message().startsWith("Pruned after upload: The basis, snapshot "
                    + older.snapshotId().substring(0, 8)), basis.message());
        }
    }

    private static Run uploadedBackup(Workspace workspace, String content) throws IOException {
        String snapshot;
        try (SnapshotWriter writer = workspace.store().newSnapshot()) {
            try (OutputStream out = writer.file("project.cfg", Instant.parse("2026-11-01T08:00:00Z"))) {
                out.write(content.getBytes(StandardCharsets.UTF_8));
            }
            snapshot = writer.commit().id();
        }
        Run started = workspace.startRun("job-plc", "tech1");
        Instant end = started.start().plusSeconds(1);
        Run run = workspace.finishRun(new Run(started.id(), started.jobId(), started.start(), end, 1,
                RunOutcome.SUCCEEDED, null, snapshot, CompareResult.NOT_AVAILABLE, CompareResult.NOT_AVAILABLE,
                List.of()), "tech1");
        workspace.uploaded(run.id(), "tech1");
        return run;
    }
}
