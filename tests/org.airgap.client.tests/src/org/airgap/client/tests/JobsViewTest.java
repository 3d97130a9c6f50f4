package org.airgap.client.tests;

import static org.airgap.client.tests.WorkbenchServices.waitFor;
import static org.airgap.testing.workbench.WorkbenchHarness.testId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.airgap.client.WorkbenchIds;
import org.airgap.client.compare.CompareCommands;
import org.airgap.client.events.WorkbenchEvents;
import org.airgap.driver.api.DriverProgress;
import org.airgap.model.Baseline;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.model.Run;
import org.airgap.model.RunOutcome;
import org.airgap.model.Version;
import org.airgap.runner.JobRunner;
import org.airgap.testing.workbench.WorkbenchHarness;
import org.airgap.workspace.JobRepository;
import org.airgap.workspace.SyncedData;
import org.eclipse.core.runtime.jobs.IJobManager;
import org.eclipse.e4.ui.model.application.commands.MBindingTable;
import org.eclipse.e4.ui.model.application.commands.MKeyBinding;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The technician's Jobs, Components and Run console views in the real workbench, on a workspace synced
 * through the JobRepository service, with jobs run by the real JobRunner and directory driver on folders
 * that play the devices. The tests build on each other, in order, like a technician's session.
 */
@TestMethodOrder(OrderAnnotation.class)
class JobsViewTest {

    private static final String HMI_JOB = "Press 1 HMI project";
    private static final String PLC_JOB = "Press 1 PLC programs";
    private static final String DRIVE_JOB = "Press 1 drive parameters";
    private static final String ROBOT_JOB = "Robot R1 backup";
    private static final String CAMERA_JOB = "Camera C3 configuration";
    private static final String ARCHIVE_JOB = "Line archive (2,000 files)";
    private static final int JOB = 0;
    private static final int COMPONENT = 1;
    private static final int DEVICE_TYPE = 2;
    private static final int LAST_RUN = 3;
    private static final int SERVER = 4;
    private static final int PREVIOUS = 5;

    @TempDir
    static Path temp;
    private static Path cameraFolder;
    private static WorkbenchHarness workbench;
    private static Table jobs;

    @BeforeAll
    static void syncAWorkspaceAndOpenTheWorkbench() throws Exception {
        JobRepository repository = WorkbenchServices.repository();
        System.out.println("JobsViewTest: job repository at " + repository.location());
        Path hmi = device("hmi", Map.of("project.cfg", "speed=1450\n", "recipes/r1.txt", "flour=3\n"));
        Path plc = device("plc", Map.of("main.st", "PROGRAM main\nEND_PROGRAM\n", "blocks/fb1.st", "FB1 v1\n"));
        Path robot = device("robot", Map.of("program.mod", "MODULE main\nENDMODULE\n"));
        cameraFolder = temp.resolve("camera-share-not-mounted");
        Path archive = Files.createDirectories(temp.resolve("archive-share"));
        for (int i = 0; i < 2_000; i++) { // long enough to cancel
            Files.writeString(archive.resolve("log-" + i + ".txt"), "entry " + i + "\n".repeat(i % 50));
        }

        List<Folder> folders = List.of(new Folder("north", "Plant North", null),
                new Folder("press1", "Press line 1", "north"), new Folder("paint", "Paint shop", "north"));
        List<Component> components = List.of(
                new Component("hmi", "Press 1 HMI", "press1", "directory", Map.of("path", hmi.toString())),
                new Component("plc", "Press 1 PLC", "press1", "directory", Map.of("path", plc.toString())),
                new Component("drive", "Press 1 drive", "press1", "modbus-tcp", Map.of("host", "10.0.0.5")),
                new Component("robot", "Paint robot R1", "paint", "directory", Map.of("path", robot.toString())),
                new Component("camera", "Paint camera C3", "paint", "directory",
                        Map.of("path", cameraFolder.toString())),
                new Component("archive", "Line archive PC", "north", "directory", Map.of("path", archive.toString())));
        JobOptions weekly = new JobOptions(1, Duration.ZERO, Duration.ofDays(7), false, List.of(), List.of(), List.of());
        List<Job> jobList = List.of(new Job("job-hmi", "hmi", HMI_JOB, Map.of(), JobOptions.defaults()),
                new Job("job-plc", "plc", PLC_JOB, Map.of(), JobOptions.defaults()),
                new Job("job-drive", "drive", DRIVE_JOB, Map.of(), weekly),
                new Job("job-robot", "robot", ROBOT_JOB, Map.of(), weekly),
                new Job("job-camera", "camera", CAMERA_JOB, Map.of(), JobOptions.defaults()),
                new Job("job-archive", "archive", ARCHIVE_JOB, Map.of(), JobOptions.defaults()));
        repository.replaceSynced(new SyncedData(folders, components, jobList, List.of()), "tester");

        // History: the HMI and PLC were backed up before; the HMI's backup became the server version.
        JobRunner runner = WorkbenchServices.service(JobRunner.class);
        Run hmiBefore = runner.run("job-hmi", "tester", DriverProgress.NONE);
        assertEquals(RunOutcome.SUCCEEDED, hmiBefore.outcome(), hmiBefore.messages().toString());
        Run plcBefore = runner.run("job-plc", "tester", DriverProgress.NONE);
        assertEquals(RunOutcome.SUCCEEDED, plcBefore.outcome(), plcBefore.messages().toString());
        Version accepted = new Version("hmi", 1, Instant.now().minus(Duration.ofDays(3)), "admin", "after commissioning",
                hmiBefore.snapshotId());
        // The drive's version on the server is ten days old, its job wants one every week.
        Version oldDrive = new Version("drive", 4, Instant.now().minus(Duration.ofDays(10)), "admin", "",
                hmiBefore.snapshotId());
        repository.replaceSynced(new SyncedData(folders, components, jobList, List.of(
                new Baseline("hmi", accepted, hmiBefore.snapshotId()), new Baseline("drive", oldDrive, null))),
                "tester");
        Files.writeString(plc.resolve("blocks/fb1.st"), "FB1 v2\n"); // someone changed the PLC since

        workbench = WorkbenchHarness.start("org.airgap.client.product");
        jobs = workbench.find(Table.class, testId("jobs.table"));
        waitFor(workbench, Duration.ofSeconds(20), "the Jobs view to show the 6 synced jobs", () -> rowCount() == 6);
    }

    private static Path device(String name, Map<String, String> files) throws IOException {
        Path root = temp.resolve(name + "-share");
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = root.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        return root;
    }

    @AfterAll
    static void closeWorkbench() {
        if (workbench != null) {
            workbench.close();
        }
    }

    @Test
    @Order(1)
    void jobsViewIsInFrontWithTheSyncedJobsAndTheirLastRuns() {
        MPart part = workbench.ui(() -> (MPart) workbench.mainWindow().getContext().get(EModelService.class)
                .find(WorkbenchIds.PART_JOBS, workbench.application()));
        assertNotNull(part, "Jobs part missing: its fragment.e4xmi was not applied");
        assertEquals(WorkbenchIds.PARTSTACK_MAIN, workbench.ui(() -> part.getParent().getElementId()));
        assertEquals(part, workbench.ui(() -> part.getParent().getSelectedElement()), "Jobs is the stack's first tab");

        assertEquals(List.of(CAMERA_JOB, ARCHIVE_JOB, DRIVE_JOB, HMI_JOB, PLC_JOB, ROBOT_JOB), column(JOB),
                "sorted by job name");
        List<String> hmi = row(HMI_JOB);
        assertEquals("Press 1 HMI", hmi.get(COMPONENT));
        assertEquals("directory", hmi.get(DEVICE_TYPE));
        assertTrue(hmi.get(LAST_RUN).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d"), hmi.get(LAST_RUN));
        assertEquals("Not available", hmi.get(SERVER), "no server version when it last ran");
        assertEquals("Not available", hmi.get(PREVIOUS), "its first backup");
        List<String> robot = row(ROBOT_JOB);
        assertEquals("Never", robot.get(LAST_RUN));
        assertEquals("Not compared", robot.get(SERVER));
        assertEquals("modbus-tcp", row(DRIVE_JOB).get(DEVICE_TYPE));

        // The robot's and the drive's jobs want a weekly backup: the robot has none, the drive's is ten days
        // old. A warning icon each, and the count below.
        assertNotNull(workbench.ui(() -> item(ROBOT_JOB).getImage(LAST_RUN)), "no warning icon on the robot's job");
        assertNotNull(workbench.ui(() -> item(DRIVE_JOB).getImage(LAST_RUN)), "no warning icon on the drive's job");
        assertNull(workbench.ui(() -> item(HMI_JOB).getImage(LAST_RUN)), "the HMI's job has no limit");
        String summary = workbench.ui(() -> workbench.find(Label.class, testId("jobs.summary")).getText());
        assertTrue(summary.startsWith("6 jobs") && summary.contains("2 jobs need a backup"), summary);
        workbench.screenshot("jobs-view");
    }

    @Test
    @Order(2)
    void theFilterMatchesJobComponentAndDeviceType() {
        Text filter = workbench.find(Text.class, testId("jobs.filter"));
        workbench.run(() -> filter.setText("robot"));
        assertEquals(List.of(ROBOT_JOB), column(JOB), "by job name");
        workbench.run(() -> filter.setText("CAMERA c3"));
        assertEquals(List.of(CAMERA_JOB), column(JOB), "by component, ignoring case");
        workbench.run(() -> filter.setText("modbus"));
        assertEquals(List.of(DRIVE_JOB), column(JOB), "by device type");
        workbench.run(() -> filter.setText("press 1"));
        assertEquals(List.of(DRIVE_JOB, HMI_JOB, PLC_JOB), column(JOB));
        String summary = workbench.ui(() -> workbench.find(Label.class, testId("jobs.summary")).getText());
        assertTrue(summary.startsWith("3 of 6 jobs shown"), summary);
        workbench.screenshot("jobs-filtered");
        workbench.run(() -> filter.setText(""));
        assertEquals(6, rowCount());
    }

    @Test
    @Order(3)
    void clickingAColumnHeaderSortsByItAndClickingAgainReverses() {
        clickHeader(COMPONENT);
        assertEquals(List.of("Line archive PC", "Paint camera C3", "Paint robot R1", "Press 1 drive", "Press 1 HMI",
                "Press 1 PLC"),
                column(COMPONENT));
        assertEquals(SWT.UP, workbench.ui(jobs::getSortDirection));
        clickHeader(COMPONENT);
        assertEquals(List.of("Press 1 PLC", "Press 1 HMI", "Press 1 drive", "Paint robot R1", "Paint camera C3",
                "Line archive PC"),
                column(COMPONENT));
        assertEquals(SWT.DOWN, workbench.ui(jobs::getSortDirection));
        clickHeader(LAST_RUN); // never run first, then by time
        assertEquals(List.of("Never", "Never", "Never"), column(LAST_RUN).subList(0, 3));
        clickHeader(JOB);
        assertEquals(List.of(CAMERA_JOB, ARCHIVE_JOB, DRIVE_JOB, HMI_JOB, PLC_JOB, ROBOT_JOB), column(JOB));
    }

    @Test
    @Order(4)
    void choosingAFolderInComponentsShowsOnlyItsJobsUntilShowAll() {
        Tree tree = workbench.find(Tree.class, testId("components.tree"));
        List<String> top = workbench.ui(() -> Arrays.stream(tree.getItems()).map(TreeItem::getText).toList());
        assertEquals(List.of("All components  6"), top);
        selectTreeItem(tree, "Paint shop");
        waitFor(workbench, Duration.ofSeconds(10), "the Jobs view to show the paint shop's jobs", () -> rowCount() == 2);
        assertEquals(List.of(CAMERA_JOB, ROBOT_JOB), column(JOB));
        assertEquals("Only Paint shop", workbench.ui(() -> workbench.find(Label.class, testId("jobs.scope")).getText()));
        workbench.screenshot("components-scope-paint-shop");

        selectTreeItem(tree, "Press 1 PLC");
        waitFor(workbench, Duration.ofSeconds(10), "the Jobs view to show the PLC's job", () -> column(JOB).equals(List.of(PLC_JOB)));

        Button showAll = workbench.find(Button.class, testId("jobs.showall"));
        workbench.run(() -> showAll.notifyListeners(SWT.Selection, new Event()));
        waitFor(workbench, Duration.ofSeconds(10), "all jobs again", () -> rowCount() == 6);
        waitFor(workbench, Duration.ofSeconds(10), "All components chosen in the tree", () -> workbench.ui(() -> tree.getSelectionCount() == 1
                && tree.getSelection()[0].getText().startsWith("All components")));
        selectTreeItem(tree, "Press line 1");
        waitFor(workbench, Duration.ofSeconds(10), "the press line's jobs", () -> rowCount() == 3);
        selectTreeItem(tree, "All components");
        waitFor(workbench, Duration.ofSeconds(10), "all jobs after choosing All components", () -> rowCount() == 6);
        assertEquals("All components", workbench.ui(() -> workbench.find(Label.class, testId("jobs.scope")).getText()));
    }

    @Test
    @Order(5)
    void selectingAJobSelectsItsComponentInTheTree() {
        Tree tree = workbench.find(Tree.class, testId("components.tree"));
        select(ROBOT_JOB);
        waitFor(workbench, Duration.ofSeconds(10), "the robot selected in the component tree", () -> workbench.ui(
                () -> tree.getSelectionCount() == 1 && tree.getSelection()[0].getText().startsWith("Paint robot R1")));
        assertEquals(6, rowCount(), "following the Jobs view must not narrow it");
    }

    @Test
    @Order(6)
    void executingTwoSelectedJobsRunsThemInTheBackgroundAndShowsResultsAndLog() throws Exception {
        select(HMI_JOB, ROBOT_JOB);
        assertTrue(workbench.ui(() -> workbench.find(Button.class, testId("jobs.execute")).isEnabled()));
        workbench.executeCommand(WorkbenchIds.COMMAND_EXECUTE_JOBS);
        Table runs = workbench.find(Table.class, testId("console.runs"));
        waitFor(workbench, Duration.ofSeconds(20), "two runs in the console", () -> workbench.ui(runs::getItemCount) == 2);
        waitForRuns();
        waitFor(workbench, Duration.ofSeconds(20), "the results of the two runs in the Jobs view",
                () -> row(HMI_JOB).get(SERVER).equals("Equal") && !row(ROBOT_JOB).get(LAST_RUN).equals("Never"));

        List<String> hmi = row(HMI_JOB);
        assertEquals("Equal", hmi.get(SERVER), "unchanged since the version the server accepted");
        assertEquals("Equal", hmi.get(PREVIOUS));
        List<String> robot = row(ROBOT_JOB);
        assertEquals("Not available", robot.get(SERVER), "the robot has no version on the server");
        assertEquals("Not available", robot.get(PREVIOUS), "and no earlier backup");
        assertNull(workbench.ui(() -> item(ROBOT_JOB).getImage(LAST_RUN)), "the backup is new: no warning");
        assertEquals(List.of("Succeeded", "Succeeded"), workbench.ui(() -> Arrays.stream(runs.getItems())
                .map(i -> i.getText(1)).toList()));
        workbench.screenshot("jobs-after-run");

        showConsoleRun(runs, HMI_JOB);
        String status = workbench.ui(() -> workbench.find(Label.class, testId("console.status")).getText());
        assertTrue(status.startsWith("Succeeded \u00b7 1 attempt of 1 allowed, no retries"), status);
        assertTrue(status.contains("Server version \u2194 Backup: Equal"), status);
        List<List<String>> log = consoleLog();
        assertTrue(log.stream().anyMatch(l -> l.get(1).equals("Info") && l.get(2).startsWith("Backing up Press 1 HMI")),
                log.toString());
        assertTrue(log.stream().anyMatch(l -> l.get(2).equals("Compared with the server version: Equal.")),
                log.toString());
        assertTrue(log.stream().anyMatch(l -> l.get(2).startsWith("Found 2 files")), "the driver's own lines: " + log);
        String progress = workbench.ui(() -> workbench.find(Label.class, testId("console.progresstext")).getText());
        assertTrue(progress.matches("\\d+ items \u00b7 \\d+ B of \\d+ B"), progress);
        assertFalse(workbench.ui(() -> workbench.find(Button.class, testId("console.cancel")).isEnabled()));
        assertFalse(workbench.ui(() -> workbench.find(Label.class, testId("console.failure")).isVisible()));
        workbench.screenshot("run-console-succeeded");
    }

    @Test
    @Order(7)
    void enterInTheTableRunsTheSelectedJobAndAChangedDeviceIsDifferent() throws Exception {
        select(PLC_JOB);
        // Enter: the handler schedules the run before this returns, so waiting for the family sees it.
        workbench.run(() -> jobs.notifyListeners(SWT.DefaultSelection, new Event()));
        waitForRuns();
        waitFor(workbench, Duration.ofSeconds(20), "the PLC's result", () -> row(PLC_JOB).get(PREVIOUS).equals("Different"));
        assertEquals("Not available", row(PLC_JOB).get(SERVER));

        // The changed PLC: its compare with the previous backup opens from the Jobs view.
        select(PLC_JOB);
        WorkbenchServices.execute(workbench, "org.airgap.client.jobs.command.compare",
                Map.of("org.airgap.client.jobs.command.compare.basis", CompareCommands.BASIS_PREVIOUS));
        waitFor(workbench, Duration.ofSeconds(20), "the Compare view in front", () -> workbench.ui(() -> {
            MPart compare = (MPart) workbench.mainWindow().getContext().get(EModelService.class)
                    .find(CompareCommands.PART, workbench.application());
            return compare != null && compare.getParent().getSelectedElement() == compare;
        }));
        workbench.screenshot("jobs-compare-previous-backup");
        workbench.showPart(WorkbenchIds.PART_JOBS);
    }

    @Test
    @Order(8)
    void aJobWhoseDeviceFolderIsMissingFailsWithTheReasonInTheConsole() throws Exception {
        Table runs = execute(CAMERA_JOB);
        waitFor(workbench, Duration.ofSeconds(20), "the camera's run in the console", () -> workbench.ui(
                () -> Arrays.stream(runs.getItems()).anyMatch(i -> i.getText(0).equals(CAMERA_JOB))));
        waitForRuns();
        waitFor(workbench, Duration.ofSeconds(20), "the camera's run to end", () -> workbench.ui(() -> runs.getItem(0).getText(1))
                .equals("Failed"));
        showConsoleRun(runs, CAMERA_JOB);
        Label failure = workbench.find(Label.class, testId("console.failure"));
        assertTrue(workbench.ui(failure::isVisible), "the reason is shown");
        String reason = workbench.ui(failure::getText);
        assertTrue(reason.startsWith("Backup failed: ") && reason.contains(cameraFolder.toString())
                && reason.contains("does not exist") && reason.contains("mounted"), reason);
        assertTrue(consoleLog().stream().anyMatch(l -> l.get(1).equals("Error")), consoleLog().toString());
        waitFor(workbench, Duration.ofSeconds(20), "the camera's Error results", () -> row(CAMERA_JOB).get(SERVER).equals("Error"));
        assertTrue(row(CAMERA_JOB).get(LAST_RUN).endsWith("failed"), row(CAMERA_JOB).toString());
        select(CAMERA_JOB);
        workbench.screenshot("run-console-failed");
    }

    @Test
    @Order(9)
    void theCommandHasAKeyBindingAMenuItemAndAContextMenu() {
        List<String> keys = workbench.ui(() -> workbench.application().getBindingTables().stream()
                .filter(t -> t.getElementId().equals(WorkbenchIds.BINDINGS_WINDOW))
                .map(MBindingTable::getBindings).flatMap(List::stream)
                .filter(b -> b.getCommand().getElementId().equals(WorkbenchIds.COMMAND_EXECUTE_JOBS))
                .map(MKeyBinding::getKeySequence).toList());
        assertEquals(List.of("M1+R"), keys);
        List<String> items = workbench.ui(() -> {
            Menu bar = workbench.mainShell().orElseThrow().getMenuBar();
            MenuItem jobsMenu = Arrays.stream(bar.getItems()).filter(i -> i.getText().equals("&Jobs")).findFirst()
                    .orElseThrow(() -> new AssertionError("no Jobs menu"));
            jobsMenu.getMenu().notifyListeners(SWT.Show, null);
            return Arrays.stream(jobsMenu.getMenu().getItems()).map(MenuItem::getText).toList();
        });
        assertTrue(items.stream().anyMatch(t -> t.startsWith("&Execute Selected Jobs Once")), items.toString());
        assertNotNull(workbench.ui(jobs::getMenu), "no context menu on the jobs table");
    }

    @Test
    @Order(10)
    void cancelInTheConsoleStopsARunningBackup() throws Exception {
        Table runs = execute(ARCHIVE_JOB);
        waitFor(workbench, Duration.ofSeconds(20), "the archive's run in the console", () -> workbench.ui(
                () -> runs.getItem(0).getText(0).equals(ARCHIVE_JOB)));
        Button cancel = workbench.find(Button.class, testId("console.cancel"));
        assertTrue(workbench.ui(cancel::isEnabled), "Cancel is offered while the run goes on");
        workbench.screenshot("run-console-running");
        workbench.run(() -> cancel.notifyListeners(SWT.Selection, new Event()));
        waitForRuns();
        waitFor(workbench, Duration.ofSeconds(20), "the run to end as cancelled", () -> workbench.ui(() -> runs.getItem(0).getText(1))
                .equals("Cancelled"));
        assertFalse(workbench.ui(cancel::isEnabled));
        waitFor(workbench, Duration.ofSeconds(20), "the cancelled run in the Jobs view",
                () -> row(ARCHIVE_JOB).get(LAST_RUN).endsWith("cancelled"));
    }

    @Test
    @Order(11)
    void everyViewIsReachableByKeyAndFromTheWindowMenu() {
        List<String> keys = workbench.ui(() -> workbench.application().getBindingTables().stream()
                .flatMap(t -> t.getBindings().stream())
                .filter(b -> b.getCommand().getElementId().equals(WorkbenchIds.COMMAND_SHOW_PART))
                .map(b -> b.getKeySequence() + "=" + b.getParameters().get(0).getValue()).sorted().toList());
        assertEquals(List.of("M3+1=" + WorkbenchIds.PART_COMPONENTS, "M3+2=" + WorkbenchIds.PART_JOBS,
                "M3+3=" + WorkbenchIds.PART_RUN_CONSOLE), keys);
        List<String> window = workbench.ui(() -> {
            MenuItem windowMenu = Arrays.stream(workbench.mainShell().orElseThrow().getMenuBar().getItems())
                    .filter(i -> i.getText().equals("&Window")).findFirst().orElseThrow();
            windowMenu.getMenu().notifyListeners(SWT.Show, null);
            return Arrays.stream(windowMenu.getMenu().getItems()).map(MenuItem::getText).sorted().toList();
        });
        for (String view : List.of("&Components", "&Jobs", "&Run Console")) {
            assertTrue(window.stream().anyMatch(item -> item.startsWith(view)), view + " not in " + window);
        }

        showByCommand(WorkbenchIds.PART_RUN_CONSOLE);
        assertEquals(WorkbenchIds.PART_RUN_CONSOLE, activePart());
        showByCommand(WorkbenchIds.PART_COMPONENTS);
        assertEquals(WorkbenchIds.PART_COMPONENTS, activePart());
        assertTrue(workbench.ui(() -> workbench.display().getFocusControl() == workbench.find(Tree.class,
                testId("components.tree"))), "Alt+1 puts the keyboard in the component tree");
        showByCommand(WorkbenchIds.PART_JOBS);
        assertEquals(WorkbenchIds.PART_JOBS, activePart());
        assertEquals(jobs, workbench.ui(() -> workbench.display().getFocusControl()), "Alt+2: the jobs table");
    }

    // ---- helpers

    /** Runs Window > (view) as its key binding does. */
    private static void showByCommand(String partId) {
        workbench.run(() -> {
            var context = workbench.mainWindow().getContext();
            var command = context.get(org.eclipse.e4.core.commands.ECommandService.class).createCommand(
                    WorkbenchIds.COMMAND_SHOW_PART, Map.of(WorkbenchIds.COMMAND_SHOW_PART_ID, partId));
            context.get(org.eclipse.e4.core.commands.EHandlerService.class).executeHandler(command);
        });
        workbench.settle();
    }

    private static String activePart() {
        return workbench.ui(() -> {
            MPart active = workbench.mainWindow().getContext().get(org.eclipse.e4.ui.workbench.modeling.EPartService.class)
                    .getActivePart();
            return active == null ? null : active.getElementId();
        });
    }

    private static void waitForRuns() throws InterruptedException {
        IJobManager manager = org.eclipse.core.runtime.jobs.Job.getJobManager();
        manager.join(WorkbenchEvents.RUN_JOB_FAMILY, null);
        workbench.settle();
    }

    private static int rowCount() {
        workbench.settle();
        return workbench.ui(jobs::getItemCount);
    }

    /** The shown rows' cells (reading a virtual table's item makes it). */
    private static List<List<String>> rows() {
        return JobsTable.rows(workbench, jobs);
    }

    private static List<String> column(int column) {
        return rows().stream().map(r -> r.get(column)).toList();
    }

    private static List<String> row(String jobName) {
        return job(jobName).orElseThrow(() -> new AssertionError("no row for " + jobName + " in " + rows()));
    }

    private static java.util.Optional<List<String>> job(String jobName) {
        return rows().stream().filter(r -> r.get(JOB).equals(jobName)).findFirst();
    }

    private static TableItem item(String jobName) {
        return Arrays.stream(jobs.getItems()).filter(i -> i.getText(JOB).equals(jobName)).findFirst().orElseThrow();
    }

    /** Selects these jobs as a click and Ctrl+clicks would. */
    /** Runs the jobs by Execute Selected Jobs Once; the console's table of runs. */
    private static Table execute(String... jobNames) {
        select(jobNames);
        workbench.executeCommand(WorkbenchIds.COMMAND_EXECUTE_JOBS);
        return workbench.find(Table.class, testId("console.runs"));
    }

    private static void select(String... jobNames) {
        JobsTable.select(workbench, jobs, jobNames);
    }

    private static void clickHeader(int column) {
        workbench.run(() -> jobs.getColumn(column).notifyListeners(SWT.Selection, new Event()));
        workbench.settle();
    }

    private static void selectTreeItem(Tree tree, String label) {
        workbench.run(() -> {
            TreeItem item = find(tree.getItems(), label);
            tree.setSelection(item);
            Event event = new Event();
            event.item = item;
            tree.notifyListeners(SWT.Selection, event);
        });
        workbench.settle();
    }

    private static TreeItem find(TreeItem[] items, String label) {
        for (TreeItem item : items) {
            if (item.getText().startsWith(label + "  ")) {
                return item;
            }
            TreeItem inside = item.getItemCount() > 0 ? findOrNull(item.getItems(), label) : null;
            if (inside != null) {
                return inside;
            }
        }
        throw new AssertionError("no tree item " + label);
    }

    private static TreeItem findOrNull(TreeItem[] items, String label) {
        try {
            return find(items, label);
        } catch (AssertionError e) {
            return null;
        }
    }

    private static void showConsoleRun(Table runs, String jobName) {
        workbench.run(() -> {
            TableItem item = Arrays.stream(runs.getItems()).filter(i -> i.getText(0).equals(jobName)).findFirst()
                    .orElseThrow();
            runs.setSelection(item);
            Event event = new Event();
            event.item = item;
            runs.notifyListeners(SWT.Selection, event);
        });
        workbench.settle();
    }

    private static List<List<String>> consoleLog() {
        Table log = workbench.find(Table.class, testId("console.log"));
        return workbench.ui(() -> Arrays.stream(log.getItems())
                .map(i -> List.of(i.getText(0), i.getText(1), i.getText(2))).toList());
    }
}
