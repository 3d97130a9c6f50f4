package org.airgap.sync.internal;

import static org.airgap.sync.internal.SyncTest.ANNA;
import static org.airgap.sync.internal.SyncTest.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.airgap.audit.AuditAction;
import org.airgap.model.Run;
import org.airgap.protocol.Assignment;
import org.airgap.session.ClientSession;
import org.airgap.store.Manifest;
import org.airgap.sync.PushReport;
import org.airgap.workspace.WorkspaceSettings;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;

/** The prune after an upload, against a real server: the workspace setting decides, the baselines stay. */
class PruneAfterUploadTest extends LaptopAndServer {

    @Override
    void definePlant() throws Exception {
        server.define(SyncTest.plant(List.of(new Assignment("job-plc", ANNA))));
    }

    @Test
    void anUploadPrunesOnlyWhenTheSettingIsOnAndKeepsTheLatestBackupAndTheBaselines() throws Exception {
        ClientSession session = laptop.login(server.uri(), ANNA, PASSWORD);
        laptop.workspace.saveSettings(new WorkspaceSettings(false));
        laptop.sync.pull(session, null);
        Run first = laptop.backup("job-plc", ANNA, SyncTest.program("v1"));
        Run second = laptop.backup("job-plc", ANNA, SyncTest.program("v2"));
        laptop.sync.push(session, null);
        laptop.sync.pull(session, null); // the server's version and latest backup are now the second run's
        Run third = laptop.backup("job-plc", ANNA, SyncTest.program("v3"));

        PushReport off = laptop.sync.push(session, null);

        assertEquals(1, off.runs().size());
        assertNull(off.pruned(), "the setting is off");
        assertEquals(Set.of(first.snapshotId(), second.snapshotId(), third.snapshotId()),
                Set.copyOf(laptop.workspace.store().snapshotIds()));

        laptop.workspace.saveSettings(WorkspaceSettings.DEFAULTS);
        Manifest firstManifest = laptop.workspace.store().readSnapshot(first.snapshotId()).manifest();
        PushReport on = laptop.sync.push(session, new NullProgressMonitor());

        assertEquals(List.of(), on.runs(), "nothing was waiting: the prune follows any successful push");
        assertEquals(List.of(first.snapshotId()), on.pruned().snapshotsRemoved(),
                "the second run's snapshot is the synced baseline, the third is the job's latest backup");
        long mainSize = firstManifest.entries().stream().filter(entry -> entry.path().equals("main.st")).findFirst()
                .orElseThrow().size();
        assertEquals(1, on.pruned().blobsRemoved(), "only main.st differs from the kept backups");
        assertEquals(mainSize, on.pruned().bytesFreed());
        assertNull(on.pruneProblem());
        assertEquals(Set.of(second.snapshotId(), third.snapshotId()), Set.copyOf(laptop.workspace.store().snapshotIds()));
        assertTrue(laptop.workspace.snapshotPruned(first.snapshotId()));
        assertEquals(3, laptop.workspace.runs().size());
        assertTrue(laptop.workspace.store().verify(null).ok());
        assertEquals(AuditAction.PRUNE, laptop.workspace.audit().entries().getLast().action());
        assertEquals(1, on.auditEntriesSent(), "the prune's entry went up with the same push");
        assertTrue(server.repository().versions("plc").stream()
                .anyMatch(version -> version.snapshotId().equals(first.snapshotId())),
                "the server keeps the pruned backup as its version 1");
    }
}
