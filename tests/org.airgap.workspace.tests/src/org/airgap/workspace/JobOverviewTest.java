package org.airgap.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.airgap.model.Baseline;
import org.airgap.model.CompareResult;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.model.Run;
import org.airgap.model.RunOutcome;
import org.airgap.model.Version;
import org.airgap.store.SnapshotWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jobs overview the Jobs view and airgap jobs format: last runs, server-only jobs, age warnings. */
class JobOverviewTest {

    private static final String USER = "tech1";
    private static final JobOptions MONTHLY = new JobOptions(1, Duration.ZERO, Duration.ofDays(30), true, List.of(),
            List.of(), List.of());
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @TempDir
    Path folder;

    private static SyncedData plant(List<Baseline> baselines) {
        return new SyncedData(List.of(new Folder("hall-1", "Hall 1", null)),
                List.of(new Component("plc-7", "Press PLC", "hall-1", "modbus-tcp", Map.of()),
                        new Component("hmi-2", "Press HMI", "hall-1", "ftp", Map.of())),
                List.of(new Job("job-plc-7", "plc-7", "PLC registers", Map.of(), MONTHLY),
                        new Job("job-hmi-2", "hmi-2", "HMI project", Map.of(), JobOptions.defaults()),
                        new Job("job-gone", "gone-1", "Removed device", Map.of(), JobOptions.defaults())),
                baselines);
    }

    @Test
    void eachSyncedJobWithItsLastRunAndUploadStateThenTheJobsOnlyTheServerLists() throws IOException {
        try (Workspace workspace = Workspace.open(folder)) {
            workspace.replaceSynced(plant(List.of()), USER);
            Run older = workspace.finishRun(succeeded(workspace.startRun("job-plc-7", USER), snapshot(workspace, "a")),
                    USER);
            workspace.uploaded(older.id(), USER);
            Run newer = workspace.finishRun(succeeded(workspace.startRun("job-plc-7", USER), snapshot(workspace, "b")),
                    USER);

            List<JobOverview> rows = workspace.overview(List.of(
                    new ServerJob("job-hmi-2", "HMI project", "hmi-2", "Press HMI", "ftp"),
                    new ServerJob("job-robot", "Robot programs", "robot-1", "Robot 1", null)), NOW);

            assertEquals(List.of("job-plc-7", "job-hmi-2", "job-gone", "job-robot"),
                    rows.stream().map(JobOverview::id).toList(), "synced jobs in sync order, then the server's others");
            JobOverview plc = rows.get(0);
            assertEquals(newer, plc.lastRun(), "the newest run");
            assertTrue(plc.uploadPending());
            assertEquals("Press PLC", plc.componentName());
            assertEquals("modbus-tcp", plc.deviceType());
            assertEquals(CompareResult.NOT_AVAILABLE, plc.serverVersionResult());
            assertTrue(plc.synced());

            JobOverview hmi = rows.get(1);
            assertNull(hmi.lastRun());
            assertFalse(hmi.uploadPending());
            assertNull(hmi.serverVersionResult(), "never ran: no result");
            assertNull(hmi.ageWarning(), "the job sets no age limit");

            JobOverview gone = rows.get(2);
            assertNull(gone.componentName(), "component not synced");
            assertNull(gone.deviceType());

            JobOverview robot = rows.get(3);
            assertFalse(robot.synced());
            assertEquals("Robot 1", robot.componentName());
            assertEquals("robot-1", robot.componentId());
            assertNull(robot.lastRun());
            assertNull(robot.ageWarning());

            workspace.uploaded(newer.id(), USER);
            assertFalse(workspace.overview(List.of(), NOW).get(0).uploadPending());
            assertEquals(3, workspace.overview(List.of(), NOW).size(), "without the server's list: synced jobs only");
        }
    }

    @Test
    void theAgeWarningCountsLocalBackupsAndTheServerVersion() throws IOException {
        try (Workspace workspace = Workspace.open(folder)) {
            workspace.replaceSynced(plant(List.of()), USER);
            assertEquals("No backup of this device yet; the job asks for one at least every 30 days. Run it.",
                    workspace.overview(List.of(), NOW).get(0).ageWarning());

            Instant versionTime = NOW.minus(Duration.ofDays(40));
            String versionSnapshot = snapshot(workspace, "v");
            workspace.replaceSynced(plant(List.of(new Baseline("plc-7",
                    new Version("plc-7", 1, versionTime, "admin", "", versionSnapshot), null))), USER);
            JobOverview old = workspace.overview(List.of(), NOW).get(0);
            assertEquals(versionTime, old.lastBackup());
            assertEquals("The last backup is 40 days old (" + local(versionTime) + "); the job asks for one at least "
                    + "every 30 days. Run it.", old.ageWarning());

            Run failed = workspace.startRun("job-plc-7", USER);
            workspace.finishRun(new Run(failed.id(), failed.jobId(), failed.start(), Instant.now(), 1, RunOutcome.FAILED, null,
                    null, CompareResult.NOT_COMPARED, CompareResult.NOT_COMPARED, failed.messages()), USER);
            assertEquals(versionTime, workspace.overview(List.of(), NOW).get(0).lastBackup(),
                    "a failed run is no backup");

            Run backup = workspace.startRun("job-plc-7", USER);
            Run succeeded = workspace.finishRun(succeeded(backup, snapshot(workspace, "c")), USER);
            JobOverview fresh = workspace.overview(List.of(), succeeded.end().plus(Duration.ofDays(29))).get(0);
            assertEquals(succeeded.end(), fresh.lastBackup(), "the newer of the local backup and the version");
            assertNull(fresh.ageWarning());
        }
    }

    @Test
    void aServerBackupOfUnknownTimeGivesNoWarning() {
        Job job = new Job("job-plc-7", "plc-7", "PLC registers", Map.of(), MONTHLY);
        assertNull(JobOverviews.ageWarning(job, null, true, NOW));
        assertEquals("No backup of this device yet; the job asks for one at least every 30 days. Run it.",
                JobOverviews.ageWarning(job, null, false, NOW));
        assertNull(JobOverviews.ageWarning(job, NOW.minus(Duration.ofDays(30)), false, NOW), "exactly the limit");
    }

    @Test
    void agesAreGivenInTheirLargestWholeUnit() {
        assertEquals("1 day", JobOverviews.describe(Duration.ofHours(47)));
        assertEquals("5 hours", JobOverviews.describe(Duration.ofMinutes(5 * 60 + 59)));
        assertEquals("1 minute", JobOverviews.describe(Duration.ofSeconds(20)));
        assertEquals("20 minutes", JobOverviews.describe(Duration.ofMinutes(20)));
    }

    private static String local(Instant time) {
        return LocalDateTime.ofInstant(time, ZoneId.systemDefault()).toString().replace('T', ' ').substring(0, 16);
    }

    private static String snapshot(JobRepository repository, String content) throws IOException {
        try (SnapshotWriter writer = repository.store().newSnapshot()) {
            try (OutputStream out = writer.file("data.txt", NOW)) {
                out.write(content.getBytes(StandardCharsets.UTF_8));
            }
            return writer.commit().id();
        }
    }

    private static Run succeeded(Run running, String snapshotId) {
        return new Run(running.id(), running.jobId(), running.start(), Instant.now(), 1, RunOutcome.SUCCEEDED, null,
                snapshotId, CompareResult.NOT_AVAILABLE, CompareResult.NOT_AVAILABLE, running.messages());
    }
}
