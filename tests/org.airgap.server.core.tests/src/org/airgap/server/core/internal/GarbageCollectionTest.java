package org.airgap.server.core.internal;

import static org.airgap.server.core.internal.ServerFixtures.plant;
import static org.airgap.server.core.internal.ServerFixtures.results;
import static org.airgap.server.core.internal.ServerFixtures.run;
import static org.airgap.server.core.internal.ServerFixtures.settings;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.airgap.model.Version;
import org.airgap.protocol.GcResult;
import org.airgap.protocol.RetentionPolicy;
import org.airgap.protocol.RetentionSetting;
import org.airgap.protocol.Role;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.airgap.server.core.SnapshotHold;
import org.airgap.server.core.UploadsInProgress;
import org.airgap.store.ContentStore;
import org.airgap.store.Snapshot;
import org.airgap.store.SnapshotWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention policies and gc on a real H2 file and a real store: what is kept, removed and still readable. */
class GarbageCollectionTest {

    private static final Instant START = Instant.parse("2026-01-01T08:00:00Z");
    private static final String FOLDER = RetentionSetting.FOLDER;
    private static final String COMPONENT = RetentionSetting.COMPONENT;

    @TempDir
    Path dir;

    private H2ServerRepository repository;
    private ContentStore store;
    private final ServerFixtures.MovableClock clock = new ServerFixtures.MovableClock(START);
    /** Each snapshot's files (path → content), to check kept versions byte for byte. */
    private final Map<String, Map<String, String>> contents = new HashMap<>();

    @BeforeEach
    void open() throws Exception {
        repository = H2ServerRepository.open(settings(dir.resolve("data")), clock);
        store = repository.store();
        repository.addUser("tech1", Role.TECHNICIAN, "password one".toCharArray());
        repository.addUser("tech2", Role.TECHNICIAN, "password two".toCharArray());
        repository.importDefinitions(plant());
    }

    @AfterEach
    void close() {
        repository.deactivate();
    }

    @Test
    void policiesAreSetShownInheritedAndClearedWithTheirAudit() throws Exception {
        RetentionPolicy policy = new RetentionPolicy(5, Duration.ofDays(30), Duration.ofDays(90));
        RetentionSetting set = repository.setRetention(FOLDER, "plant", policy, "admin");
        assertEquals(new RetentionSetting(FOLDER, "plant", policy, FOLDER, "plant", "admin", START), set);
        assertEquals(new RetentionSetting(COMPONENT, "plc-1", policy, FOLDER, "plant", "admin", START),
                repository.retention(COMPONENT, "plc-1"));
        RetentionPolicy own = new RetentionPolicy(1, null, null);
        repository.setRetention(COMPONENT, "plc-1", own, "admin");
        assertEquals(own, repository.retention(COMPONENT, "plc-1").policy());
        assertEquals(List.of("plant", "plc-1"), repository.retentionPolicies().stream().map(RetentionSetting::id)
                .toList());

        RetentionSetting after = repository.clearRetention(COMPONENT, "plc-1", "admin");
        assertEquals(policy, after.policy());
        repository.clearRetention(FOLDER, "plant", "admin");
        assertEquals(new RetentionSetting(FOLDER, "cell-1", RetentionPolicy.KEEP_EVERYTHING, null, null, null, null),
                repository.retention(FOLDER, "cell-1"));
        assertEquals(List.of("RETENTION_SET folder plant: keep the last 5 version(s), keep versions younger than 30"
                + " day(s), keep run snapshots for 90 day(s)", "RETENTION_SET component plc-1: keep the last 1"
                        + " version(s), keep every run snapshot", "RETENTION_CLEAR component plc-1: its own retention"
                                + " policy removed", "RETENTION_CLEAR folder plant: its own retention policy removed"),
                audit("RETENTION_%"));
    }

    @Test
    void badPoliciesAndUnknownTargetsAreRefused() {
        assertEquals(Kind.BAD_REQUEST, assertThrows(ServerException.class, () -> repository.setRetention(FOLDER,
                "plant", new RetentionPolicy(0, null, null), "admin")).kind());
        assertEquals(Kind.BAD_REQUEST, assertThrows(ServerException.class, () -> repository.setRetention(FOLDER,
                "plant", new RetentionPolicy(null, Duration.ofDays(-1), null), "admin")).kind());
        assertEquals(Kind.BAD_REQUEST, assertThrows(ServerException.class, () -> repository.setRetention(FOLDER,
                "plant", null, "admin")).kind());
        assertEquals(Kind.BAD_REQUEST, assertThrows(ServerException.class, () -> repository.setRetention("job",
                "job-plc", RetentionPolicy.KEEP_EVERYTHING, "admin")).kind());
        assertEquals(Kind.NOT_FOUND, assertThrows(ServerException.class, () -> repository.setRetention(COMPONENT,
                "nothing", RetentionPolicy.KEEP_EVERYTHING, "admin")).kind());
        assertEquals(Kind.NOT_FOUND, assertThrows(ServerException.class, () -> repository.retention(FOLDER,
                "nothing")).kind());
        assertEquals(Kind.NOT_FOUND, assertThrows(ServerException.class, () -> repository.clearRetention(FOLDER,
                "plant", "admin")).kind(), "no policy of its own");
        assertEquals(List.of(), repository.retentionPolicies());
    }

    @Test
    void gcDropsWhatThePoliciesLetGoAndKeepsEveryKeptVersionByteIdentical() throws Exception {
        // plc-1: five versions a day apart, each with a shared file and one of its own; robot-2 has no policy.
        for (int i = 1; i <= 5; i++) {
            commit("plc-run-" + i, "job-plc", Map.of("shared.txt", "same in every version",
                    "program.txt", "program " + i + " ".repeat(1000 * i)), true);
            commit("robot-run-" + i, "job-robot", Map.of("robot.txt", "robot " + i), true);
            clock.advance(Duration.ofDays(1));
        }
        repository.setRetention(FOLDER, "cell-1", new RetentionPolicy(2, null, Duration.ofDays(1)), "admin");
        backdateBlobs();
        Set<String> blobsBefore = Set.copyOf(store.blobIds());
        List<Version> plcBefore = repository.versions("plc-1");

        GcResult dryRun = repository.collectGarbage("admin", true, UploadsInProgress.NONE);
        assertTrue(dryRun.dryRun());
        assertEquals(3, dryRun.versionsDropped());
        assertEquals(4, dryRun.runSnapshotsDropped());
        assertEquals(List.of("plc-1 v3", "plc-1 v2", "plc-1 v1", "run plc-run-4 of plc-1", "run plc-run-3 of plc-1",
                "run plc-run-2 of plc-1", "run plc-run-1 of plc-1"), dryRun.dropped());
        assertEquals(3, dryRun.manifestsRemoved());
        assertEquals(3, dryRun.blobsRemoved());
        long expectedBytes = 0;
        for (int i = 1; i <= 3; i++) {
            expectedBytes += ("program " + i + " ".repeat(1000 * i)).length();
        }
        assertEquals(expectedBytes, dryRun.bytesReclaimed());
        assertEquals(plcBefore, repository.versions("plc-1"), "a dry run changes nothing");
        assertEquals(blobsBefore, Set.copyOf(store.blobIds()));
        assertEquals(List.of(), audit("GC"));

        GcResult gc = repository.collectGarbage("admin", false, UploadsInProgress.NONE);
        assertEquals(List.of(dryRun.versionsDropped(), dryRun.runSnapshotsDropped(), dryRun.manifestsRemoved(),
                dryRun.blobsRemoved()), List.of(gc.versionsDropped(), gc.runSnapshotsDropped(), gc.manifestsRemoved(),
                        gc.blobsRemoved()));
        assertEquals(expectedBytes, gc.bytesReclaimed());
        assertEquals(List.of(4, 5), repository.versions("plc-1").stream().map(Version::number).toList());
        assertEquals(5, repository.versions("robot-2").size(), "no policy: everything kept");
        assertEquals(blobsBefore.size() - 3, store.blobIds().size());
        for (String componentId : List.of("plc-1", "robot-2")) {
            for (Version version : repository.versions(componentId)) {
                assertSnapshotIntact(version.snapshotId());
            }
        }
        assertSnapshotIntact(repository.latestBackupSnapshot("plc-1").orElseThrow());
        assertEquals("null", repository.read(connection -> Jdbc.first(connection, "SELECT snapshot_id FROM runs"
                + " WHERE id = ?", row -> String.valueOf(row.getString(1)), "plc-run-1")).orElseThrow(),
                "the run stays, without its snapshot");
        assertTrue(repository.committedRun("plc-run-1").orElseThrow().snapshotId() != null,
                "a retried commit still finds its run's snapshot id");
        assertTrue(repository.committed("plc-run-1").isPresent(), "the run's result stays, without its version");
        List<String> gcAudit = audit("GC");
        assertEquals(2, gcAudit.size());
        assertTrue(gcAudit.get(0).startsWith("GC retention policies: 3 version(s) and 4 run snapshot(s) dropped:"
                + " plc-1 v3, plc-1 v2"), gcAudit.get(0));
        assertTrue(gcAudit.get(1).startsWith("GC store: 3 manifest(s) and 3 blob(s) removed, " + expectedBytes
                + " bytes reclaimed in "), gcAudit.get(1));

        GcResult again = repository.collectGarbage("admin", false, UploadsInProgress.NONE);
        assertEquals(List.of(0, 0, 0, 0), List.of(again.versionsDropped(), again.runSnapshotsDropped(),
                again.manifestsRemoved(), again.blobsRemoved()));
    }

    @Test
    void withoutPoliciesGcRemovesOnlyWhatNothingNames() throws Exception {
        String kept = commit("plc-run-1", "job-plc", Map.of("a.txt", "kept"), true);
        String orphan = store.putBlob(new ByteArrayInputStream("orphan".getBytes(StandardCharsets.UTF_8)));
        clock.advance(Duration.ofDays(1));
        Set<String> pending = Set.of(store.putBlob(new ByteArrayInputStream("planned".getBytes(
                StandardCharsets.UTF_8))));
        backdateBlobs();
        GcResult gc = repository.collectGarbage("admin", false, uploads(() -> pending, () -> {
        }));
        assertEquals(List.of(0, 0, 0, 1, 6L), List.of(gc.versionsDropped(), gc.runSnapshotsDropped(),
                gc.manifestsRemoved(), gc.blobsRemoved(), gc.bytesReclaimed()));
        assertFalse(store.hasBlob(orphan));
        assertTrue(store.hasBlob(pending.iterator().next()), "named by an upload in progress");
        assertSnapshotIntact(kept);
    }

    @Test
    void uploadsPlannedAndCommittedWhileGcMarksSurviveItsSweep() throws Exception {
        commit("plc-run-1", "job-plc", Map.of("program.txt", "old program, to be uploaded again"), true);
        clock.advance(Duration.ofDays(1));
        commit("plc-run-2", "job-plc", Map.of("program.txt", "new program"), true);
        commit("plc-run-3", "job-plc", Map.of("program.txt", "a planned program"), true);
        String planned = store.readSnapshot(repository.latestBackupSnapshot("plc-1").orElseThrow()).manifest()
                .blobs().iterator().next();
        clock.advance(Duration.ofDays(1));
        commit("plc-run-4", "job-plc", Map.of("program.txt", "latest"), true);
        clock.advance(Duration.ofDays(1));
        repository.setRetention(COMPONENT, "plc-1", new RetentionPolicy(1, null, Duration.ofHours(1)), "admin");
        backdateBlobs();

        // Another thread, as the upload servlet: between gc's mark and its sweep, a laptop commits a run that
        // names the old program again (its blob is not sent: the server has it) and plans one naming another.
        Set<String> inFlight = new HashSet<>();
        ReentrantReadWriteLock uploadLock = new ReentrantReadWriteLock();
        AtomicInteger looks = new AtomicInteger();
        AtomicReference<String> recommitted = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        UploadsInProgress uploads = new UploadsInProgress() {
            @Override
            public Set<String> blobs() {
                if (looks.getAndIncrement() == 0) {
                    Thread laptop = new Thread(() -> {
                        uploadLock.readLock().lock();
                        try {
                            recommitted.set(commit("plc-run-5", "job-plc", Map.of("program.txt",
                                    "old program, to be uploaded again"), false));
                            inFlight.add(planned);
                        } catch (Throwable e) {
                            failure.set(e);
                        } finally {
                            uploadLock.readLock().unlock();
                        }
                    });
                    laptop.start();
                    try {
                        laptop.join();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return Set.of(); // what the mark saw: nothing planned yet
                }
                return Set.copyOf(inFlight);
            }

            @Override
            public Lock exclusive() {
                return uploadLock.writeLock();
            }
        };
        GcResult gc = repository.collectGarbage("admin", false, uploads);
        assertNull(failure.get());
        assertEquals(2, looks.get(), "the sweep looked at the uploads again");
        assertEquals(3, gc.versionsDropped());
        assertSnapshotIntact(recommitted.get());
        assertTrue(store.hasBlob(planned), "the blob of the planned upload stays");
        assertEquals(1, gc.blobsRemoved(), "only the program nobody names any more (new program)");
    }

    @Test
    void oneGcAtATime() throws Exception {
        AtomicReference<Throwable> second = new AtomicReference<>();
        repository.collectGarbage("admin", false, uploads(Set::of, () -> {
            Thread other = new Thread(() -> second.set(assertThrows(ServerException.class,
                    () -> repository.collectGarbage("admin", true, UploadsInProgress.NONE))));
            other.start();
            try {
                other.join();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
        assertEquals(Kind.CONFLICT, ((ServerException) second.get()).kind());
        assertEquals(0, repository.collectGarbage("admin", true, UploadsInProgress.NONE).blobsRemoved());
    }

    // ---- readers beside gc: archives (holds) and check-ins

    @Test
    void aSnapshotHeldByAReaderStaysWholeThroughTheGcThatDropsItsVersionAndGoesAfterwards() throws Exception {
        String v1 = commit("plc-run-1", "job-plc", Map.of("program.txt", "version 1, being downloaded"), true);
        clock.advance(Duration.ofDays(1));
        commit("plc-run-2", "job-plc", Map.of("program.txt", "version 2"), true);
        clock.advance(Duration.ofDays(1));
        repository.setRetention(COMPONENT, "plc-1", new RetentionPolicy(1, null, Duration.ofHours(1)), "admin");
        backdateBlobs();
        Set<String> dropped = new HashSet<>();
        AtomicReference<SnapshotHold> hold = new AtomicReference<>();
        // The archive of v1 starts after gc's mark, before its sweep: the sweep's last look must see it.
        UploadsInProgress uploads = uploads(Set::of, () -> {
            try {
                hold.set(repository.holdSnapshot(v1, "version 1 of component 'plc-1'"));
            } catch (ServerException | IOException e) {
                throw new IllegalStateException(e);
            }
        }, dropped);

        GcResult gc = repository.collectGarbage("admin", false, uploads);

        assertEquals(List.of(1, 1), List.of(gc.versionsDropped(), gc.runSnapshotsDropped()));
        assertEquals(Set.of(v1), dropped, "gc told the read caches what the dropped version and run named");
        assertEquals(List.of(2), repository.versions("plc-1").stream().map(Version::number).toList());
        assertEquals(List.of(0, 0), List.of(gc.manifestsRemoved(), gc.blobsRemoved()), "held: nothing removed");
        assertSnapshotIntact(v1);
        hold.get().close();
        hold.get().close();
        GcResult after = repository.collectGarbage("admin", false, UploadsInProgress.NONE);
        assertEquals(List.of(1, 1), List.of(after.manifestsRemoved(), after.blobsRemoved()), "released: it goes");
        assertFalse(store.hasSnapshot(v1));
    }

    @Test
    void aHoldOnASnapshotGcRemovedIsRefusedNamingWhatIsMissing() throws Exception {
        String snapshot = commit("plc-run-1", "job-plc", Map.of("program.txt", "its blob goes"), true);
        String sha256 = store.readSnapshot(snapshot).manifest().blobs().iterator().next();
        java.nio.file.Files.delete(store.root().resolve("blobs").resolve(sha256.substring(0, 2)).resolve(sha256));
        ServerException refused = assertThrows(ServerException.class, () -> repository.holdSnapshot(snapshot,
                "version 1 of component 'plc-1'"));
        assertEquals(Kind.CONFLICT, refused.kind());
        assertTrue(refused.getMessage().startsWith("version 1 of component 'plc-1' (snapshot " + snapshot
                + ") is no longer in the server's store (blob " + sha256 + " is missing): garbage collection"),
                refused.getMessage());
        assertThrows(ServerException.class, () -> repository.holdSnapshot("0".repeat(64), "nothing"));
    }

    @Test
    void aCheckInWhileGcDropsTheRunsSnapshotMakesAVersionWhoseFilesAllStay() throws Exception {
        commit("plc-run-1", "job-plc", Map.of("program.txt", "program 1"), true);
        clock.advance(Duration.ofDays(1));
        String checkedIn = commit("plc-run-2", "job-plc", Map.of("program.txt", "program 2, checked in"), false);
        clock.advance(Duration.ofDays(1));
        commit("plc-run-3", "job-plc", Map.of("program.txt", "program 3"), false);
        clock.advance(Duration.ofDays(1));
        repository.setRetention(COMPONENT, "plc-1", new RetentionPolicy(null, null, Duration.ofHours(1)), "admin");
        backdateBlobs();
        AtomicReference<GcResult> gc = new AtomicReference<>();
        // The check-in has found the run's backup stored; gc drops it and sweeps before the version is written.
        repository.checkins().whileHeld = () -> {
            try {
                gc.set(repository.collectGarbage("admin", false, UploadsInProgress.NONE));
            } catch (ServerException | IOException e) {
                throw new IllegalStateException(e);
            }
        };

        var version = repository.checkIn("plc-run-2", "checked in while gc ran", "admin");

        assertEquals(List.of(2, checkedIn), List.of(version.number(), version.snapshotId()));
        assertEquals(2, gc.get().runSnapshotsDropped(), "the snapshots of plc-run-1 and plc-run-2");
        assertSnapshotIntact(checkedIn);
        repository.checkins().whileHeld = () -> {
        };
        repository.collectGarbage("admin", false, UploadsInProgress.NONE);
        assertSnapshotIntact(checkedIn); // the version names it now
    }

    // ---- helpers

    private interface BlobsSource {
        Set<String> blobs() throws IOException;
    }

    /** Uploads in progress whose first look runs {@code duringMark}. */
    private static UploadsInProgress uploads(BlobsSource blobs, Runnable duringMark) {
        return uploads(blobs, duringMark, new HashSet<>());
    }

    /** … which collect what gc says it dropped into {@code dropped}. */
    private static UploadsInProgress uploads(BlobsSource blobs, Runnable duringMark, Set<String> dropped) {
        ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        AtomicInteger looks = new AtomicInteger();
        return new UploadsInProgress() {
            @Override
            public Set<String> blobs() throws IOException {
                if (looks.getAndIncrement() == 0) {
                    duringMark.run();
                }
                return blobs.blobs();
            }

            @Override
            public Lock exclusive() {
                return lock.writeLock();
            }

            @Override
            public void dropped(Set<String> snapshotIds) {
                dropped.addAll(snapshotIds);
            }
        };
    }

    /** Commits a run of a new snapshot of {@code files}; returns the snapshot id. */
    private String commit(String runId, String jobId, Map<String, String> files, boolean createVersion) {
        try {
            Snapshot snapshot;
            try (SnapshotWriter writer = store.newSnapshot()) {
                for (Map.Entry<String, String> file : new java.util.TreeMap<>(files).entrySet()) {
                    writer.file(file.getKey(), ServerFixtures.T0, new ByteArrayInputStream(file.getValue().getBytes(
                            StandardCharsets.UTF_8)));
                }
                snapshot = writer.commit();
            }
            contents.put(snapshot.id(), files);
            repository.commit(run(runId, jobId, snapshot.id()), "tech1", results(runId), createVersion, "");
            return snapshot.id();
        } catch (IOException | ServerException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every file of the snapshot reads back with the content it was stored with. */
    private void assertSnapshotIntact(String snapshotId) throws IOException {
        Snapshot snapshot = store.readSnapshot(snapshotId);
        Map<String, String> expected = contents.get(snapshotId);
        assertEquals(expected.size(), snapshot.manifest().entries().size());
        for (var entry : snapshot.manifest().entries()) {
            try (InputStream in = store.openBlob(entry.sha256())) {
                assertArrayEquals(expected.get(entry.path()).getBytes(StandardCharsets.UTF_8), in.readAllBytes(),
                        entry.path());
            }
        }
    }

    /** The blob files are older than any gc of the test (gc keeps files changed after it started). */
    private void backdateBlobs() throws IOException {
        for (String sha256 : store.blobIds()) {
            // The store's layout (docs/formats.md): blobs/<first two hex digits>/<sha256>.
            Path file = store.root().resolve("blobs").resolve(sha256.substring(0, 2)).resolve(sha256);
            java.nio.file.Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(START.minus(
                    Duration.ofDays(1))));
        }
    }

    /** The server audit rows whose kind is like {@code kindPattern}: "KIND details", oldest first. */
    private List<String> audit(String kindPattern) {
        return repository.read(connection -> Jdbc.list(connection, "SELECT kind, COALESCE(subject || ': ', '') || details FROM server_audit"
                + " WHERE kind LIKE ? ORDER BY id", row -> row.getString(1) + " " + row.getString(2), kindPattern));
    }
}
