package org.airgap.server.core.internal;

import static org.airgap.server.core.internal.ServerFixtures.T0;
import static org.airgap.server.core.internal.ServerFixtures.settings;
import static org.airgap.server.core.internal.ServerFixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.airgap.model.CompareResult;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.model.Run;
import org.airgap.model.RunOutcome;
import org.airgap.protocol.AdminImport;
import org.airgap.protocol.AdminOverview;
import org.airgap.protocol.CommitResult;
import org.airgap.protocol.OverviewStatus;
import org.airgap.server.core.AdminScope;
import org.airgap.server.core.SnapshotOrigin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The overview and the compare sides from a real H2 file. */
class PlantOverviewsTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");

    @TempDir
    Path dir;
    private H2ServerRepository repository;
    private final ServerFixtures.MovableClock clock = new ServerFixtures.MovableClock(NOW);

    @BeforeEach
    void open() throws Exception {
        repository = H2ServerRepository.open(settings(dir.resolve("data")), clock);
        JobOptions warnAfterAnHour = new JobOptions(1, Duration.ZERO, Duration.ofHours(1), true, List.of(), List.of(),
                List.of());
        repository.importDefinitions(new AdminImport(
                List.of(new Folder("plant", "Plant", null), new Folder("cell-1", "Cell 1", "plant"),
                        new Folder("cell-2", "Cell 2", "plant"), new Folder("cell-3", "Cell 3", "plant")),
                List.of(new Component("plc-1", "PLC", "cell-1", "modbus-tcp", Map.of()),
                        new Component("drive-4", "Drive", "cell-1", "modbus-tcp", Map.of()),
                        new Component("robot-2", "Robot", "cell-2", "ftp", Map.of()),
                        new Component("hmi-3", "HMI", "cell-2", "directory", Map.of())),
                List.of(new Job("job-plc", "plc-1", "PLC", Map.of(), JobOptions.defaults()),
                        new Job("job-drive", "drive-4", "Drive", Map.of(), warnAfterAnHour),
                        new Job("job-robot", "robot-2", "Robot", Map.of(), warnAfterAnHour)),
                List.of()));
        String plcSnapshot = snapshot(repository.store(), "plc v1");
        commit(run("r1", "job-plc", RunOutcome.SUCCEEDED, plcSnapshot, T0), CompareResult.DIFFERENT, true);
        clock.advance(Duration.ofMinutes(1));
        commit(run("r2", "job-plc", RunOutcome.FAILED, null, T0.plusSeconds(600)), CompareResult.NOT_COMPARED, false);
        commit(run("r3", "job-robot", RunOutcome.SUCCEEDED, snapshot(repository.store(), "robot"), T0),
                CompareResult.EQUAL, false);
    }

    @AfterEach
    void close() {
        repository.deactivate();
    }

    @Test
    void statusesRollUpAndTheJobsThatNeedAttentionAreListed() {
        AdminOverview overview = repository.overview(AdminScope.EVERYTHING);
        assertEquals(List.of(folder("cell-1", "Cell 1", "plant", OverviewStatus.ERROR, 2),
                folder("cell-2", "Cell 2", "plant", OverviewStatus.EQUAL, 2),
                folder("cell-3", "Cell 3", "plant", OverviewStatus.NO_JOB, 0),
                folder("plant", "Plant", null, OverviewStatus.ERROR, 4)), overview.folders());
        assertEquals(List.of("drive-4:NOT_COMPARED", "hmi-3:NO_JOB", "plc-1:ERROR", "robot-2:EQUAL"),
                overview.components().stream().map(c -> c.id() + ":" + c.status()).toList());
        assertEquals(Map.of(OverviewStatus.NOT_COMPARED, 1, OverviewStatus.NO_JOB, 1, OverviewStatus.ERROR, 1,
                OverviewStatus.EQUAL, 1), overview.counts());
        assertEquals(T0, overview.components().get(2).latestBackup(), "the failed run made no backup");
        assertEquals(List.of(new AdminOverview.Job("job-drive", "Drive", "drive-4", null, null, null,
                Duration.ofHours(1))), overview.neverRun());
        assertEquals(List.of(new AdminOverview.Job("job-plc", "PLC", "plc-1", T0.plusSeconds(600), RunOutcome.FAILED,
                T0, null)), overview.failedLastRun());
        assertEquals(List.of("job-drive", "job-robot"), overview.staleBackups().stream().map(AdminOverview.Job::id)
                .toList(), "no backup, or one older than the job's warning age");
        assertEquals(List.of(), overview.pendingUploads());
        assertEquals(NOW.plusSeconds(60), overview.time(), "the server's clock, after the last commit");
    }

    @Test
    void aFolderScopedAdministratorSeesOnlyTheirFolders() {
        AdminOverview overview = repository.overview(new AdminScope(Set.of("cell-2")));
        assertEquals(List.of(folder("cell-2", "Cell 2", "plant", OverviewStatus.EQUAL, 2)), overview.folders());
        assertEquals(List.of("hmi-3", "robot-2"), overview.components().stream().map(AdminOverview.Component::id)
                .toList());
        assertEquals(List.of(), overview.failedLastRun());
        assertEquals(List.of("job-robot"), overview.staleBackups().stream().map(AdminOverview.Job::id).toList());
    }

    @Test
    void aPurgedComponentsRunsAreForgottenWhenItsIdsAreUsedAgain() throws Exception {
        assertEquals(List.of("job-plc"), repository.overview(AdminScope.EVERYTHING).failedLastRun().stream()
                .map(AdminOverview.Job::id).toList());
        repository.plant().deleteComponent("admin", "plc-1");
        repository.plant().purgeComponent("admin", "plc-1");
        repository.plant().createComponent("admin", new Component("plc-1", "New PLC", "cell-1", "modbus-tcp", Map.of()));
        repository.plant().createJob("admin", new Job("job-plc", "plc-1", "PLC", Map.of(), JobOptions.defaults()));
        AdminOverview overview = repository.overview(AdminScope.EVERYTHING);
        assertEquals(List.of(), overview.failedLastRun(), "the purged runs of job-plc are gone");
        assertEquals(List.of("job-drive", "job-plc"), overview.neverRun().stream().map(AdminOverview.Job::id)
                .toList());
    }

    @Test
    void aRunRowWithoutOutcomeDoesNotBreakTheOverview() throws Exception {
        repository.read(connection -> Jdbc.update(connection, "UPDATE runs SET outcome = NULL WHERE id = 'r3'"));
        AdminOverview overview = repository.overview(AdminScope.EVERYTHING);
        assertEquals(List.of("job-plc", "job-robot"), overview.failedLastRun().stream().map(AdminOverview.Job::id)
                .toList(), "a last run that did not end as succeeded needs a look");
        assertEquals(4, overview.components().size());
    }

    @Test
    void aRunCommittedAfterAnOverviewShowsInTheNextOne() throws Exception {
        assertEquals(List.of("job-plc"), repository.overview(AdminScope.EVERYTHING).failedLastRun().stream()
                .map(AdminOverview.Job::id).toList());
        clock.advance(Duration.ofMinutes(30));
        commit(run("r4", "job-robot", RunOutcome.CANCELLED, null, T0.plusSeconds(900)), CompareResult.NOT_COMPARED,
                false);
        commit(run("r5", "job-drive", RunOutcome.SUCCEEDED, snapshot(repository.store(), "drive"), NOW),
                CompareResult.NOT_AVAILABLE, true);
        AdminOverview overview = repository.overview(AdminScope.EVERYTHING);
        assertEquals(List.of("job-plc", "job-robot"), overview.failedLastRun().stream().map(AdminOverview.Job::id)
                .toList());
        assertEquals(T0, overview.failedLastRun().get(1).latestBackup(), "the cancelled run made no backup");
        assertEquals(List.of(), overview.neverRun());
        assertEquals(List.of("drive-4:NOT_AVAILABLE", "hmi-3:NO_JOB", "plc-1:ERROR", "robot-2:ERROR"),
                overview.components().stream().map(c -> c.id() + ":" + c.status()).toList());
        assertEquals(overview.components(), repository.overview(AdminScope.EVERYTHING).components(),
                "reading the margin again changes nothing");
    }

    @Test
    void aChangedDefinitionShowsInTheNextOverview() throws Exception {
        repository.overview(AdminScope.EVERYTHING);
        repository.importDefinitions(new AdminImport(List.of(), List.of(new Component("hmi-3", "HMI renamed", "cell-3",
                "directory", Map.of())), List.of(), List.of()));
        AdminOverview overview = repository.overview(AdminScope.EVERYTHING);
        assertEquals(new AdminOverview.Component("hmi-3", "HMI renamed", "cell-3", OverviewStatus.NO_JOB, 0, null),
                overview.components().get(1));
        assertEquals(folder("cell-3", "Cell 3", "plant", OverviewStatus.NO_JOB, 1), overview.folders().get(2));
    }

    @Test
    void versionsAndRunsNameTheirSnapshotJobAndUser() {
        String snapshot = repository.version("plc-1", 1).orElseThrow().snapshotId();
        assertEquals(Optional.of(new SnapshotOrigin("plc-1", snapshot, 1, "r1", "job-plc", NOW, "tech1")),
                repository.versionOrigin("plc-1", 1));
        assertEquals(Optional.empty(), repository.versionOrigin("plc-1", 2));
        assertEquals(Optional.of(new SnapshotOrigin("plc-1", null, null, "r2", "job-plc", T0.plusSeconds(600),
                "tech1")), repository.runOrigin("r2"));
        assertEquals(Optional.empty(), repository.runOrigin("no-such-run"));
    }

    private static AdminOverview.Folder folder(String id, String name, String parent, OverviewStatus status,
            int components) {
        return new AdminOverview.Folder(id, name, parent, status, components);
    }

    private void commit(Run run, CompareResult serverVersion, boolean version) throws Exception {
        repository.commit(run, "tech1", new CommitResult(run.id(), serverVersion, serverVersion, null, false),
                version, null);
    }

    private static Run run(String id, String jobId, RunOutcome outcome, String snapshotId, Instant start) {
        return new Run(id, jobId, start, start.plusSeconds(30), 1, outcome, null, snapshotId,
                CompareResult.NOT_AVAILABLE, CompareResult.NOT_AVAILABLE, List.of());
    }
}
