package org.airgap.workspace.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.airgap.audit.AuditAction;
import org.airgap.audit.AuditEntry;
import org.airgap.model.Baseline;
import org.airgap.model.Run;
import org.airgap.model.RunOutcome;
import org.airgap.store.ContentStore;
import org.airgap.store.Paths;
import org.airgap.store.StoreException;
import org.airgap.store.StoreKeys;
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

    /** Before the HMAC of a snapshot id, the name of its marker in an encrypted workspace. */
    private static final String HIDDEN_PREFIX = "h-";

    private final JobRepository repository;
    private final StoreKeys keys;
    private final Path prunedFolder;

    SnapshotPruner(JobRepository repository, StoreKeys keys) {
        this.repository = repository;
        this.keys = keys;
        this.prunedFolder = repository.location().resolve(FOLDER);
    }

    /**
     * In an encrypted workspace, renames the markers named by a plain snapshot id (written before the workspace
     * was encrypted) to their HMAC names: a snapshot id is a content hash, which a name must not show.
     */
    static void hidePlainNames(Path location, StoreKeys keys) throws IOException {
        Path folder = location.resolve(FOLDER);
        if (!keys.unlocked() || !Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> markers = Files.list(folder)) {
            for (Path marker : markers.filter(m -> Paths.isSha256(m.getFileName().toString())).toList()) {
                AtomicFile.write(folder.resolve(hiddenName(keys, marker.getFileName().toString())), new byte[0]);
                AtomicFile.delete(marker);
            }
        }
    }

    private static String hiddenName(StoreKeys keys, String snapshotId) throws StoreException {
        return HIDDEN_PREFIX + keys.storedName(snapshotId);
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

    /** Whether the snapshot is gone from the store because a prune removed it (not known while locked). */
    boolean pruned(String snapshotId) {
        try {
            return Paths.isSha256(snapshotId) && !repository.store().hasSnapshot(snapshotId)
                    && Files.exists(marker(snapshotId));
        } catch (StoreException e) {
            return false;
        }
    }

    /** {@code pruned/SNAPSHOT-ID}; in an encrypted workspace {@code pruned/h-HMAC} (docs/formats.md). */
    private Path marker(String snapshotId) throws StoreException {
        if (!Paths.isSha256(snapshotId)) {
            throw new IllegalArgumentException("not a snapshot id: '" + snapshotId + "'");
        }
        return prunedFolder.resolve(keys.sealed() ? hiddenName(keys, snapshotId) : snapshotId);
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
