package org.airgap.client.compare.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.airgap.compare.CompareEngine;
import org.airgap.compare.SnapshotComparison;
import org.airgap.model.IgnoreRule;
import org.airgap.model.Job;
import org.airgap.model.Run;
import org.airgap.store.ContentStore;
import org.airgap.store.Snapshot;
import org.airgap.workspace.JobRepository;
import org.eclipse.core.runtime.IProgressMonitor;

/**
 * What the Compare part shows for a run and a basis, worked out off the UI thread: the run, the basis
 * snapshot by the repository's rules, the engine's comparison and its tree.
 *
 * @param title      the run in words
 * @param basisLabel the left side, the basis in words
 * @param backupLabel the right side
 * @param root       the tree of the comparison, {@code null} when there is nothing to compare
 * @param message    why there is nothing to compare, or {@code null}
 * @param store      where the compared files' contents are read from, {@code null} when nothing is compared
 */
record CompareLoad(String title, String basisLabel, String backupLabel, SnapshotComparison comparison,
        CompareNode root, List<IgnoreRule> rules, String message, ContentStore store) {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    private static final String PRUNED = "Pruned after upload: ";

    static CompareLoad load(JobRepository repository, CompareEngine engine, String runId, CompareBasis basis,
            IProgressMonitor monitor) throws IOException {
        Run run = repository.run(runId).orElseThrow(() -> new IOException("Run " + runId
                + " is not in this workspace: it may have been made with another workspace folder."));
        Optional<Job> job = repository.job(run.jobId());
        String jobName = job.map(Job::name).orElse(run.jobId());
        String title = jobName + " \u2014 backup of " + TIME.format(run.start()) + " (" + run.outcome().name()
                .toLowerCase(java.util.Locale.ROOT) + (run.identityCheck() == null ? ""
                        : ", " + run.identityCheck().kind().label()) + ")";
        String backupLabel = "Backup of " + TIME.format(run.start());
        if (run.snapshotId() == null) {
            return message(title, basis, backupLabel, "This run has no backup to compare: it did not succeed. "
                    + "The Run console shows why.");
        }
        if (repository.snapshotPruned(run.snapshotId())) {
            return message(title, basis, backupLabel, PRUNED + "This backup was uploaded, then pruned from this laptop "
                    + "(it is no longer a compare basis); the server keeps it.");
        }
        if (job.isEmpty()) {
            return message(title, basis, backupLabel, "Job " + run.jobId() + " is no longer among the synced jobs, so "
                    + "its basis and ignore rules are unknown: sync again if it still exists.");
        }
        Optional<String> basisId = basis == CompareBasis.SERVER
                ? repository.serverVersionSnapshot(job.get().componentId())
                : repository.previousBackupSnapshot(run);
        if (basisId.isEmpty()) {
            return message(title, basis, backupLabel, basis == CompareBasis.SERVER
                    ? "Not available: the server has no version of this component yet (as of the last sync)."
                    : "Not available: there is no earlier backup of this job, here or on the server.");
        }
        if (repository.snapshotPruned(basisId.get())) {
            return message(title, basis, backupLabel, PRUNED + "The basis, snapshot " + basisId.get().substring(0, 8)
                    + ", was uploaded, then pruned from this laptop; the server keeps it.");
        }
        ContentStore store = repository.store();
        // Parsing a manifest of 10,000 entries takes a while: read the two side by side.
        CompletableFuture<Snapshot> basisRead = CompletableFuture.supplyAsync(() -> {
            try {
                return store.readSnapshot(basisId.get());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        Snapshot backup = store.readSnapshot(run.snapshotId());
        Snapshot basisSnapshot;
        try {
            basisSnapshot = basisRead.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException unchecked) {
                throw unchecked.getCause();
            }
            throw e;
        }
        List<IgnoreRule> rules = job.get().options().ignoreRules();
        SnapshotComparison comparison = engine.compare(basisSnapshot.manifest(), store::openBlob, backup.manifest(),
                store::openBlob, rules, monitor);
        return new CompareLoad(title, basis.sideLabel + " \u00b7 snapshot " + basisId.get().substring(0, 8),
                backupLabel, comparison, CompareNode.tree(comparison.entries()), rules, null, store);
    }

    private static CompareLoad message(String title, CompareBasis basis, String backupLabel, String message) {
        return new CompareLoad(title, basis.sideLabel, backupLabel, null, null, List.of(), message, null);
    }
}
