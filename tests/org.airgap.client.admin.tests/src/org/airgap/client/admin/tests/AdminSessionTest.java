package org.airgap.client.admin.tests;

import static org.airgap.client.admin.tests.AdminWorkbench.execute;
import static org.airgap.client.admin.tests.AdminWorkbench.menuBar;
import static org.airgap.client.admin.tests.AdminWorkbench.perspective;
import static org.airgap.client.admin.tests.AdminWorkbench.waitUntil;
import static org.airgap.testing.workbench.WorkbenchHarness.testId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.airgap.client.admin.perspective.AdministrationIds;
import org.airgap.demo.DemoPlant;
import org.airgap.driver.api.DriverProgress;
import org.airgap.model.Run;
import org.airgap.model.RunOutcome;
import org.airgap.protocol.Role;
import org.airgap.runner.JobRunner;
import org.airgap.session.ClientSession;
import org.airgap.session.SessionService;
import org.airgap.sync.SyncService;
import org.airgap.testing.server.ServerFixture;
import org.airgap.testing.workbench.WorkbenchHarness;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * An administrator's whole session, scripted through the real workbench against the real server, in order (the
 * steps build on each other; its own test runtime, since a runtime holds one workbench): the administrator logs
 * in and opens the Administration perspective, makes a folder, a Modbus component and its job in the Plant view's
 * forms (a wrong port refused under its field), assigns the job
 * to a technician; the technician (on this laptop, through the same services the Backup perspective uses) syncs,
 * backs the demo plant's simulated PLC up twice with a register changed in between and uploads both runs; the
 * administrator compares version 1 with version 2 and reads the changed register's row (on the server and in the
 * Compare view's register table), sees what the technician
 * carries and what waits for upload (a third run whose upload the laptop announced), removes the assignment,
 * disables the technician, and reads the rolled-up status in the Overview; a client update the administrator
 * publishes on the server is offered at the next online login (a technician is told to ask an administrator). Screenshots of each step:
 * target/screenshots/admin-session-*.png.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminSessionTest {

    private static final String ADMIN = "ada";
    private static final String TECH = "tom";
    private static final String SECOND_TECH = "tina";
    private static final String PASSWORD = "correct horse battery staple";
    private static final String FOLDER = "hall-9";
    private static final String COMPONENT = "plc-9";
    private static final String JOB = "job-plc-9";
    private static final String PART_VERSIONS = "org.airgap.client.admin.versions.part";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path temp;
    private static DemoPlant plant;
    private static ServerFixture server;
    private static SessionService sessions;
    private static WorkbenchHarness workbench;
    private static ViewSteps views;
    private static org.osgi.framework.ServiceRegistration<org.airgap.update.SoftwareUpdates> installation;

    @BeforeAll
    static void startThePlantTheServerAndTheWorkbench() throws Exception {
        plant = DemoPlant.start(temp.resolve("plant"), 0, 0, 0, 0);
        server = ServerFixture.start("airgap-admin-session-test", ServerFixture.ALL_AIRGAP_BUNDLES,
                temp.resolve("server"), Duration.ofHours(1), Duration.ofHours(8));
        server.addUser(ADMIN, Role.ADMIN, PASSWORD);
        server.addUser(TECH, Role.TECHNICIAN, PASSWORD);
        server.addUser(SECOND_TECH, Role.TECHNICIAN, PASSWORD);
        sessions = Services.get(SessionService.class);
        sessions.logout();
        // The test runtime is no p2 installation: this stands for one with the client feature 0.1.0 installed.
        installation = org.osgi.framework.FrameworkUtil.getBundle(AdminSessionTest.class).getBundleContext()
                .registerService(org.airgap.update.SoftwareUpdates.class, new InstalledClient(),
                        new java.util.Hashtable<>(java.util.Map.of(org.osgi.framework.Constants.SERVICE_RANKING, 100)));
        workbench = WorkbenchHarness.start("org.airgap.client.product");
        workbench.run(() -> workbench.mainShell().orElseThrow().setBounds(workbench.display().getBounds()));
        views = new ViewSteps(workbench);
    }

    @AfterAll
    static void stopEverything() throws Exception {
        try {
            if (sessions != null) {
                sessions.logout();
            }
            if (workbench != null) {
                workbench.close();
            }
            if (installation != null) {
                installation.unregister();
            }
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
    void theAdministratorLogsInAndOpensTheAdministrationPerspective() throws Exception {
        sessions.loginOnline(server.uri(), ADMIN, PASSWORD.toCharArray());
        waitUntil(workbench, "the Administration menu", () -> menuBar(workbench).contains("Administration"));
        execute(workbench, AdministrationIds.COMMAND_OPEN); // Ctrl+Shift+A
        assertEquals(AdministrationIds.PERSPECTIVE, perspective(workbench));
        views.paintedScreenshot("admin-session-1-perspective");
    }

    @Test
    @Order(2)
    void aFolderAModbusComponentAndItsJobAreMadeInThePlantViewsForms() throws Exception {
        PlantViewSteps plant = new PlantViewSteps(workbench);
        workbench.showPart(PlantViewSteps.PART);
        waitUntil(workbench, "the empty plant read", () -> plant.text("plant.summary").contains("0 components"));
        Shell dialog = plant.keyForDialog(SWT.INSERT, SWT.MOD1, "New Folder at the Top Level");
        plant.type(dialog, "plant.edit.id", FOLDER);
        plant.type(dialog, "plant.edit.name", "Hall 9");
        workbench.press(dialog, "OK");
        waitUntil(workbench, "the folder created", () -> plant.status().equals("Created folder " + FOLDER + "."));

        plant.select("Hall 9");
        dialog = plant.keyForDialog('n', SWT.MOD1, "New Component");
        plant.type(dialog, "component.id", COMPONENT);
        plant.type(dialog, "component.name", "PLC 9");
        plant.choose(dialog, "component.deviceType", "Modbus TCP (modbus-tcp)");
        Map<String, String> demo = demoPlc().connection();
        plant.type(dialog, "form.host", demo.get("host"));
        plant.type(dialog, "form.port", "0");
        workbench.settle();
        assertEquals("port: must be a whole number from 1 to 65535, not 0", plant.label(dialog, "form.problem.port"));
        assertFalse(plant.okEnabled(dialog), "a wrong port is refused inline");
        views.paintedScreenshot("admin-session-2-form-refuses-port");
        plant.type(dialog, "form.port", demo.get("port"));
        plant.type(dialog, "form.unitId", demo.get("unitId"));
        workbench.settle();
        assertTrue(plant.okEnabled(dialog), plant.dialogTexts(dialog).toString());
        workbench.press(dialog, "OK");
        waitUntil(workbench, "the component created", () -> plant.status().equals("Created component " + COMPONENT
                + "."));

        dialog = plant.keyForDialog('j', SWT.MOD1, "New Job");
        plant.type(dialog, "job.id", JOB);
        plant.type(dialog, "job.name", "PLC 9 holding registers");
        plant.type(dialog, "form.holdingRegisters", "0-15");
        plant.check(dialog, "form.readDeviceIdentification", false);
        workbench.settle();
        workbench.press(dialog, "OK");
        waitUntil(workbench, "the job created", () -> plant.status().equals("Created job " + JOB + "."));
        views.paintedScreenshot("admin-session-2-plant");
    }

    /** The connection of the demo plant's simulated PLC, as the demo defines it. */
    private static org.airgap.model.Component demoPlc() {
        return plant.definitions(TECH).components().stream().filter(c -> c.deviceType().equals("modbus-tcp"))
                .findFirst().orElseThrow();
    }

    @Test
    @Order(3)
    void theJobIsAssignedToTheTechnician() throws Exception {
        UsersViewSteps users = new UsersViewSteps(workbench);
        workbench.showPart(UsersViewSteps.PART);
        waitUntil(workbench, "the users read", () -> users.users().size() == 3);
        users.selectUser(TECH);
        waitUntil(workbench, "tom's jobs", () -> users.jobs().equals(List.of("[ ] " + JOB)));
        users.check(JOB, true);
        waitUntil(workbench, "the job assigned", () -> users.status().startsWith(JOB + " is assigned to " + TECH));
        assertEquals(List.of(JOB), UsersViewSteps.assignedOnServer(sessions, TECH));
        views.paintedScreenshot("admin-session-3-assigned");
    }

    @Test
    @Order(4)
    void theTechnicianBacksThePlcUpTwiceWithARegisterChangedAndUploads() throws Exception {
        // tom gets his key slot on this encrypted workspace as he logs in while ada's session holds the data key.
        ClientSession technician = sessions.loginOnline(server.uri(), TECH, PASSWORD.toCharArray());
        SyncService sync = Services.get(SyncService.class);
        JobRunner runner = Services.get(JobRunner.class);
        sync.pull(technician, new NullProgressMonitor());
        Run first = runner.run(JOB, TECH, DriverProgress.NONE);
        assertEquals(RunOutcome.SUCCEEDED, first.outcome(), first.toString());
        sync.push(technician, new NullProgressMonitor());

        Path registers = plant.registersFile();
        String before = Files.readString(registers);
        assertTrue(before.contains("\n7 = 359\n"), "the demo PLC's register 7");
        Files.writeString(registers, before.replace("\n7 = 359\n", "\n7 = 360\n"));
        Files.setLastModifiedTime(registers, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        Thread.sleep(1_500); // the PLC re-reads its file every 500 ms
        sync.pull(technician, new NullProgressMonitor()); // version 1 as the basis to compare with
        Run second = runner.run(JOB, TECH, DriverProgress.NONE);
        assertEquals(RunOutcome.SUCCEEDED, second.outcome(), second.toString());
        sync.push(technician, new NullProgressMonitor());

        // A third backup whose upload the laptop announced (planned) but never finished: it waits for upload.
        Run third = runner.run(JOB, TECH, DriverProgress.NONE);
        org.airgap.workspace.JobRepository workspace = Services.get(org.airgap.workspace.JobRepository.class);
        org.airgap.store.Snapshot snapshot = workspace.store().readSnapshot(third.snapshotId());
        // Signed by this laptop as the sync would send it: the server refuses an unsigned run of tom's laptop.
        org.airgap.protocol.RunSignature signature = workspace.runSeal(third.id())
                .map(seal -> new org.airgap.protocol.RunSignature(seal.kind(), seal.laptopId(), seal.technician(),
                        seal.auditHead(), seal.signature()))
                .orElseThrow(() -> new AssertionError("run " + third.id() + " has no laptop signature"));
        org.airgap.session.http.ServerClient.forSession(technician).postJson(org.airgap.protocol.Api.UPLOADS,
                new org.airgap.protocol.UploadRequest(third, new String(org.airgap.store.ManifestFormat.toJson(
                        snapshot.manifest()), java.nio.charset.StandardCharsets.UTF_8), java.time.Instant.now(),
                        signature),
                org.airgap.protocol.UploadPlan.class);
        sessions.logout();

        sessions.loginOnline(server.uri(), ADMIN, PASSWORD.toCharArray());
        waitUntil(workbench, "the Administration menu again", () -> menuBar(workbench).contains("Administration"));
        execute(workbench, AdministrationIds.COMMAND_OPEN);
        assertEquals(AdministrationIds.PERSPECTIVE, perspective(workbench));
    }

    @Test
    @Order(5)
    void versionOneAndTwoAreComparedAndTheChangedRegisterRead() throws Exception {
        workbench.showPart(PART_VERSIONS);
        views.type("versions.component", COMPONENT);
        waitUntil(workbench, "the two versions", () -> views.text("versions.status").equals(
                "2 versions of " + COMPONENT + ", newest first."));
        assertEquals(List.of("2 | tom", "1 | tom"), views.rows("versions.table", 0, 2));
        views.select("versions.table", 0, 1);
        views.press("versions.compare");
        waitUntil(workbench, "v1 and v2 compared", () -> views.text("versions.compare.summary").startsWith(
                "Version 1 \u2194 Version 2: Different"));
        Tree files = workbench.find(Tree.class, testId("versions.compare.tree"));
        List<String> changed = workbench.ui(() -> java.util.Arrays.stream(files.getItems())
                .map(item -> item.getText(0) + " | " + item.getText(1)).toList());
        assertEquals(List.of("holding-registers.table | Changed"), changed);
        workbench.run(() -> {
            TreeItem file = files.getItem(0);
            files.setSelection(file);
            Event event = new Event();
            event.item = file;
            files.notifyListeners(SWT.Selection, event);
        });
        workbench.settle();
        String diff = workbench.ui(() -> workbench.find(StyledText.class, testId("versions.compare.diff")).getText());
        assertTrue(diff.contains("holding-registers.table (table: address, value)"), diff);
        assertTrue(diff.contains("~ 00007 value: 359 -> 360"), "the changed register's row: " + diff);
        views.paintedScreenshot("admin-session-5-compare");

        // The same two versions in the Compare view: the register table side by side.
        views.press("versions.compare.open");
        waitUntil(workbench, "v1 and v2 in the Compare view", () -> views.text("compare.summary").startsWith(
                "Different: 1 changed"));
        Tree tree = workbench.find(Tree.class, testId("compare.tree"));
        workbench.run(() -> {
            TreeItem registers = java.util.Arrays.stream(tree.getItems())
                    .filter(row -> row.getText(0).equals("holding-registers.table")).findFirst().orElseThrow();
            tree.setSelection(registers);
            Event event = new Event();
            event.item = registers;
            tree.notifyListeners(SWT.Selection, event);
        });
        org.eclipse.swt.widgets.Table table = workbench.find(org.eclipse.swt.widgets.Table.class,
                testId("compare.table"));
        waitUntil(workbench, "the register table diff", () -> table.isVisible() && table.getItemCount() > 0);
        assertEquals(List.of(List.of("00007", "359", "360", "Changed")), workbench.ui(() -> java.util.Arrays.stream(
                table.getItems()).map(item -> List.of(item.getText(0), item.getText(2), item.getText(3),
                        item.getText(4))).toList()));
        views.paintedScreenshot("admin-session-5-compare-view");
        workbench.run(() -> {
            var parts = workbench.mainWindow().getContext().get(org.eclipse.e4.ui.workbench.modeling.EPartService.class);
            parts.hidePart(parts.findPart("org.airgap.client.compare.part.server"));
        });
        workbench.settle();
    }

    @Test
    @Order(6)
    void theAssignmentIsRemovedAndTheTechnicianDisabled() throws Exception {
        UsersViewSteps users = new UsersViewSteps(workbench);
        workbench.showPart(UsersViewSteps.PART);
        users.press("users.refresh"); // the laptop's announced upload came after the view's last read
        waitUntil(workbench, "the users read again", () -> users.status().matches("\\d+ users, \\d+ jobs, \\d+ open"
                + " sessions?\\."));
        users.selectUser(TECH);
        waitUntil(workbench, "tom's job", () -> users.jobs().equals(List.of("[x] " + JOB)));
        assertTrue(users.text("users.jobs.title").startsWith("Jobs of tom: carries 1 job; 1 run waiting for upload "
                + "since "), users.text("users.jobs.title"));
        views.paintedScreenshot("admin-session-6-carries");
        users.check(JOB, false);
        waitUntil(workbench, "the job unassigned", () -> users.status().startsWith(JOB + " is not assigned"));
        assertEquals(List.of(), UsersViewSteps.assignedOnServer(sessions, TECH));
        users.press("users.disable");
        waitUntil(workbench, "tom disabled", () -> users.status().startsWith("Disabled " + TECH));
        assertTrue(users.users().stream().anyMatch(row -> row.startsWith(TECH + " | Technician | assigned jobs | disabled")),
                users.users().toString());
        views.paintedScreenshot("admin-session-6-disabled");
    }

    @Test
    @Order(7)
    void theOverviewShowsTheRolledUpStatus() throws Exception {
        workbench.showPart(AdministrationIds.PART_OVERVIEW);
        execute(workbench, AdministrationIds.COMMAND_REFRESH_OVERVIEW);
        waitUntil(workbench, "the hall's status", () -> views.overviewRows(null).contains("Hall 9 | Different | 1"));
        assertEquals(List.of("PLC 9 | Different | 1"), views.overviewRows("Hall 9"));
        views.paintedScreenshot("admin-session-7-overview");
    }

    @Test
    @Order(8)
    void aClientUpdatePublishedOnTheServerIsOfferedAtTheNextLogin() throws Exception {
        ClientSession admin = sessions.current().orElseThrow();
        org.airgap.session.http.ServerClient client = org.airgap.session.http.ServerClient.forSession(admin);
        client.json(client.send(client.request(org.airgap.protocol.Api.ADMIN_UPDATES)
                .header("Content-Type", "application/zip").PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(
                        org.airgap.testing.server.P2RepositoryZips.zip(org.airgap.testing.server.P2RepositoryZips
                                .repository("0.2.0.v20261207")))).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString()), org.airgap.protocol.PublishedUpdates.class);

        // tina gets her key slot on this encrypted workspace as she logs in while ada's session holds the data key.
        sessions.loginOnline(server.uri(), SECOND_TECH, PASSWORD.toCharArray());
        Shell told = workbench.waitForShell("Airgap Updates", WAIT);
        String text = String.join("\n", workbench.texts(told));
        assertTrue(text.contains("org.airgap.client.feature 0.1.0 \u2192 0.2.0.v20261207"), text);
        assertTrue(text.contains("Ask an administrator to install them"), "a technician installs nothing: " + text);
        views.paintedScreenshot("admin-session-8-update-offered");
        workbench.press(told, "OK");
        sessions.logout();

        sessions.loginOnline(server.uri(), ADMIN, PASSWORD.toCharArray());
        Shell asked = workbench.waitForShell("Airgap Updates", WAIT);
        String question = String.join("\n", workbench.texts(asked));
        assertTrue(question.contains("Install them now? Airgap restarts afterwards."), question);
        workbench.press(asked, "&No");
        assertEquals(0, InstalledClient.updates.get(), "No installs nothing");
    }

    /** An installation of the client feature 0.1.0 that records update calls instead of running p2. */
    private static final class InstalledClient implements org.airgap.update.SoftwareUpdates {

        static final java.util.concurrent.atomic.AtomicInteger updates = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public boolean isManaged() {
            return true;
        }

        @Override
        public List<org.airgap.update.InstalledFeature> installedFeatures() {
            return List.of(new org.airgap.update.InstalledFeature("org.airgap.client.feature", "0.1.0", "Airgap"));
        }

        @Override
        public List<java.net.URI> repositories() {
            return List.of();
        }

        @Override
        public org.airgap.update.UpdateResult check(java.net.URI repository,
                org.eclipse.core.runtime.IProgressMonitor monitor) {
            return new org.airgap.update.UpdateResult(org.airgap.update.UpdateResult.Outcome.UP_TO_DATE, "", List.of());
        }

        @Override
        public org.airgap.update.UpdateResult update(java.net.URI repository,
                org.eclipse.core.runtime.IProgressMonitor monitor) {
            updates.incrementAndGet();
            return new org.airgap.update.UpdateResult(org.airgap.update.UpdateResult.Outcome.FAILED, "not here",
                    List.of());
        }

        @Override
        public org.airgap.update.UpdateResult install(String featureId, java.net.URI repository,
                org.eclipse.core.runtime.IProgressMonitor monitor) {
            return update(repository, monitor);
        }

        @Override
        public java.util.Optional<org.airgap.update.UpdateResult> updateRefusal() {
            return java.util.Optional.empty();
        }
    }
}
