package org.airgap.workspace.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.airgap.audit.AuditAction;
import org.airgap.audit.AuditEntry;
import org.airgap.model.Baseline;
import org.airgap.model.Run;
import org.airgap.model.RunOutcome;
import org.airgap.store.ContentStore;
import org.airgap.store.Paths;
import org.airgap.workspace.AtomicFile;
import org.airgap.workspace.JobRepository;
import org.airgap.workspace.PruneReport;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;

/**
 * Removes the snapshots of acknowledged runs that are no longer a baseline, then the blobs only they
 * used. Kept: the latest backup of every job (the next run's previous backup), the synced server
 * baselines, and every snapshot of a run the server has not acknowledged. A run counts as acknowledged
 * only by its {@link AuditAction#UPLOAD} entry and an empty upload queue slot: a crash between the two
 * keeps the snapshot. While a run record cannot be read nothing is removed. Each removal is recorded in {@code pruned/SNAPSHOT-ID} before the manifest goes, and
 * blobs go only by the store's gc (unreferenced ones), so a prune cut off at any point leaves a consistent
 * workspace; blobs it left behind go with the next prune's gc.
 */
final class SnapshotPruner {

    static final String FOLDER = "pruned";

    private final JobRepository repository;
    private final Path prunedFolder;

    SnapshotPruner(JobRepository repository) {
        this.repository = repository;
        this.prunedFolder = repository.location().resolve(FOLDER);
    }

    PruneReport prune(String user, IProgressMonitor monitor) throws IOException {
        Map<String, String> unreadable = repository.unreadableRuns(false);
        if (!unreadable.isEmpty()) {
            // Whether such a run still needs its snapshot cannot be known: nothing is removed.
            throw new IOException("nothing pruned: " + unreadable.size() + " run record(s) cannot be read, and their"
                    + " snapshots might still be needed: " + String.join("; ", unreadable.values())
                    + ". Restore a damaged one from a copy of the workspace, or delete one that was put there from outside,"
                    + " then prune again");
        }
        ContentStore store = repository.store();
        Set<String> removable = new TreeSet<>(uploadedSnapshots());
        removable.removeAll(keptSnapshots());
        removable.removeIf(id -> !store.hasSnapshot(id));
        if (removable.isEmpty()) {
            return PruneReport.NONE;
        }
        SubMonitor progress = SubMonitor.convert(monitor, "Pruning uploaded snapshots", removable.size() + 100);
        Files.createDirectories(prunedFolder);
        for (String id : removable) {
            AtomicFile.write(marker(id), new byte[0]);
            store.removeSnapshot(id);
            progress.worked(1);
        }
        ContentStore.GcReport gc = store.gc(progress.split(100));
        PruneReport report = new PruneReport(List.copyOf(removable), gc.blobsRemoved(), gc.bytesFreed());
        repository.audit().append(user, AuditAction.PRUNE, "workspace", report.snapshotsRemoved().size()
                + " snapshots of uploaded runs, " + report.blobsRemoved() + " blobs, " + report.bytesFreed() + " bytes");
        return report;
    }

    /** Whether the snapshot is gone from the store because a prune removed it. */
    boolean pruned(String snapshotId) {
        return Paths.isSha256(snapshotId) && !repository.store().hasSnapshot(snapshotId)
                && Files.exists(marker(snapshotId));
    }

    private Path marker(String snapshotId) {
        if (!Paths.isSha256(snapshotId)) {
            throw new IllegalArgumentException("not a snapshot id: '" + snapshotId + "'");
        }
        return prunedFolder.resolve(snapshotId);
    }

    /**
     * Snapshots of runs the server acknowledged and that are no longer waiting for upload, without those a
     * run not acknowledged names too (a backup identical to an uploaded one, still to be uploaded itself).
     */
    private Set<String> uploadedSnapshots() throws IOException {
        Set<String> acknowledged = new HashSet<>();
        for (AuditEntry entry : repository.audit().entries()) {
            if (entry.action() == AuditAction.UPLOAD) {
                acknowledged.add(entry.subject());
            }
        }
        for (Run pending : repository.pendingUploads()) {
            acknowledged.remove(pending.id());
        }
        Set<String> snapshots = new HashSet<>();
        Set<String> stillNeeded = new HashSet<>();
        for (Run run : repository.runs()) {
            if (run.snapshotId() != null) {
                (acknowledged.contains(run.id()) ? snapshots : stillNeeded).add(run.snapshotId());
            }
        }
        snapshots.removeAll(stillNeeded);
        return snapshots;
    }

    private Set<String> keptSnapshots() throws IOException {
        Set<String> kept = new HashSet<>();
        Set<String> jobsWithLatestBackup = new HashSet<>();
        for (Run run : repository.runs()) { // newest first
            if (run.snapshotId() != null && run.outcome() == RunOutcome.SUCCEEDED && jobsWithLatestBackup.add(run.jobId())) {
                kept.add(run.snapshotId());
            }
        }
        for (Baseline baseline : repository.synced().baselines()) {
            if (baseline.serverVersion() != null && baseline.serverVersion().snapshotId() != null) {
                kept.add(baseline.serverVersion().snapshotId());
            }
            if (baseline.previousBackupSnapshot() != null) {
                kept.add(baseline.previousBackupSnapshot());
            }
        }
        return kept;
    }
}
