package org.airgap.server.core.internal;

import static org.airgap.server.core.internal.ServerFixtures.T0;
import static org.airgap.server.core.internal.ServerFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.airgap.model.CompareResult;
import org.airgap.model.Run;
import org.airgap.model.RunOutcome;
import org.airgap.protocol.AdminVersion;
import org.airgap.protocol.CommitResult;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.airgap.server.core.ServerSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Versions on the administrator's side, on a real H2 file: the history, a changed comment, a run checked in
 * by hand, and the stale rule — an older backup becomes no version, neither automatically nor by hand.
 */
class VersionCheckinTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    @TempDir
    Path dir;
    private ServerSettings settings;
    private H2ServerRepository repository;

    @BeforeEach
    void open() throws Exception {
        repository = ServerFixtures.openWithPlant(dir.resolve("data"), NOW);
        settings = repository.settings();
    }

    @AfterEach
    void close() {
        repository.deactivate();
    }

    /** A run started {@code minutes} after T0 by the laptop's clock. */
    private static Run run(String id, int minutes, RunOutcome outcome, String snapshotId) {
        Instant start = T0.plus(Duration.ofMinutes(minutes));
        return new Run(id, "job-plc", start, start.plusSeconds(20), 1, outcome, null, snapshotId,
                CompareResult.DIFFERENT, CompareResult.NOT_AVAILABLE, List.of());
    }

    private CommitResult commit(Run run, Duration skew, boolean version) throws ServerException {
        return repository.commit(run, "tech1", skew, new CommitResult(run.id(), CompareResult.DIFFERENT,
                CompareResult.DIFFERENT, null, false), version, version ? "automatic version from run " + run.id() : null);
    }

    private List<String> changes() {
        return repository.read(connection -> Jdbc.list(connection, "SELECT kind, user_name, outcome,"
                + " COALESCE(subject || ': ', '') || details FROM server_audit WHERE kind NOT IN ('LOGIN', 'COMMIT')"
                + " ORDER BY id", row -> row.getString(1) + " "
                        + row.getString(2) + " " + row.getString(3) + " " + row.getString(4)));
    }

    private static ServerException refused(Kind kind, Executable call) {
        ServerException refused = assertThrows(ServerException.class, call);
        assertEquals(kind, refused.kind(), refused.getMessage());
        return refused;
    }

    @Test
    void aRunIsCheckedInByHandAsTheNextVersionAudited() throws Exception {
        commit(run("run-1", 0, RunOutcome.SUCCEEDED, snapshot(repository.store(), "v1")), null, true);
        commit(run("run-2", 10, RunOutcome.SUCCEEDED, snapshot(repository.store(), "v2")), null, false);

        AdminVersion checkedIn = repository.checkIn("run-2", "  press program after the retrofit ", "admin");
        assertEquals(new AdminVersion("plc-1", 2, NOW, "admin", "press program after the retrofit",
                repository.run("run-2").orElseThrow().run().snapshotId(), "run-2"), checkedIn);
        assertEquals(List.of(checkedIn, new AdminVersion("plc-1", 1, NOW, "tech1", "automatic version from run run-1",
                repository.version("plc-1", 1).orElseThrow().snapshotId(), "run-1")),
                repository.versionHistory("plc-1"), "newest first, each with its source run");
        assertEquals(2, repository.run("run-2").orElseThrow().summary().version(), "the run list names the version");
        assertEquals(List.of("VERSION_CHECKIN admin OK component plc-1: version 2 checked in from run run-2:"
                + " press program after the retrofit"), changes());

        ServerException again = refused(Kind.CONFLICT, () -> repository.checkIn("run-2", "again", "admin"));
        assertEquals("run run-2 is version 2 of component plc-1 already", again.getMessage());
        assertEquals("run run-1 is version 1 of component plc-1 already",
                refused(Kind.CONFLICT, () -> repository.checkIn("run-1", "again", "admin")).getMessage());
        assertEquals(2, repository.versionHistory("plc-1").size());
    }

    @Test
    void whatCannotBecomeAVersionIsRefusedNamingWhy() throws Exception {
        String v1 = snapshot(repository.store(), "v1");
        commit(run("run-1", 0, RunOutcome.SUCCEEDED, v1), null, true);
        commit(run("run-failed", 5, RunOutcome.FAILED, null), null, false);
        commit(run("run-same", 6, RunOutcome.SUCCEEDED, v1), null, false);
        String gone = snapshot(repository.store(), "removed by retention");
        commit(run("run-gone", 7, RunOutcome.SUCCEEDED, gone), null, false);
        Path manifest = settings.storeDirectory().resolve("manifests").resolve(gone + ".json");
        assertTrue(Files.exists(manifest));
        Files.delete(manifest);

        assertEquals("no run run-x on the server",
                refused(Kind.NOT_FOUND, () -> repository.checkIn("run-x", "c", "admin")).getMessage());
        assertEquals("run run-failed ended FAILED: only a successful backup can become a version",
                refused(Kind.CONFLICT, () -> repository.checkIn("run-failed", "c", "admin")).getMessage());
        assertTrue(refused(Kind.CONFLICT, () -> repository.checkIn("run-same", "c", "admin")).getMessage()
                .contains("is version 1 already (the same snapshot)"));
        assertTrue(refused(Kind.CONFLICT, () -> repository.checkIn("run-gone", "c", "admin")).getMessage()
                .contains("is no longer in the server's store"));
        refused(Kind.BAD_REQUEST, () -> repository.checkIn("run-same", " ", "admin"));
        refused(Kind.BAD_REQUEST, () -> repository.checkIn("run-same", "x".repeat(2001), "admin"));
        refused(Kind.BAD_REQUEST, () -> repository.checkIn("run-same", "bell\u0007", "admin"));
        assertEquals(1, repository.versionHistory("plc-1").size());
        assertEquals(List.of(), changes(), "nothing refused is audited as a change");
    }

    @Test
    void aCheckInOfABackupOlderThanTheLatestVersionsIsRefusedAndANewerOneIsNot() throws Exception {
        commit(run("run-new", 60, RunOutcome.SUCCEEDED, snapshot(repository.store(), "new")), null, true);
        commit(run("run-old", 30, RunOutcome.SUCCEEDED, snapshot(repository.store(), "old")), null, false);
        // The laptop's clock said 90 min, but it was two hours fast: the backup is from T0 - 30 min.
        commit(run("run-fast-clock", 90, RunOutcome.SUCCEEDED, snapshot(repository.store(), "fast")),
                Duration.ofHours(2), false);
        // The laptop's clock said 50 min, but it was 20 minutes slow: the backup is from T0 + 70 min.
        commit(run("run-slow-clock", 50, RunOutcome.SUCCEEDED, snapshot(repository.store(), "slow")),
                Duration.ofMinutes(-20), false);

        String stale = refused(Kind.CONFLICT, () -> repository.checkIn("run-old", "older", "admin")).getMessage();
        assertEquals("run run-old cannot be checked in: the server version is newer: version 1 comes from run run-new,"
                + " backed up at " + T0.plus(Duration.ofMinutes(60)) + ", after this backup ("
                + T0.plus(Duration.ofMinutes(30)) + ", server time); an older backup never replaces a newer version",
                stale);
        assertTrue(refused(Kind.CONFLICT, () -> repository.checkIn("run-fast-clock", "c", "admin")).getMessage()
                .contains("the server version is newer"), "corrected by the clock skew");
        assertEquals(2, repository.checkIn("run-slow-clock", "newer by the server's clock", "admin").number());
    }

    @Test
    void anOlderBackupDoesNotBecomeAnAutomaticVersionAndItsResultSaysWhy() throws Exception {
        commit(run("run-new", 60, RunOutcome.SUCCEEDED, snapshot(repository.store(), "new")), null, true);
        CommitResult old = commit(run("run-old", 30, RunOutcome.SUCCEEDED, snapshot(repository.store(), "old")),
                null, true);
        assertFalse(old.versionCreated());
        assertEquals(1, old.version().number(), "the result names the newer server version");
        assertTrue(old.versionRefusal().startsWith("no automatic version: the server version is newer: version 1"
                + " comes from run run-new"), old.versionRefusal());
        assertEquals(old, repository.committed("run-old").orElseThrow(), "kept with the run");
        assertEquals(old.versionRefusal(), repository.run("run-old").orElseThrow().summary().versionRefusal());
        assertEquals(List.of("AUTO_VERSION tech1 REFUSED job job-plc: run run-old of job job-plc: "
                + old.versionRefusal()),
                changes());

        // The other way: a laptop whose clock was slow uploads a backup that is really newer.
        CommitResult newer = commit(run("run-slow-clock", 50, RunOutcome.SUCCEEDED, snapshot(repository.store(),
                "slow")), Duration.ofMinutes(-20), true);
        assertTrue(newer.versionCreated());
        assertNull(newer.versionRefusal());
        assertEquals(2, newer.version().number());
    }

    @Test
    void aVersionsCommentIsChangedAudited() throws Exception {
        commit(run("run-1", 0, RunOutcome.SUCCEEDED, snapshot(repository.store(), "v1")), null, true);
        AdminVersion changed = repository.commentVersion("plc-1", 1, "approved by quality", "admin");
        assertEquals("approved by quality", changed.comment());
        assertEquals("approved by quality", repository.version("plc-1", 1).orElseThrow().comment());
        assertEquals(List.of("VERSION_COMMENT admin OK component plc-1: version 1: comment 'automatic version from"
                + " run run-1' changed to 'approved by quality'"), changes());
        assertEquals("component plc-1 has no version 2",
                refused(Kind.NOT_FOUND, () -> repository.commentVersion("plc-1", 2, "c", "admin")).getMessage());
        refused(Kind.BAD_REQUEST, () -> repository.commentVersion("plc-1", 1, "", "admin"));
        assertEquals(1, changes().size());
    }
}
