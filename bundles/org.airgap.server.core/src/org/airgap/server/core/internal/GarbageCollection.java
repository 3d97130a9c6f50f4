package org.airgap.server.core.internal;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

import org.airgap.protocol.GcResult;
import org.airgap.protocol.RetentionPolicy;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.airgap.server.core.UploadsInProgress;
import org.airgap.server.core.internal.RetentionRules.Dated;
import org.airgap.server.core.internal.RetentionRules.Target;
import org.airgap.store.ContentStore;
import org.airgap.store.StoreException;

/**
 * Garbage collection on the running server (docs/administration.md, "Retention and garbage collection"):
 * the retention policies drop versions and run snapshots ({@link RetentionRules}), then a mark and sweep
 * removes the manifests and blobs nothing kept names.
 * <p>
 * Safe while laptops upload and sync, for these reasons. A laptop's pull only reads baselines and versions,
 * which are kept while they are baselines and {@link RetentionRules#BASELINE_GRACE} after. An upload names
 * its blobs in its plan before it sends any; the plan stays in the upload area until the commit has put the
 * manifest and the run into the store and the database. Marking reads the database and the plans without
 * a lock (it may be slow on a big store); the sweep then takes {@link UploadsInProgress#exclusive()}, which
 * plans and commits share, looks again at what the database and the plans name (cheap: only snapshots that
 * appeared meanwhile are read) and deletes the rest, so nothing can come to name a blob between that last
 * look and its deletion. Blobs whose file changed after gc started are kept too (a client that sends blobs
 * before planning them; such a blob stays until the next gc), and so are blobs the store's own writers hold.
 * <p>
 * Readers outside the database's view (an archive being streamed, a run being checked in) hold their
 * snapshot ({@link SnapshotHolds}) the same way: marked with the rest, looked at again under the holds' lock
 * in the sweep. Once the drop is committed, {@link UploadsInProgress#dropped} tells the caches of read rights
 * which snapshots the dropped versions and runs named, before anything is deleted.
 */
final class GarbageCollection {

    static final String GC = "GC";
    /** How many dropped items a result lists. */
    private static final int MAX_LISTED = 1000;

    private final Jdbc jdbc;
    private final ContentStore store;
    private final SnapshotHolds holds;
    private final ReentrantLock running = new ReentrantLock();

    GarbageCollection(Jdbc jdbc, ContentStore store, SnapshotHolds holds) {
        this.jdbc = jdbc;
        this.store = store;
        this.holds = holds;
    }

    /** A version or run snapshot the policies let go. */
    private record Drop(String componentId, Integer versionNumber, String runId) {
        @Override
        public String toString() {
            return runId == null ? componentId + " v" + versionNumber : "run " + runId + " of " + componentId;
        }
    }

    GcResult collect(String user, boolean dryRun, UploadsInProgress uploads) throws ServerException, IOException {
        if (!running.tryLock()) {
            throw new ServerException(Kind.CONFLICT, "a garbage collection is running already: its report will be"
                    + " in the audit trail (action GC); try again when it has finished");
        }
        try {
            Instant started = jdbc.now();
            long startNanos = System.nanoTime();
            List<Drop> drops = jdbc.read(connection -> plan(connection, started));
            if (!dryRun && !drops.isEmpty()) {
                Set<String> droppedSnapshots = jdbc.transaction(connection -> {
                    Set<String> named = drop(connection, drops);
                    ServerAudit.recordChange(connection, started, user, GC, "retention policies", count(drops,
                            true) + " version(s) and " + count(drops, false) + " run snapshot(s) dropped: "
                            + listed(drops));
                    return named;
                });
                uploads.dropped(droppedSnapshots);
            }
            Sweep sweep = sweep(started, dryRun, drops, uploads);
            long millis = (System.nanoTime() - startNanos) / 1_000_000;
            GcResult result = new GcResult(dryRun, started, millis, count(drops, true), count(drops, false),
                    sweep.manifests, sweep.blobs, sweep.bytes, drops.stream().limit(MAX_LISTED).map(Drop::toString)
                            .toList());
            if (!dryRun) {
                jdbc.transaction(connection -> {
                    ServerAudit.recordChange(connection, jdbc.now(), user, GC, "store", sweep.manifests
                            + " manifest(s) and " + sweep.blobs + " blob(s) removed, " + sweep.bytes
                            + " bytes reclaimed in " + millis + " ms");
                    return null;
                });
            }
            return result;
        } finally {
            running.unlock();
        }
    }

    // ---- the policies

    private static List<Drop> plan(Connection connection, Instant now) throws SQLException {
        Map<Target, RetentionPolicy> policies = new HashMap<>();
        RetentionPolicies.read(connection).forEach((target, setting) -> policies.put(target, setting.policy()));
        List<Drop> drops = new ArrayList<>();
        if (policies.isEmpty()) {
            return drops;
        }
        Map<String, String> parents = RetentionPolicies.parents(connection);
        for (String[] component : Jdbc.list(connection, "SELECT id, folder_id FROM components ORDER BY id",
                row -> new String[] { row.getString(1), row.getString(2) })) {
            String componentId = component[0];
            Optional<Target> from = RetentionRules.applying(Target.component(componentId), component[1], parents,
                    policies);
            if (from.isEmpty()) {
                continue;
            }
            RetentionPolicy policy = policies.get(from.get());
            List<Dated<Integer>> versions = Jdbc.list(connection, "SELECT number, time FROM versions"
                    + " WHERE component_id = ? ORDER BY number DESC", row -> new Dated<>(row.getInt(1),
                            Jdbc.instant(row, 2)), componentId);
            RetentionRules.versionsToDrop(versions, policy, now)
                    .forEach(number -> drops.add(new Drop(componentId, number, null)));
            // The order of the latest backup (RunsAndVersions.latestBackupSnapshot): the first is never dropped.
            List<Dated<String>> runs = Jdbc.list(connection, "SELECT id, committed FROM runs WHERE component_id = ?"
                    + " AND snapshot_id IS NOT NULL ORDER BY committed DESC, run_start DESC", row -> new Dated<>(
                            row.getString(1), Jdbc.instant(row, 2)), componentId);
            RetentionRules.runSnapshotsToDrop(runs, policy, now)
                    .forEach(runId -> drops.add(new Drop(componentId, null, runId)));
        }
        return drops;
    }

    /** Drops them; returns the snapshots they named. */
    private static Set<String> drop(Connection connection, List<Drop> drops) throws SQLException {
        Set<String> named = new HashSet<>();
        for (Drop drop : drops) {
            if (drop.runId() == null) {
                Jdbc.first(connection, "SELECT snapshot_id FROM versions WHERE component_id = ? AND number = ?",
                        row -> row.getString(1), drop.componentId(), drop.versionNumber()).ifPresent(named::add);
                Jdbc.update(connection, "DELETE FROM versions WHERE component_id = ? AND number = ?",
                        drop.componentId(), drop.versionNumber());
            } else {
                Jdbc.first(connection, "SELECT snapshot_id FROM runs WHERE id = ? AND snapshot_id IS NOT NULL",
                        row -> row.getString(1), drop.runId()).ifPresent(named::add);
                Jdbc.update(connection, "UPDATE runs SET dropped_snapshot_id = snapshot_id, snapshot_id = NULL"
                        + " WHERE id = ?", drop.runId());
            }
        }
        return named;
    }

    // ---- mark and sweep

    private static final class Sweep {
        int manifests;
        int blobs;
        long bytes;
    }

    private Sweep sweep(Instant started, boolean dryRun, List<Drop> drops, UploadsInProgress uploads)
            throws IOException {
        Set<String> keptSnapshots = referencedSnapshots(dryRun ? drops : List.of());
        keptSnapshots.addAll(holds.snapshots());
        Set<String> keptBlobs = new HashSet<>(uploads.blobs());
        for (String id : keptSnapshots) {
            keptBlobs.addAll(blobsOf(id));
        }
        Sweep sweep = new Sweep();
        if (dryRun) {
            for (String id : store.snapshotIds()) {
                sweep.manifests += keptSnapshots.contains(id) ? 0 : 1;
            }
            for (String sha256 : store.blobIds()) {
                if (!keptBlobs.contains(sha256)) {
                    sweep.blobs++;
                    sweep.bytes += store.blobSize(sha256);
                }
            }
            return sweep;
        }
        List<String> manifests = new ArrayList<>(store.snapshotIds());
        manifests.removeAll(keptSnapshots);
        List<String> blobs = new ArrayList<>(store.blobIds());
        blobs.removeAll(keptBlobs);
        Lock exclusive = uploads.exclusive();
        Lock readers = holds.exclusive();
        exclusive.lock();
        readers.lock();
        try {
            // What was planned, committed or held since the mark: usually nothing, so this look is cheap.
            Set<String> nowReferenced = referencedSnapshots(List.of());
            nowReferenced.addAll(holds.snapshots());
            nowReferenced.removeAll(keptSnapshots);
            for (String id : nowReferenced) {
                keptBlobs.addAll(blobsOf(id));
            }
            keptBlobs.addAll(uploads.blobs());
            manifests.removeAll(nowReferenced);
            blobs.removeAll(keptBlobs);
            for (String id : manifests) {
                sweep.manifests += store.removeSnapshot(id) ? 1 : 0;
            }
            for (String sha256 : blobs) {
                long freed = store.removeBlob(sha256, started);
                if (freed >= 0) {
                    sweep.blobs++;
                    sweep.bytes += freed;
                }
            }
        } finally {
            readers.unlock();
            exclusive.unlock();
        }
        return sweep;
    }

    /** The snapshots the database names, without those of {@code dropped} (a dry run, which dropped nothing). */
    private Set<String> referencedSnapshots(List<Drop> dropped) {
        Set<String> droppedKeys = new HashSet<>();
        dropped.forEach(drop -> droppedKeys.add(drop.runId() == null ? drop.componentId() + "\n" + drop.versionNumber()
                : drop.runId()));
        return jdbc.read(connection -> {
            Set<String> ids = new HashSet<>();
            for (String[] row : Jdbc.list(connection, "SELECT component_id || CHR(10) || number, snapshot_id"
                    + " FROM versions UNION ALL SELECT id, snapshot_id FROM runs WHERE snapshot_id IS NOT NULL",
                    row -> new String[] { row.getString(1), row.getString(2) })) {
                if (!droppedKeys.contains(row[0])) {
                    ids.add(row[1]);
                }
            }
            return ids;
        });
    }

    /** A kept snapshot's blobs; one that cannot be read stops gc before it deletes anything. */
    private Set<String> blobsOf(String snapshotId) throws IOException {
        try {
            return store.readSnapshot(snapshotId).manifest().blobs();
        } catch (StoreException e) {
            throw new StoreException(e.kind(), e.file(), "gc removed no file: snapshot " + snapshotId
                    + ", which the database names, cannot be read: " + e.getMessage() + " (run a store verify)", e);
        }
    }

    private static int count(List<Drop> drops, boolean versions) {
        return (int) drops.stream().filter(drop -> (drop.runId() == null) == versions).count();
    }

    private static String listed(List<Drop> drops) {
        List<String> names = drops.stream().limit(50).map(Drop::toString).toList();
        return String.join(", ", names) + (drops.size() > names.size() ? ", …" : "");
    }
}
