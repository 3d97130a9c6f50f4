package org.airgap.client.tests;

import static org.airgap.client.tests.WorkbenchServices.paintedScreenshot;
import static org.airgap.client.tests.WorkbenchServices.service;
import static org.airgap.client.tests.WorkbenchServices.waitUntil;
import static org.airgap.testing.workbench.WorkbenchHarness.testId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.airgap.client.WorkbenchIds;
import org.airgap.client.compare.CompareCommands;
import org.airgap.client.events.WorkbenchEvents;
import org.airgap.demo.DemoPlant;
import org.airgap.model.Run;
import org.airgap.model.Version;
import org.airgap.protocol.Role;
import org.airgap.server.core.ServerRepository;
import org.airgap.session.SessionService;
import org.airgap.testing.workbench.WorkbenchHarness;
import org.airgap.workspace.JobRepository;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
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

/**
 * A technician's whole session, scripted through the real workbench: the demo plant's simulated PLC
 * (Modbus TCP), robot controller (FTP) and filling machine (OPC UA) run in the test runtime, the real
 * server (core on H2, HTTP API on Jetty) defines their four jobs for a technician; in the workbench the
 * technician logs in through the dialog, syncs, runs the jobs, uploads, changes the devices, syncs and runs
 * again, reads the changed line and register in the Compare view, and uploads the second versions. The screenshots of each step
 * (target/screenshots/session-*.png) are the README's pictures. The steps build on each other, in order.
 */
@TestMethodOrder(OrderAnnotation.class)
class TechnicianSessionTest {

    private static final String TECHNICIAN = "tom";
    private static final String PASSWORD = "press line 1 on Tuesday";
    private static final String PLC_JOB = "PLC 1 holding registers";
    private static final String ROBOT_JOB = "Robot 1 programs and configuration";
    private static final String FILLER_JOB = "Filler 1 OPC UA variables";
    private static final String PRESS_JOB = "Press PLC S7 memory";
    /** The plant's jobs as the Jobs view lists them, by name. */
    private static final List<String> PLANT_JOBS = List.of(FILLER_JOB, PLC_JOB, PRESS_JOB, ROBOT_JOB);
    private static final String CHANGED_PROGRAM = "programs/WELD_SEAM.mod";
    private static final String OLD_LINE = "ArcLEnd pSeamEnd, v12, seam1, weld1, fine, torch;";
    private static final String NEW_LINE = "ArcLEnd pSeamEnd, v14, seam1, weld1, fine, torch;";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final int JOB = 0;
    private static final int SERVER = 4;
    private static final int PREVIOUS = 5;
    /** The family of the Uploads view's sync Jobs (UploadActivity.FAMILY, internal to its bundle). */
    private static final String SYNC_FAMILY = "org.airgap.client.uploads.sync";

    private static Path temp;
    private static DemoPlant plant;
    private static AirgapTestServer server;
    private static ServerRepository serverRepository;
    private static JobRepository repository;
    private static SessionService sessions;
    private static WorkbenchHarness workbench;
    private static Table jobs;
    private static Shell login;

    @BeforeAll
    static void startThePlantTheServerAndTheWorkbench() throws Exception {
        temp = Files.createTempDirectory("airgap-technician-session");
        plant = DemoPlant.start(temp.resolve("plant"), 0, 0, 0, 0);
        server = AirgapTestServer.start(temp.resolve("server"), Duration.ofMinutes(30));
        serverRepository = service(ServerRepository.class);
        serverRepository.addUser(TECHNICIAN, Role.TECHNICIAN, PASSWORD.toCharArray());
        serverRepository.importDefinitions(plant.definitions(TECHNICIAN));

        // A laptop fresh for this technician: the runs other test classes leave queued are not this server's.
        repository = WorkbenchServices.useWorkspace(temp.resolve("workspace"));
        sessions = service(SessionService.class);
        sessions.logout();
        workbench = WorkbenchServices.startAtTheLoginDialog(WAIT);
        login = workbench.waitForShell(WorkbenchServices.LOGIN_TITLE, WAIT);
        // The whole screen for the window, as on a technician's laptop: the screenshots show it all.
        workbench.run(() -> workbench.mainShell().orElseThrow().setBounds(workbench.display().getBounds()));
    }

    @AfterAll
    static void stopEverything() throws Exception {
        try {
            WorkbenchServices.logOutAndClose(sessions, workbench);
        } finally {
            try {
                if (server != null) {
                    server.close();
                }
            } finally {
                if (plant != null) {
                    plant.close();
                }
            }
        }
    }

    @Test
    @Order(1)
    void logInOnlineThroughTheDialog() {
        workbench.run(() -> {
            // Opened before the window took the whole screen: centred again, where it opens on a laptop.
            var screen = workbench.display().getBounds();
            var size = login.getSize();
            login.setLocation((screen.width - size.x) / 2, (screen.height - size.y) / 3);
            field(login, "login.server").setText(server.uri().toString());
            field(login, "login.user").setText(TECHNICIAN);
            field(login, "login.password").setText(PASSWORD);
        });
        paintedScreenshot(workbench, "session-0-login");
        Button logIn = workbench.find(Button.class, b -> b.getShell() == login && testId("login.ok").test(b));
        waitUntil(workbench, WAIT, "the Log in button to be enabled", logIn::isEnabled);
        workbench.press(login, "&Log in");
        waitUntil(workbench, WAIT, "the login dialog to close", login::isDisposed);
        waitUntil(workbench, WAIT, "the session indicator to show " + TECHNICIAN,
                () -> indicator().startsWith(TECHNICIAN + " (technician) \u00b7 online at 127.0.0.1:"));

        // Before the first sync the Jobs view shows what the server has for the technician: greyed, not runnable.
        jobs = workbench.find(Table.class, testId("jobs.table"));
        waitUntil(workbench, WAIT, "the server's four jobs in the Jobs view",
                () -> PLANT_JOBS.stream().noneMatch(job -> cell(job, JOB).isEmpty()));
        selectThePlantsJobs();
        assertTrue(label("jobs.summary").contains("4 only on the server (greyed): sync to run them"),
                label("jobs.summary"));
        assertEquals(List.of("PLC 1", "modbus-tcp", "Never"), row(PLC_JOB).subList(1, 4));
        assertTrue(workbench.ui(() -> !workbench.find(Button.class, testId("jobs.execute")).isEnabled()),
                "jobs only on the server cannot run");
        assertEquals(workbench.ui(() -> workbench.display().getSystemColor(SWT.COLOR_DARK_GRAY).getRGB()),
                workbench.ui(() -> item(ROBOT_JOB).getForeground(JOB).getRGB()), "greyed");
        paintedScreenshot(workbench, "session-1-server-jobs");
    }

    @Test
    @Order(2)
    void syncBringsTheFourJobsOfThePlant() throws Exception {
        sync();
        assertTrue(uploadsStatus().startsWith("Synced: 4 jobs, nothing to upload"), uploadsStatus());
        workbench.showPart(WorkbenchIds.PART_JOBS);
        waitUntil(workbench, WAIT, "the Jobs view to list the plant's four jobs, synced",
                () -> column(JOB).equals(PLANT_JOBS) && !label("jobs.summary").contains("server"));
        assertTrue(workbench.ui(() -> workbench.find(Button.class, testId("jobs.execute")).isEnabled()),
                "synced jobs can run: " + label("jobs.summary"));
        assertEquals(List.of("PLC 1", "modbus-tcp", "Never", "Not compared"),
                List.of(row(PLC_JOB).get(1), row(PLC_JOB).get(2), row(PLC_JOB).get(3), row(PLC_JOB).get(SERVER)));
        assertEquals(List.of("Filler 1", "opcua"), row(FILLER_JOB).subList(1, 3));
        assertEquals(List.of("Press PLC", "siemens-s7"), row(PRESS_JOB).subList(1, 3));
        paintedScreenshot(workbench, "session-2-jobs-after-sync");
    }

    @Test
    @Order(3)
    void runningTheJobsBacksUpThePlantWithNothingOnTheServerYet() throws Exception {
        runThePlantsJobs("Not available"); // no version on the server yet
        for (String job : PLANT_JOBS) {
            assertEquals("Not available", row(job).get(PREVIOUS), "no earlier backup: " + row(job));
        }
        showConsoleRun(ROBOT_JOB);
        String status = label("console.status");
        assertTrue(status.startsWith("Succeeded"), status);
        assertTrue(consoleLog().stream().anyMatch(line -> line.startsWith("Downloaded 4 files")),
                "the FTP driver's own lines: " + consoleLog());
        paintedScreenshot(workbench, "session-3-run-console");
    }

    @Test
    @Order(4)
    void syncUploadsTheRunsAndTheServerMakesVersionOne() throws Exception {
        syncAndAssertTheRunsBecame("version 1 created", List.of(1));
        assertTrue(repository.pendingUploads().isEmpty(), "the runs left the upload queue");
    }

    @Test
    @Order(5)
    void onSiteChangesToTheDevicesShowAsDifferentAfterTheNextRun() throws Exception {
        // The technician's colleagues changed a register of the PLC, the weld speed in a robot program, the
        // filler's speed and the press's shift counter (DB2:16, a DINT: 17 -> 18).
        Path registers = plant.registersFile();
        String before = Files.readString(registers);
        assertTrue(before.contains("\n7 = 359\n"), "the demo PLC's register 7");
        Files.writeString(registers, before.replace("\n7 = 359\n", "\n7 = 360\n"));
        // The PLC re-reads its file when the modification time changes; make sure it does on any clock.
        Files.setLastModifiedTime(registers, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        Path program = plant.robotFolder().resolve(CHANGED_PROGRAM);
        Files.writeString(program, Files.readString(program).replace(OLD_LINE, NEW_LINE));
        Path filler = plant.fillerFile();
        String fillerBefore = Files.readString(filler);
        assertTrue(fillerBefore.contains("\nSpeed = 12.5\n"), "the demo filler's speed");
        Files.writeString(filler, fillerBefore.replace("\nSpeed = 12.5\n", "\nSpeed = 13.5\n"));
        Files.setLastModifiedTime(filler, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        Path press = plant.pressFile();
        String pressBefore = Files.readString(press);
        assertTrue(pressBefore.contains("\nDB2.16 = 00 00 00 11 "), "the demo press's shift counter");
        Files.writeString(press, pressBefore.replace("\nDB2.16 = 00 00 00 11 ", "\nDB2.16 = 00 00 00 12 "));
        Files.setLastModifiedTime(press, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        Thread.sleep(1_500); // the PLCs and the filler re-read every 500 ms

        sync(); // brings version 1 as the basis to compare with on site
        assertTrue(uploadsStatus().startsWith("Synced: 4 jobs, nothing to upload"), uploadsStatus());
        runThePlantsJobs("Different"); // changed since version 1
        for (String job : PLANT_JOBS) {
            assertEquals("Different", row(job).get(PREVIOUS), "changed since the first run: " + row(job));
        }
        paintedScreenshot(workbench, "session-4-jobs-different");
    }

    @Test
    @Order(6)
    void theCompareOfTheRobotShowsTheChangedLine() throws Exception {
        openTheOneChange(DemoPlant.ROBOT_JOB, CHANGED_PROGRAM);
        StyledText left = workbench.find(StyledText.class, testId("compare.text.left"));
        StyledText right = workbench.find(StyledText.class, testId("compare.text.right"));
        waitUntil(workbench, WAIT, "the text diff of " + CHANGED_PROGRAM,
                () -> right.isVisible() && right.getText().contains(NEW_LINE));
        int line = workbench.ui(() -> IntStream.range(0, right.getLineCount())
                .filter(i -> right.getLine(i).contains("ArcLEnd")).findFirst().orElse(-1));
        assertEquals(NEW_LINE, workbench.ui(() -> right.getLine(line)).strip(), "the backup: the line as it is now");
        assertEquals(OLD_LINE, workbench.ui(() -> left.getLine(line)).strip(), "version 1, side by side");
        assertNotNull(workbench.ui(() -> right.getLineBackground(line)), "the changed line is highlighted");
        paintedScreenshot(workbench, "session-5-compare-text");
    }

    @Test
    @Order(7)
    void theCompareOfThePlcShowsTheChangedRegister() throws Exception {
        openTheOneChange(DemoPlant.PLC_JOB, "holding-registers.table");
        Table table = workbench.find(Table.class, testId("compare.table"));
        waitUntil(workbench, WAIT, "the register table diff", () -> table.isVisible() && table.getItemCount() > 0);
        List<List<String>> rows = workbench.ui(() -> Arrays.stream(table.getItems())
                .map(item -> List.of(item.getText(0), item.getText(2), item.getText(3), item.getText(4))).toList());
        assertEquals(List.of(List.of("00007", "359", "360", "Changed")), rows);
        paintedScreenshot(workbench, "session-6-compare-table");
    }

    @Test
    @Order(8)
    void theLastSyncUploadsTheChangesAsVersionTwo() throws Exception {
        syncAndAssertTheRunsBecame("version 2 created \u00b7 server version \u2194 backup: Different", List.of(1, 2));
        workbench.showPart(WorkbenchIds.PART_JOBS);
        workbench.showPart(WorkbenchIds.PART_UPLOADS);
        paintedScreenshot(workbench, "session-7-uploads-done");
    }

    // ---- steps

    /** Compares the job's last run with its version 1, which differ in one changed file; selects that file. */
    private static void openTheOneChange(String job, String path) throws Exception {
        openCompare(lastRun(job));
        assertTrue(label("compare.summary").startsWith("Different: 1 changed"), label("compare.summary"));
        selectInCompareTree(path);
    }

    /**
     * Syncs; the four runs are uploaded, each Uploads row says {@code created} (at its start), and the
     * four components have the versions {@code versions} on the server.
     */
    private static void syncAndAssertTheRunsBecame(String created, List<Integer> versions) throws Exception {
        sync();
        assertTrue(uploadsStatus().startsWith("Synced: 4 jobs, 4 runs uploaded, 4 new versions"), uploadsStatus());
        List<List<String>> uploads = uploadRows();
        assertEquals(4, uploads.size(), uploads.toString());
        for (List<String> upload : uploads) {
            assertEquals("Done", upload.get(0), upload.toString());
            assertTrue(upload.get(4).startsWith(created), upload.toString());
        }
        assertEquals(versions, versionNumbers("plc1"));
        assertEquals(versions, versionNumbers("robot1"));
        assertEquals(versions, versionNumbers("filler1"));
        assertEquals(versions, versionNumbers("press1"));
    }

    /** File > Sync as the technician starts it; waits for its Eclipse Job and the Uploads view's outcome. */
    private static void sync() throws InterruptedException {
        workbench.executeCommand(WorkbenchIds.COMMAND_SYNC);
        workbench.settle(); // the handler has run: the sync's Job is scheduled
        org.eclipse.core.runtime.jobs.Job.getJobManager().join(SYNC_FAMILY, null);
        waitUntil(workbench, WAIT, "the Uploads view to show the end of the sync", () -> {
            Button sync = workbench.find(Button.class, testId("uploads.sync"));
            return sync.isEnabled() && !workbench.find(Label.class, testId("uploads.status")).getText().isEmpty();
        });
    }

    /**
     * Selects the plant's jobs as a click and Ctrl+clicks would, runs them (Execute selected jobs once), and
     * waits until the Jobs view shows {@code serverResult} for each.
     */
    private static void runThePlantsJobs(String serverResult) throws InterruptedException {
        workbench.showPart(WorkbenchIds.PART_JOBS);
        selectThePlantsJobs();
        workbench.executeCommand(WorkbenchIds.COMMAND_EXECUTE_JOBS);
        workbench.settle(); // the handler has run: the backups are scheduled
        org.eclipse.core.runtime.jobs.Job.getJobManager().join(WorkbenchEvents.RUN_JOB_FAMILY, null);
        try {
            waitUntil(workbench, WAIT, "the jobs' result " + serverResult + " in the Jobs view",
                    () -> PLANT_JOBS.stream().allMatch(job -> cell(job, SERVER).equals(serverResult)));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; jobs: " + tableRows(jobs) + "; console: " + consoleLog(), e);
        }
    }

    /** Selects the plant's four jobs in the Jobs view as a click and Ctrl+clicks would. */
    private static void selectThePlantsJobs() {
        List<String> names = column(JOB);
        workbench.run(() -> {
            jobs.setFocus();
            jobs.setSelection(PLANT_JOBS.stream().mapToInt(names::indexOf).toArray());
            jobs.notifyListeners(SWT.Selection, new Event());
        });
        workbench.settle();
    }

    private static Run lastRun(String jobId) throws Exception {
        return repository.runs().stream().filter(run -> run.jobId().equals(jobId)).findFirst()
                .orElseThrow(() -> new AssertionError("no run of " + jobId));
    }

    /** Opens the Compare view on a run against the server version, as the result column does. */
    private static void openCompare(Run run) {
        WorkbenchServices.execute(workbench, CompareCommands.OPEN, Map.of(CompareCommands.PARAMETER_RUN_ID, run.id(),
                CompareCommands.PARAMETER_BASIS, CompareCommands.BASIS_SERVER));
        waitUntil(workbench, WAIT, "the compare of run " + run.id(), () -> !workbench.find(Label.class,
                testId("compare.summary")).getText().isEmpty());
    }

    private static void selectInCompareTree(String path) {
        Tree tree = workbench.find(Tree.class, testId("compare.tree"));
        workbench.run(() -> {
            TreeItem item = find(tree.getItems(), "", path);
            if (item == null) {
                throw new AssertionError("no " + path + " in the compare tree");
            }
            tree.setSelection(item);
            Event event = new Event();
            event.item = item;
            tree.notifyListeners(SWT.Selection, event);
        });
        workbench.settle();
    }

    private static TreeItem find(TreeItem[] items, String parent, String path) {
        for (TreeItem item : items) {
            if (item.getData() == null) {
                continue; // a collapsed folder's placeholder
            }
            String itemPath = parent.isEmpty() ? item.getText(0) : parent + "/" + item.getText(0);
            if (itemPath.equals(path)) {
                return item;
            }
            TreeItem inside = find(item.getItems(), itemPath, path);
            if (inside != null) {
                return inside;
            }
        }
        return null;
    }

    // ---- reading the views

    private static Text field(Shell shell, String id) {
        return workbench.find(Text.class, w -> w.getShell() == shell && testId(id).test(w));
    }

    private static String label(String id) {
        return workbench.ui(() -> workbench.find(Label.class, testId(id)).getText());
    }

    private static String indicator() {
        return label("session.indicator");
    }

    private static String uploadsStatus() {
        return label("uploads.status");
    }

    private static List<List<String>> uploadRows() {
        return tableRows(workbench.find(Table.class, testId("uploads.table")));
    }

    private static List<Integer> versionNumbers(String componentId) {
        return serverRepository.versions(componentId).stream().map(Version::number).sorted().toList();
    }

    private static List<List<String>> tableRows(Table table) {
        workbench.settle();
        return workbench.ui(() -> {
            List<List<String>> rows = new ArrayList<>();
            for (int i = 0; i < table.getItemCount(); i++) {
                TableItem item = table.getItem(i); // reading a virtual table's item makes it
                rows.add(IntStream.range(0, table.getColumnCount()).mapToObj(item::getText).toList());
            }
            return rows;
        });
    }

    private static List<String> column(int column) {
        return tableRows(jobs).stream().map(row -> row.get(column)).toList();
    }

    private static List<String> row(String jobName) {
        return tableRows(jobs).stream().filter(row -> row.get(JOB).equals(jobName)).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + jobName + " in " + tableRows(jobs)));
    }

    /** One cell, read on the UI thread (for conditions polled there). */
    private static String cell(String jobName, int column) {
        for (int i = 0; i < jobs.getItemCount(); i++) {
            if (jobs.getItem(i).getText(JOB).equals(jobName)) {
                return jobs.getItem(i).getText(column);
            }
        }
        return "";
    }

    private static TableItem item(String jobName) {
        return Arrays.stream(jobs.getItems()).filter(i -> i.getText(JOB).equals(jobName)).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + jobName));
    }

    private static void showConsoleRun(String jobName) {
        Table runs = workbench.find(Table.class, testId("console.runs"));
        workbench.run(() -> {
            TableItem item = Arrays.stream(runs.getItems()).filter(i -> i.getText(0).equals(jobName)).findFirst()
                    .orElseThrow(() -> new AssertionError("no run of " + jobName + " in the console"));
            runs.setSelection(item);
            Event event = new Event();
            event.item = item;
            runs.notifyListeners(SWT.Selection, event);
        });
        workbench.settle();
    }

    private static List<String> consoleLog() {
        Table log = workbench.find(Table.class, testId("console.log"));
        return workbench.ui(() -> Arrays.stream(log.getItems()).map(i -> i.getText(2)).toList());
    }
}
