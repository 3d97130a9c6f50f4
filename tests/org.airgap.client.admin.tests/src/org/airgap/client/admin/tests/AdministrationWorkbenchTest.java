package org.airgap.client.admin.tests;

import static org.airgap.client.admin.tests.AdminWorkbench.BACKUP;
import static org.airgap.client.admin.tests.AdminWorkbench.canExecute;
import static org.airgap.client.admin.tests.AdminWorkbench.execute;
import static org.airgap.client.admin.tests.AdminWorkbench.menuBar;
import static org.airgap.client.admin.tests.AdminWorkbench.perspective;
import static org.airgap.client.admin.tests.AdminWorkbench.perspectiveVisible;
import static org.airgap.client.admin.tests.AdminWorkbench.waitUntil;
import static org.airgap.testing.workbench.WorkbenchHarness.testId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.airgap.client.admin.perspective.AdministrationIds;
import org.airgap.model.CompareResult;
import org.airgap.model.RunOutcome;
import org.airgap.session.SessionService;
import org.airgap.testing.workbench.WorkbenchHarness;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
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
 * The Administration perspective in the real workbench against the real server, in order on one workbench (a
 * second workbench in the same runtime misses the renderers' model events: docs/build.md, pitfalls): nobody
 * logged in and a technician logged in online never see its menu or perspective and cannot run its commands;
 * an administrator logged in online gets both and switches to it and back; the Overview's rolled-up tree and
 * counts and its refresh after a new upload; the Runs view's filters, a run's log and paging; logging out
 * withdraws it all and leaves it for Backup.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdministrationWorkbenchTest {

    @TempDir
    static Path temp;
    private static AdminTestServer server;
    private static SessionService sessions;
    private static WorkbenchHarness workbench;
    private static ViewSteps views;

    @BeforeAll
    static void start() throws Exception {
        server = AdminTestServer.start(temp.resolve("server"));
        sessions = Services.get(SessionService.class);
        sessions.logout();
        workbench = WorkbenchHarness.start("org.airgap.client.product");
        views = new ViewSteps(workbench);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (sessions != null) {
                sessions.logout();
            }
            if (workbench != null) {
                workbench.close();
            }
        } finally {
            server.close();
        }
    }

    @Test
    @Order(1)
    void nobodyAndATechnicianAreNotOfferedAdministration() throws Exception {
        assertNotOffered("nobody logged in");
        sessions.loginOnline(server.uri(), AdminTestServer.TECH, AdminTestServer.PASSWORD.toCharArray());
        workbench.settle();
        assertNotOffered("a technician");
        execute(workbench, AdministrationIds.COMMAND_OPEN); // as the key binding M1+M2+A would
        assertEquals(BACKUP, perspective(workbench), "a technician's command does nothing");
        assertFalse(canExecute(workbench, AdministrationIds.COMMAND_REFRESH_OVERVIEW), "F5 does nothing either");
    }

    @Test
    @Order(2)
    void anAdministratorOnlineSwitchesToAdministrationAndBack() throws Exception {
        sessions.loginOnline(server.uri(), AdminTestServer.ADMIN, AdminTestServer.PASSWORD.toCharArray());
        waitUntil(workbench, "the Administration menu", () -> menuBar(workbench).contains("Administration"));
        assertTrue(perspectiveVisible(workbench, AdministrationIds.PERSPECTIVE));
        assertTrue(canExecute(workbench, AdministrationIds.COMMAND_OPEN));
        execute(workbench, AdministrationIds.COMMAND_OPEN);
        assertEquals(AdministrationIds.PERSPECTIVE, perspective(workbench));
        execute(workbench, AdministrationIds.COMMAND_BACKUP);
        assertEquals(BACKUP, perspective(workbench));
        execute(workbench, AdministrationIds.COMMAND_OPEN);
        assertEquals(AdministrationIds.PERSPECTIVE, perspective(workbench));
        workbench.showPart(AdministrationIds.PART_OVERVIEW);
    }

    @Test
    @Order(3)
    void theOverviewShowsTheWorstStatusPerFolderAndWhatNeedsAttention() {
        waitUntil(workbench, "the overview read", () -> views.text("overview.summary").startsWith("4 components"));
        assertEquals("4 components \u2014 1 Error, 1 Different, 1 Not compared, 1 No job configured",
                views.text("overview.summary"));
        assertEquals("1 failed last run", views.text("overview.failed"));
        assertEquals("1 job never run", views.text("overview.neverRun"));
        assertEquals("2 stale backups", views.text("overview.stale"));
        assertEquals(List.of("Plant Nord | Error | 4"), views.overviewRows(null));
        assertEquals(List.of("Line 1 | Error | 2", "Line 2 | Not compared | 2"), views.overviewRows("Plant Nord"));
        assertEquals(List.of("Press PLC | Different | 1", "Robot 1 | Error | 1"), views.overviewRows("Line 1"));
        Tree tree = workbench.find(Tree.class, testId("overview.tree"));
        assertTrue(workbench.ui(() -> (tree.getStyle() & SWT.VIRTUAL) != 0), "a virtual tree: rows made when shown");
        workbench.screenshot("admin-overview");
    }

    @Test
    @Order(4)
    void refreshReadsTheOverviewAgain() throws Exception {
        server.commit("run-4", "job-filler", 120, RunOutcome.SUCCEEDED, "filler v1", CompareResult.EQUAL, true);
        execute(workbench, AdministrationIds.COMMAND_REFRESH_OVERVIEW); // F5
        waitUntil(workbench, "the filler's run in the overview",
                () -> views.overviewRows("Plant Nord").contains("Line 2 | Equal | 2"));
        assertEquals("0 jobs never run", views.text("overview.neverRun"));
    }

    @Test
    @Order(5)
    void theRunsAreFilteredAndARunShowsItsLog() throws Exception {
        workbench.showPart(AdministrationIds.PART_RUNS);
        views.press("runs.apply"); // the view read its first page when the perspective opened, before run-4
        waitUntil(workbench, "the runs read", () -> column(2).equals(List.of("job-filler", "job-robot", "job-press",
                "job-press")));
        assertEquals("Runs 1\u20134, newest backup first", views.text("runs.status"));

        views.type("runs.filter.component", "press");
        waitUntil(workbench, "the press's runs", () -> column(1).equals(List.of("press", "press")));
        select(0);
        waitUntil(workbench, "run-2 in full", () -> views.text("runs.detail.title").equals(
                "Run run-2 \u2014 SUCCEEDED after 2 attempts"));
        assertTrue(views.text("runs.detail.facts").contains("Server version \u2194 Backup: Different"),
                views.text("runs.detail.facts"));
        assertTrue(views.text("runs.detail.facts").contains("3 s fast"), views.text("runs.detail.facts"));
        assertEquals(List.of("WARNING attempt 1: no answer within 2 s", "INFO attempt 2: read main.prg"), log());
        assertEquals(List.of("Press PLC | Different | 1", "Robot 1 | Error | 1"), views.overviewRows("Line 1")); // expanded
        assertEquals(List.of("Filler 1 | Equal | 1", "Spare drive | No job configured | 0"), views.overviewRows("Line 2"));
        views.paintedScreenshot("admin-perspective");

        views.type("runs.filter.component", "");
        views.choose("runs.filter.outcome", "FAILED");
        waitUntil(workbench, "the failed run", () -> column(2).equals(List.of("job-robot")));
        select(0);
        waitUntil(workbench, "run-3's log", () -> log().contains("ERROR attempt 2: connection refused"));

        views.choose("runs.filter.outcome", "Any outcome");
        views.type("runs.filter.from", "yesterday");
        waitUntil(workbench, "the refused time", () -> views.text("runs.status").startsWith("From 'yesterday' is not a day"));
        views.type("runs.filter.from", "");
    }

    @Test
    @Order(6)
    void theRunsArePagedFromTheServer() throws Exception {
        for (int run = 10; run < 34; run++) {
            server.commit("run-" + run, "job-robot", 200 + run, RunOutcome.FAILED, null, CompareResult.NOT_COMPARED,
                    false);
        }
        views.choose("runs.filter.pageSize", "25");
        waitUntil(workbench, "the first page", () -> views.text("runs.status").equals(
                "Runs 1\u201325, newest backup first; older runs follow"));
        assertEquals(25, column(0).size());
        views.press("runs.older");
        waitUntil(workbench, "the second page", () -> views.text("runs.status").equals("Runs 26\u201328, newest backup first"));
        assertEquals(List.of("job-press", "job-press"), column(2).subList(1, 3));
        views.press("runs.newer");
        waitUntil(workbench, "the first page again", () -> views.text("runs.status").startsWith("Runs 1\u201325"));
    }

    // --- Users and assignments view (org.airgap.client.admin.users)

    @Test
    @Order(40)
    void theUsersViewListsTheUsersAndATechniciansJobs() {
        UsersViewSteps users = new UsersViewSteps(workbench);
        workbench.showPart(UsersViewSteps.PART);
        waitUntil(workbench, "the users read", () -> users.users().size() == 2);
        assertTrue(users.users().get(0).matches("ada \\| Administrator \\| whole plant \\| enabled \\| \\d+ \\| 20.*"),
                users.users().toString()); // at least the workbench's session
        assertTrue(users.users().get(1).matches("tom \\| Technician \\| assigned jobs \\| enabled \\| (-|\\d+) \\| 20.*"),
                users.users().toString());
        users.selectUser(AdminTestServer.TECH);
        assertEquals(List.of("[x] job-filler", "[x] job-press", "[x] job-robot"), users.jobs(), "by job id");
        assertTrue(users.text("users.jobs.title").startsWith("Jobs of tom: carries 3 jobs; no runs waiting for upload"),
                users.text("users.jobs.title"));
        assertTrue(users.buttons().stream().allMatch(text -> text.contains("&")),
                "every action has a mnemonic: " + users.buttons());
    }

    @Test
    @Order(41)
    void anAdministratorAddsATechnicianAndAssignsAndUnassignsAJob() throws Exception {
        UsersViewSteps users = new UsersViewSteps(workbench);
        org.eclipse.swt.widgets.Shell dialog = users.pressForDialog("users.add", "Add User");
        users.type(dialog, "users.add.name", "nina");
        users.type(dialog, "users.password.first", AdminTestServer.PASSWORD);
        users.type(dialog, "users.password.second", AdminTestServer.PASSWORD);
        workbench.press(dialog, "OK");
        waitUntil(workbench, "nina added", () -> users.status().equals("Added nina (Technician)."));
        assertTrue(users.users().contains("nina | Technician | assigned jobs | enabled | - | never"), users.users()
                .toString());
        assertTrue(users.text("users.jobs.title").startsWith("Jobs of nina"), "the new user is selected");
        assertEquals(List.of(), UsersViewSteps.assignedOnServer(sessions, "nina"));

        users.check("job-filler", true);
        waitUntil(workbench, "job-filler assigned", () -> users.status().startsWith("job-filler is assigned to nina"));
        assertTrue(users.text("users.jobs.title").startsWith("Jobs of nina: carries 1 job;"),
                users.text("users.jobs.title"));
        assertEquals(List.of("job-filler"), UsersViewSteps.assignedOnServer(sessions, "nina"));
        users.selectJob("job-press");
        users.press("users.assign");
        waitUntil(workbench, "job-press assigned", () -> users.status().startsWith("job-press is assigned to nina"));
        assertEquals(List.of("[x] job-filler", "[x] job-press", "[ ] job-robot"), users.jobs());
        views.paintedScreenshot("admin-users");

        users.press("users.unassign"); // job-press is still selected
        waitUntil(workbench, "job-press unassigned", () -> users.status().startsWith("job-press is not assigned"));
        assertEquals(List.of("job-filler"), UsersViewSteps.assignedOnServer(sessions, "nina"));
        assertTrue(users.jobs().contains("[ ] job-press"), users.jobs().toString());
    }

    @Test
    @Order(42)
    void disablingATechnicianEndsTheirSession() throws Exception {
        UsersViewSteps users = new UsersViewSteps(workbench);
        org.airgap.session.http.ServerClient nina = UsersViewSteps.otherLaptop(server.uri(), "nina",
                AdminTestServer.PASSWORD);
        assertEquals(null, UsersViewSteps.refusal(nina), "nina is served before");
        users.selectUser("nina");
        users.press("users.disable");
        waitUntil(workbench, "nina disabled", () -> users.status().startsWith("Disabled nina"));
        assertTrue(users.users().stream().anyMatch(row -> row.startsWith("nina | Technician | assigned jobs | disabled")),
                users.users().toString());
        org.airgap.session.http.ServerCallException ended = UsersViewSteps.refusal(nina);
        assertEquals(401, ended.status());
        assertEquals(org.airgap.protocol.SessionEndReason.DISABLED, ended.reason().orElseThrow());
        assertEquals("E&nable", users.buttonText("users.disable"), "the selected user can be enabled again");
    }

    @Test
    @Order(43)
    void theServersRefusalIsShownInWords() {
        UsersViewSteps users = new UsersViewSteps(workbench);
        users.selectUser(AdminTestServer.ADMIN);
        users.press("users.role"); // Make Technician: ada is the only administrator of the whole plant
        waitUntil(workbench, "the refusal", () -> users.status().startsWith("Making ada technician failed: "));
        assertTrue(users.status().contains("ada is the last enabled administrator of the whole plant"), users.status());
        assertTrue(users.users().get(0).startsWith("ada | Administrator"), "nothing changed");
        users.press("users.disable");
        waitUntil(workbench, "the second refusal", () -> users.status().contains("you cannot disable your own account"));
    }

    @Test
    @Order(44)
    void aPasswordIsResetTypedTwiceAndNeverShown() throws Exception {
        UsersViewSteps users = new UsersViewSteps(workbench);
        users.selectUser("nina");
        users.press("users.disable"); // Enable
        waitUntil(workbench, "nina enabled", () -> users.status().equals("Enabled nina."));
        org.eclipse.swt.widgets.Shell dialog = users.pressForDialog("users.password", "Reset Password");
        assertTrue(users.passwordFields(dialog), "both fields hide what is typed");
        users.type(dialog, "users.password.first", "nina's new long password");
        users.type(dialog, "users.password.second", "nina's new long passw0rd");
        assertFalse(users.okEnabled(dialog), "two different passwords");
        assertTrue(workbench.texts(dialog).contains("The two passwords differ."), workbench.texts(dialog).toString());
        users.type(dialog, "users.password.second", "nina's new long password");
        assertTrue(users.okEnabled(dialog));
        workbench.press(dialog, "OK");
        waitUntil(workbench, "the new password", () -> users.status().startsWith("New password for nina"));
        UsersViewSteps.otherLaptop(server.uri(), "nina", "nina's new long password"); // logs in
    }

    @Test
    @Order(98) // after the keyboard tests: they check where the keyboard is, and a confirmation dialog moves it
    void endingAllSessionsLogsEveryoneElseOutAndKeepsTheAdministratorsOwn() throws Exception {
        workbench.showPart(UsersViewSteps.PART);
        UsersViewSteps users = new UsersViewSteps(workbench);
        org.airgap.session.http.ServerClient nina = UsersViewSteps.otherLaptop(server.uri(), "nina",
                "nina's new long password");
        users.press("users.refresh");
        waitUntil(workbench, "the sessions read", () -> users.status().endsWith(" open sessions."));
        assertNotEquals("-", sessionsOf(users, "nina"), "nina's open sessions are counted: " + users.users());
        assertEquals("1", sessionsOf(users, AdminTestServer.ADMIN), "the administrator's own session");
        views.paintedScreenshot("admin-users-sessions");

        org.eclipse.swt.widgets.Shell confirm = users.pressForDialog("users.sessions.end", "End All Sessions");
        assertTrue(workbench.texts(confirm).stream().anyMatch(text -> text.startsWith("End every open session on the"
                + " server but yours?")), workbench.texts(confirm).toString());
        workbench.press(confirm, "OK");
        waitUntil(workbench, "the sessions ended", () -> users.status().startsWith("Ended "));
        assertTrue(users.status().endsWith("; yours stays open."), users.status());
        assertEquals(org.airgap.protocol.SessionEndReason.ENDED_BY_ADMINISTRATOR,
                UsersViewSteps.refusal(nina).reason().orElseThrow());
        assertEquals("-", sessionsOf(users, "nina"), "read again after the end: " + users.users());
        assertEquals("1", sessionsOf(users, AdminTestServer.ADMIN));
        assertTrue(sessions.current().isPresent(), "the workbench's own session goes on");
    }

    /** The Sessions column of {@code user}'s row: the number of open sessions, or "-". */
    private static String sessionsOf(UsersViewSteps users, String user) {
        return users.users().stream().filter(row -> row.startsWith(user + " | ")).findFirst()
                .map(row -> row.split(" \\| ")[4]).orElseThrow(() -> new AssertionError("no row of " + user));
    }

    // --- the Versions view (org.airgap.client.admin.versions): the press's history, a run checked in, a comment
    // edited, two versions compared, a stale run's check-in refused, an archive saved; every step by keyboard
    // (Enter in a field) or a button

    private static final String PART_VERSIONS = "org.airgap.client.admin.versions.part";

    @Test
    @Order(30)
    void theVersionsViewListsAHistoryAndChecksInARun() {
        workbench.showPart(PART_VERSIONS);
        views.type("versions.component", "press"); // Enter reads the history
        waitUntil(workbench, "the press's history", () -> views.text("versions.status").equals(
                "1 version of press, newest first."));
        assertEquals(List.of("1 | tom | run-1"), versionRows());

        views.setText("versions.checkin.run", "run-2");
        views.type("versions.checkin.comment", "after the retrofit"); // Enter checks in
        waitUntil(workbench, "run-2 checked in", () -> views.text("versions.status").startsWith(
                "Run run-2 is version 2 of press now."));
        assertEquals(List.of("2 | ada | run-2", "1 | tom | run-1"), versionRows());
        assertEquals("after the retrofit", versionCell(0, 3));
    }

    @Test
    @Order(31)
    void aVersionsCommentIsEditedAndReadAgain() {
        views.select("versions.table", 1);
        assertEquals(versionCell(1, 3), workbench.ui(() -> workbench.find(Text.class, testId("versions.comment"))
                .getText()), "the selected version's comment to edit");
        views.type("versions.comment", "approved by quality"); // Enter saves, then the history is read again
        waitUntil(workbench, "the comment saved", () -> views.text("versions.status").startsWith(
                "Version 1: comment saved."));
        assertEquals("approved by quality", versionCell(1, 3));
    }

    @Test
    @Order(32)
    void twoVersionsAreComparedOnTheServer() throws Exception {
        views.select("versions.table", 0, 1);
        views.press("versions.compare");
        waitUntil(workbench, "v1 and v2 compared", () -> views.text("versions.compare.summary").startsWith(
                "Version 1 \u2194 Version 2: Different"));
        Tree files = workbench.find(Tree.class, testId("versions.compare.tree"));
        assertEquals(List.of("main.prg | Changed"), workbench.ui(() -> java.util.Arrays.stream(files.getItems())
                .map(item -> item.getText(0) + " | " + item.getText(1)).toList()));
        workbench.run(() -> {
            files.setSelection(files.getItem(0));
            Event event = new Event();
            event.item = files.getItem(0);
            files.notifyListeners(SWT.Selection, event);
        });
        workbench.settle();
        String diff = workbench.ui(() -> workbench.find(org.eclipse.swt.custom.StyledText.class,
                testId("versions.compare.diff")).getText());
        assertTrue(diff.contains("-program v1") && diff.contains("+program v2"), diff);
        views.paintedScreenshot("admin-versions-screen");
        workbench.screenshot("admin-versions", workbench.ui(() -> workbench.mainShell().orElseThrow().getBounds()));
    }

    @Test
    @Order(33)
    void aStaleRunsCheckInShowsTheServersRefusal() throws Exception {
        // Backed up between run-1 and run-2: older than the backup version 2 came from.
        server.commit("run-40", "job-press", 30, RunOutcome.SUCCEEDED, "program v1.5", CompareResult.DIFFERENT, false);
        workbench.showPart(AdministrationIds.PART_RUNS);
        views.type("runs.filter.component", "press");
        waitUntil(workbench, "the press's three runs", () -> column(1).equals(List.of("press", "press", "press")));
        select(1); // run-40, backed up between the other two
        workbench.showPart(PART_VERSIONS);
        assertEquals("run-40", workbench.ui(() -> workbench.find(Text.class, testId("versions.checkin.run")).getText()),
                "the run selected in the Runs view is the one to check in");
        views.type("versions.checkin.comment", "the older one"); // Enter checks in
        waitUntil(workbench, "the refusal", () -> views.text("versions.status").startsWith("The server refused: run run-40 "
                + "cannot be checked in: the server version is newer"));
        assertEquals(2, versionRows().size());
    }

    @Test
    @Order(34)
    void aVersionsArchiveIsSavedAsTheServerSendsIt() throws Exception {
        views.select("versions.table", 0);
        Path target = temp.resolve("press-version-2.tar.gz");
        Button download = workbench.find(Button.class, testId("versions.download"));
        workbench.run(() -> download.setData("airgap.saveAs", target.toString())); // instead of the Save dialog
        views.press("versions.download");
        waitUntil(workbench, "the archive saved", () -> views.text("versions.status").startsWith(
                "Saved version 2 of press to " + target));
        byte[] expected;
        try (java.io.InputStream in = org.airgap.session.http.ServerClient.forSession(sessions.current()
                .orElseThrow()).getStream(org.airgap.protocol.Api.COMPONENTS + "press/versions/2/archive")) {
            expected = in.readAllBytes();
        }
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, java.nio.file.Files.readAllBytes(target));
    }

    @Test
    @Order(35)
    void twoVersionsOpenInTheCompareViewSideBySide() throws Exception {
        workbench.showPart(PART_VERSIONS);
        java.util.Set<Path> copiesBefore = serverCopies();
        views.select("versions.table", 0, 1);
        views.press("versions.compare.open");
        waitUntil(workbench, "v1 and v2 in the Compare view", () -> views.text("compare.summary").startsWith(
                "Different: 1 changed"));
        assertEquals("press \u2014 version 1 \u2194 version 2 (server snapshots, no ignore rules)",
                views.text("compare.title"));
        Tree files = workbench.find(Tree.class, testId("compare.tree"));
        workbench.run(() -> {
            TreeItem item = java.util.Arrays.stream(files.getItems()).filter(row -> row.getText(0).equals("main.prg"))
                    .findFirst().orElseThrow();
            files.setSelection(item);
            Event event = new Event();
            event.item = item;
            files.notifyListeners(SWT.Selection, event);
        });
        org.eclipse.swt.custom.StyledText left = workbench.find(org.eclipse.swt.custom.StyledText.class,
                testId("compare.text.left"));
        org.eclipse.swt.custom.StyledText right = workbench.find(org.eclipse.swt.custom.StyledText.class,
                testId("compare.text.right"));
        waitUntil(workbench, "main.prg side by side", () -> workbench.ui(() -> right.isVisible()
                && right.getText().contains("program v2")));
        assertTrue(workbench.ui(() -> left.getText()).contains("program v1"), workbench.ui(() -> left.getText()));
        assertEquals("Changed", workbench.ui(() -> files.getItems()[0].getText(1)), "main.prg's status in the tree");
        views.paintedScreenshot("admin-versions-compare-view");

        java.util.Set<Path> copies = serverCopies();
        copies.removeAll(copiesBefore);
        assertEquals(1, copies.size(), "the two versions' temporary store: " + copies);
        workbench.run(() -> {
            var parts = workbench.mainWindow().getContext().get(org.eclipse.e4.ui.workbench.modeling.EPartService.class);
            parts.hidePart(parts.findPart("org.airgap.client.compare.part.server"));
        });
        workbench.settle();
        assertFalse(java.nio.file.Files.exists(copies.iterator().next()), "closing the Compare view deletes it");
        // Leave the Versions view as the tests before left it: the keyboard test's Home and Shift+Down start there.
        workbench.showPart(PART_VERSIONS);
        views.select("versions.table", 0);
    }

    /** The temporary stores the Compare view made for server versions. */
    private static java.util.Set<Path> serverCopies() throws java.io.IOException {
        try (var folders = java.nio.file.Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return folders.filter(folder -> folder.getFileName().toString().startsWith("airgap-compare-"))
                    .collect(java.util.stream.Collectors.toCollection(java.util.HashSet::new));
        }
    }

    /** The versions table: "number | technician | source run" per row, newest first. */
    private static List<String> versionRows() {
        return views.rows("versions.table", 0, 2, 4);
    }

    private static String versionCell(int row, int column) {
        Table table = workbench.find(Table.class, testId("versions.table"));
        return workbench.ui(() -> table.getItem(row).getText(column));
    }

    // --- Server audit trail view (org.airgap.client.admin.audit)

    @Test
    @Order(50)
    void theAuditTrailShowsAChangeFilteredWithEachTrailVerified() throws Exception {
        org.airgap.audit.AuditEntry login = org.airgap.audit.AuditEntry.create(1, AdminTestServer.START,
                AdminTestServer.TECH, org.airgap.audit.AuditAction.LOGIN, "server", "",
                org.airgap.audit.AuditEntry.GENESIS_HASH);
        org.airgap.audit.AuditEntry finished = org.airgap.audit.AuditEntry.create(2,
                AdminTestServer.START.plusSeconds(60), AdminTestServer.TECH,
                org.airgap.audit.AuditAction.JOB_FINISHED, "job-press", "SUCCEEDED", login.hash());
        server.fixture().repository().storeAudit(AdminTestServer.TECH, List.of(login, finished));
        execute(workbench, AdministrationIds.COMMAND_SHOW_AUDIT); // M1+M2+T
        waitUntil(workbench, "the trails verified", () -> views.text("audit.verification").equals("All 2 trails verified"));
        assertTrue(views.text("audit.trail.0").matches("\u2714 Server trail: \\d+ entries, verified"),
                views.text("audit.trail.0"));
        assertEquals("\u2714 Laptop trail " + login.hash().substring(0, 12) + " (uploaded by tom): 2 entries, verified",
                views.text("audit.trail.1"));
        assertTrue(workbench.ui(() -> workbench.display().getFocusControl() == workbench.find(Table.class,
                testId("audit.table"))), "M1+M2+T puts the keyboard in the audit table");

        views.type("audit.filter.subject", "hall-7");
        waitUntil(workbench, "no such folder yet", () -> views.text("audit.status").equals("No entries match."));
        server.fixture().repository().plant().createFolder(AdminTestServer.ADMIN,
                new org.airgap.model.Folder("hall-7", "Hall 7", "plant"));
        views.press("audit.apply");
        waitUntil(workbench, "the change's entry", () -> auditColumn(4).equals(List.of("folder hall-7")));
        assertEquals(List.of("ada"), auditColumn(2));
        assertEquals(List.of("FOLDER_CREATE"), auditColumn(3));
        assertEquals("Entries 1\u20131, newest first", views.text("audit.status"));
        views.type("audit.filter.action", "LOGIN");
        waitUntil(workbench, "no login about hall-7", () -> views.text("audit.status").equals("No entries match."));
        views.type("audit.filter.action", "folder_create");
        waitUntil(workbench, "the change again", () -> auditColumn(3).equals(List.of("FOLDER_CREATE")));

        views.type("audit.filter.action", "");
        views.type("audit.filter.subject", "");
        views.choose("audit.filter.source", "Laptops");
        waitUntil(workbench, "the laptop's entries", () -> auditColumn(3).equals(List.of("JOB_FINISHED", "LOGIN")));
        assertEquals(List.of("tom (laptop)", "tom (laptop)"), auditColumn(2));
        views.choose("audit.filter.source", "All trails");
        waitUntil(workbench, "both trails' entries", () -> auditColumn(2).containsAll(List.of("tom (laptop)", "ada")));
        views.paintedScreenshot("admin-audit");
        views.type("audit.filter.user", "ada");
        waitUntil(workbench, "only ada's entries", () -> auditColumn(2).stream().distinct().toList().equals(
                List.of("ada")));
        assertTrue(auditColumn(3).containsAll(List.of("LOGIN", "FOLDER_CREATE")), auditColumn(3).toString());

        views.type("audit.filter.from", "2026-13-01");
        waitUntil(workbench, "the refused time",
                () -> views.text("audit.status").startsWith("From '2026-13-01' is not a day"));
        views.type("audit.filter.from", "");
        views.type("audit.filter.user", "");
    }

    @Test
    @Order(51)
    void theAuditTrailIsPagedAndEveryControlHasAKey() throws Exception {
        views.choose("audit.filter.pageSize", "50"); // the status says "Reading" until the page of 50 is shown
        waitUntil(workbench, "the first page", () -> views.text("audit.status").startsWith("Entries 1\u2013"));
        int bays = Math.max(1, 51 - auditColumn(0).size()); // more than one page, each bay an entry
        for (int i = 0; i < bays; i++) {
            server.fixture().repository().plant().createFolder(AdminTestServer.ADMIN,
                    new org.airgap.model.Folder("bay-" + i, "Bay " + i, "plant"));
        }
        views.press("audit.apply");
        waitUntil(workbench, "a full page", () -> views.text("audit.status").equals(
                "Entries 1\u201350, newest first; older entries follow"));
        assertEquals("folder bay-" + (bays - 1), auditColumn(4).get(0), "the newest entry first");
        views.press("audit.older");
        waitUntil(workbench, "the second page", () -> views.text("audit.status").startsWith("Entries 51\u2013"));
        List<String> users = auditColumn(2);
        if (!views.text("audit.status").endsWith("older entries follow")) { // the last page (unless earlier tests added pages)
            assertEquals("tom (laptop)", users.get(users.size() - 1), "the laptop's login, the oldest entry, last");
        }
        views.press("audit.newer");
        waitUntil(workbench, "the first page again", () -> views.text("audit.status").startsWith("Entries 1\u201350"));

        List<String> unreachable = workbench.ui(() -> {
            org.eclipse.swt.widgets.Composite view = workbench.find(Table.class, testId("audit.table")).getParent();
            List<String> found = new java.util.ArrayList<>();
            org.eclipse.swt.widgets.Control[] all = allControls(view).toArray(org.eclipse.swt.widgets.Control[]::new);
            for (int i = 0; i < all.length; i++) {
                if (all[i] instanceof Button button && !button.getText().contains("&")) {
                    found.add(button.getText());
                }
                boolean field = all[i] instanceof Text || all[i] instanceof Combo;
                if (field && !(i > 0 && all[i - 1] instanceof Label label && label.getText().contains("&"))) {
                    found.add(String.valueOf(all[i].getData(org.airgap.client.WorkbenchIds.TEST_ID)));
                }
            }
            return found;
        });
        assertEquals(List.of(), unreachable, "every button has a mnemonic, every field a label with one");
    }

    @Test
    @Order(52)
    void theOverviewDrawsStatusPerFolderAndBackupAges() throws Exception {
        workbench.showPart(AdministrationIds.PART_OVERVIEW);
        execute(workbench, AdministrationIds.COMMAND_REFRESH_OVERVIEW); // the bays of the audit test are new
        waitUntil(workbench, "the overview read again", () -> views.text("overview.message").isEmpty());
        org.eclipse.swt.widgets.Canvas chart = workbench.find(org.eclipse.swt.widgets.Canvas.class,
                testId("overview.chart"));
        waitUntil(workbench, "the picture's figures", () -> String.valueOf(workbench.ui(chart::getToolTipText))
                .contains("Plant Nord: 1 Error, 1 Different, 1 Equal, 1 No job configured"));
        String words = workbench.ui(chart::getToolTipText);
        assertTrue(words.contains("Plant Nord: 1 Error, 1 Different, 1 Equal, 1 No job configured\nLine 1: 1 Error,"
                + " 1 Different\nLine 2: 1 Equal, 1 No job configured\n"), "folders without components left out: " + words);
        assertTrue(words.contains(", never: 2"), "the robot and the spare drive have no backup: " + words);
        assertTrue(workbench.ui(() -> chart.getSize().y) > 80, "the picture has room");
        views.paintedScreenshot("admin-overview-picture");
    }

    /** The texts of one column of the audit table, top to bottom. */
    private static List<String> auditColumn(int index) {
        List<Table> tables = workbench.findAll(Table.class, testId("audit.table"));
        if (tables.isEmpty()) {
            return List.of();
        }
        Table table = tables.get(0);
        return workbench.ui(() -> java.util.Arrays.stream(table.getItems()).map(item -> item.getText(index)).toList());
    }

    private static List<org.eclipse.swt.widgets.Control> allControls(org.eclipse.swt.widgets.Composite parent) {
        List<org.eclipse.swt.widgets.Control> controls = new java.util.ArrayList<>();
        for (org.eclipse.swt.widgets.Control child : parent.getChildren()) {
            controls.add(child);
            if (child instanceof org.eclipse.swt.widgets.Composite composite && !(child instanceof Table)
                    && !(child instanceof Combo)) {
                controls.addAll(allControls(composite));
            }
        }
        return controls;
    }

    // --- the Plant view (org.airgap.client.admin.plant): the demo plant's tree, a folder created and renamed, a
    // component moved by the keyboard (Ctrl+X, Ctrl+V) and one by the drop code, a delete archiving a component with
    // history, Show archived and Restore, and the server's refusals in words. SWT's drag and drop itself is not
    // driven: under Xvfb a drag needs real pointer grabs; the test calls the view's drop method instead.

    @Test
    @Order(60)
    void thePlantViewShowsTheServersPlant() throws Exception {
        PlantViewSteps plant = new PlantViewSteps(workbench);
        workbench.showPart(PlantViewSteps.PART);
        waitUntil(workbench, "the plant read", () -> plant.text("plant.summary").contains(" components"));
        assertTrue(workbench.ui(() -> (plant.tree().getStyle() & SWT.VIRTUAL) != 0), "a virtual tree");
        assertEquals(List.of("Plant Nord | plant | "), plant.rows(null));
        assertTrue(plant.rows("Plant Nord").containsAll(List.of("Line 1 | line-1 | ", "Line 2 | line-2 | ")),
                plant.rows("Plant Nord").toString());
        assertEquals(List.of("Press PLC | press | directory", "Robot 1 | robot | directory"), plant.rows("Line 1"));
        assertEquals(List.of("Back up the press | job-press | "), plant.rows("Press PLC"));
        plant.select("Back up the press");
        assertTrue(plant.details().contains("Backs up: component press (directory) in folder line-1"),
                plant.details());
        assertTrue(plant.details().contains("Runs: "), plant.details());
        plant.select("Press PLC");
        assertTrue(plant.details().contains("Device type: directory"), plant.details());

        // F5 in the Plant view is the view's refresh, not the Overview's (the view's binding context comes first).
        org.eclipse.e4.ui.bindings.EBindingService bindings = workbench.ui(() -> workbench.application().getContext()
                .getActiveLeaf().get(org.eclipse.e4.ui.bindings.EBindingService.class));
        String f5 = workbench.ui(() -> bindings.getPerfectMatch(org.eclipse.jface.bindings.keys.KeySequence
                .getInstance("F5")).getParameterizedCommand().getId());
        assertEquals(PlantViewSteps.COMMAND_REFRESH, f5);
        server.fixture().repository().plant().createFolder(AdminTestServer.ADMIN,
                new org.airgap.model.Folder("hall-8", "Hall 8", "plant"));
        execute(workbench, PlantViewSteps.COMMAND_REFRESH);
        waitUntil(workbench, "the new folder after F5", () -> plant.rows("Plant Nord").contains("Hall 8 | hall-8 | "));
        assertTrue(plant.contextMenu().stream().allMatch(text -> text.contains("&")),
                "every action has a key: " + plant.contextMenu());
    }

    @Test
    @Order(61)
    void aFolderIsCreatedAndRenamedByTheKeyboard() {
        PlantViewSteps plant = new PlantViewSteps(workbench);
        plant.select("Plant Nord");
        org.eclipse.swt.widgets.Shell dialog = plant.keyForDialog(SWT.INSERT, 0, "New Folder in plant");
        plant.type(dialog, "plant.edit.id", "hall-9");
        plant.type(dialog, "plant.edit.name", "Hall 9");
        workbench.press(dialog, "OK");
        waitUntil(workbench, "hall-9 created", () -> plant.status().equals("Created folder hall-9."));
        assertTrue(plant.rows("Plant Nord").contains("Hall 9 | hall-9 | "), plant.rows("Plant Nord").toString());

        dialog = plant.keyForDialog(SWT.F2, 0, "Rename Folder hall-9"); // the new folder is selected
        plant.type(dialog, null, "Hall Nine");
        workbench.press(dialog, "OK");
        waitUntil(workbench, "hall-9 renamed", () -> plant.status().equals("Renamed folder hall-9 to \"Hall Nine\"."));
        assertTrue(plant.rows("Plant Nord").contains("Hall Nine | hall-9 | "), plant.rows("Plant Nord").toString());
        org.eclipse.swt.widgets.Shell top = plant.keyForDialog(SWT.INSERT, SWT.MOD1, "New Folder at the Top Level");
        assertFalse(plant.okEnabled(top), "no id and name yet");
        assertFalse(plant.dialogTexts(top).stream().anyMatch(text -> text.contains("is blank")),
                "no reproach before typing: " + plant.dialogTexts(top));
        plant.type(top, "plant.edit.name", "Yard");
        assertTrue(plant.dialogTexts(top).stream().anyMatch(text -> text.contains("Folder.id is blank")),
                "the model's words once typed: " + plant.dialogTexts(top));
        workbench.press(top, "Cancel");
    }

    @Test
    @Order(62)
    void componentsMoveByCutAndPasteAndByADrop() throws Exception {
        PlantViewSteps plant = new PlantViewSteps(workbench);
        plant.select("Spare drive");
        plant.key('x', SWT.MOD1);
        assertTrue(plant.status().startsWith("Cut component spare"), plant.status());
        plant.select("Hall Nine");
        plant.key('v', SWT.MOD1);
        waitUntil(workbench, "spare moved", () -> plant.status().equals("Moved component spare to folder hall-9."));
        assertEquals(List.of("Spare drive | spare | directory"), plant.rows("Hall Nine"));

        assertTrue(plant.drop("Robot 1", "Hall Nine"), "the drop is taken");
        waitUntil(workbench, "robot moved", () -> plant.status().equals("Moved component robot to folder hall-9."));
        assertEquals(List.of("Robot 1 | robot | directory", "Spare drive | spare | directory"), plant.rows("Hall Nine"));
        assertEquals("hall-9", Services.get(org.airgap.client.admin.AdministrationService.class).components(
                sessions.current().orElseThrow(), false, null).stream().filter(c -> c.component().id().equals("robot"))
                .findFirst().orElseThrow().component().folderId(), "moved on the server");
    }

    @Test
    @Order(63)
    void aComponentWithHistoryIsArchivedShownWithShowArchivedAndRestored() throws Exception {
        PlantViewSteps plant = new PlantViewSteps(workbench);
        plant.select("Robot 1");
        plant.key(SWT.DEL, 0);
        waitUntil(workbench, "robot archived", () -> plant.status().startsWith("Component robot archived with its "));
        assertEquals(List.of("Spare drive | spare | directory"), plant.rows("Hall Nine"), "hidden while archived");

        plant.showArchived(true);
        waitUntil(workbench, "the archived robot shown", () -> plant.rows("Hall Nine").contains(
                "Robot 1 (archived) | robot | directory"));
        TreeItem robot = plant.item("Robot 1 (archived)");
        assertEquals(workbench.ui(() -> workbench.display().getSystemColor(SWT.COLOR_WIDGET_DISABLED_FOREGROUND)),
                workbench.ui(() -> robot.getForeground(0)), "greyed");
        plant.select("Robot 1 (archived)");
        assertTrue(plant.details().contains("Archived: 20"), plant.details());
        plant.select("Back up the press"); // the archived row greyed, not highlighted, and a job's details below
        views.paintedScreenshot("admin-plant-screen");
        workbench.screenshot("admin-plant", workbench.ui(() -> workbench.mainShell().orElseThrow().getBounds()));
        plant.select("Robot 1 (archived)");

        plant.key('r', SWT.MOD1 | SWT.SHIFT);
        waitUntil(workbench, "robot restored", () -> plant.status().equals("Restored component robot."));
        assertTrue(plant.rows("Hall Nine").contains("Robot 1 | robot | directory"), plant.rows("Hall Nine").toString());
        plant.showArchived(false);
    }

    @Test
    @Order(64)
    void theServersRefusalsAreShownInWords() {
        PlantViewSteps plant = new PlantViewSteps(workbench);
        plant.select("Plant Nord");
        plant.key('x', SWT.MOD1);
        plant.select("Hall Nine");
        plant.key('v', SWT.MOD1);
        waitUntil(workbench, "the move refused", () -> plant.status().startsWith(
                "Moving folder plant to folder hall-9 failed: "));
        assertTrue(plant.status().contains("that is the folder itself or inside it"), plant.status());
        assertEquals(List.of("Plant Nord | plant | "), plant.rows(null), "nothing moved");

        plant.select("Hall Nine");
        plant.key(SWT.DEL, 0);
        waitUntil(workbench, "the delete refused", () -> plant.status().startsWith(
                "Deleting folder hall-9 failed: "));
        assertTrue(plant.status().contains("folder 'hall-9' is not empty: it holds component"), plant.status());
    }

    @Test
    @Order(65)
    void aComponentAndItsJobAreMadeInTheDriversFormsWhichRefuseAWrongPortInline() throws Exception {
        PlantViewSteps plant = new PlantViewSteps(workbench);
        plant.select("Hall Nine");
        org.eclipse.swt.widgets.Shell dialog = plant.keyForDialog('n', SWT.MOD1, "New Component");
        plant.type(dialog, "component.id", "drive-9");
        plant.type(dialog, "component.name", "Drive 9");
        plant.choose(dialog, "component.deviceType", "Modbus TCP (modbus-tcp)");
        plant.type(dialog, "form.host", "10.0.0.9");
        plant.type(dialog, "form.port", "70000");
        workbench.settle();
        assertFalse(plant.okEnabled(dialog), "port 70000");
        assertEquals("port: must be a whole number from 1 to 65535, not 70000", plant.label(dialog,
                "form.problem.port"), "the driver's refusal under the field");
        plant.type(dialog, "form.port", "1502");
        workbench.settle();
        assertEquals("", plant.label(dialog, "form.problem.port"));
        assertTrue(plant.okEnabled(dialog));
        workbench.press(dialog, "OK");
        waitUntil(workbench, "drive-9 created", () -> plant.status().equals("Created component drive-9."));
        assertTrue(plant.details().contains("Connection: host, port (values not shown)"), plant.details());

        dialog = plant.keyForDialog('j', SWT.MOD1, "New Job");
        plant.type(dialog, "job.id", "job-drive-9");
        plant.type(dialog, "job.name", "Back up drive 9");
        plant.type(dialog, "form.holdingRegisters", "0-9");
        workbench.settle();
        workbench.press(dialog, "OK");
        waitUntil(workbench, "job-drive-9 created", () -> plant.status().equals("Created job job-drive-9."));
        assertTrue(plant.details().contains("Parameters: holdingRegisters=0-9"), plant.details());

        plant.select("Drive 9");
        org.eclipse.swt.widgets.Shell edit = plant.enterForDialog("Edit Component");
        org.eclipse.swt.widgets.Text port = workbench.find(org.eclipse.swt.widgets.Text.class,
                widget -> widget.getShell() == edit && testId("form.port").test(widget));
        assertEquals("1502", workbench.ui(port::getText), "the form shows the stored value");
        plant.type(edit, "component.name", "Drive Nine");
        workbench.settle();
        workbench.press(edit, "OK");
        waitUntil(workbench, "drive-9 changed", () -> plant.status().equals("Changed component drive-9."));
        org.airgap.model.Component stored = Services.get(org.airgap.client.admin.AdministrationService.class)
                .components(sessions.current().orElseThrow(), false, null).stream()
                .filter(c -> c.component().id().equals("drive-9")).findFirst().orElseThrow().component();
        assertEquals("Drive Nine", stored.name());
        assertEquals(java.util.Map.of("host", "10.0.0.9", "port", "1502"), stored.connection());
    }

    @Test
    @Order(66)
    void anArchivedComponentIsPurgedAfterAConfirmationNamingWhatGoes() {
        PlantViewSteps plant = new PlantViewSteps(workbench);
        plant.select("Drive Nine");
        plant.key(SWT.DEL, 0);
        waitUntil(workbench, "drive-9 archived", () -> plant.status().startsWith("Component drive-9 archived"));
        plant.showArchived(true);
        waitUntil(workbench, "the archived drive shown", () -> plant.rows("Hall Nine").contains(
                "Drive Nine (archived) | drive-9 | modbus-tcp"));
        plant.select("Drive Nine (archived)");
        org.eclipse.swt.widgets.Shell confirm = plant.keyForDialog(SWT.DEL, SWT.SHIFT, "Purge Component drive-9");
        assertTrue(workbench.texts(confirm).stream().anyMatch(text -> text.startsWith(
                "Purge component drive-9 (\"Drive Nine\") with its 1 job(s), 0 run(s) and 0 version(s)?")),
                workbench.texts(confirm).toString());
        workbench.press(confirm, "OK");
        waitUntil(workbench, "drive-9 purged", () -> plant.status().startsWith("Component drive-9 purged"));
        assertFalse(plant.rows("Hall Nine").stream().anyMatch(row -> row.contains("drive-9")));
        plant.showArchived(false);
    }

    // --- every action by keyboard (orders 70-79): real key presses through the display (Keyboard), as the
    // Jobs and Compare views' keyboard tests do; each view's buttons and fields have their own Alt+letter

    @Test
    @Order(70)
    void theRunsAreFilteredAndPagedByKeyboard() {
        Keyboard keys = new Keyboard(workbench);
        workbench.showPart(AdministrationIds.PART_RUNS);
        assertEquals(List.of(), keys.unreachable("runs.table"), "every control of the Runs view has its key");
        keys.focus("runs.table");
        keys.alt('p'); // Com&ponent
        assertEquals("runs.filter.component", keys.focusedId());
        keys.clear();
        keys.key(SWT.CR);
        waitUntil(workbench, "every run, a page of 25", () -> views.text("runs.status").equals(
                "Runs 1\u201325, newest backup first; older runs follow"));
        keys.alt('o'); // &Older
        waitUntil(workbench, "the second page", () -> views.text("runs.status").startsWith("Runs 26\u2013"));
        keys.alt('n'); // &Newer
        waitUntil(workbench, "the first page again", () -> views.text("runs.status").startsWith("Runs 1\u201325"));

        keys.alt('b'); // Jo&b
        assertEquals("runs.filter.job", keys.focusedId());
        keys.type("job-press");
        keys.key(SWT.CR);
        waitUntil(workbench, "the press's runs", () -> column(2).equals(List.of("job-press", "job-press", "job-press")));
        keys.focus("runs.table"); // where the view puts the keyboard when it is activated
        keys.key(SWT.HOME);
        waitUntil(workbench, "the newest press run in full", () -> views.text("runs.detail.title").startsWith("Run run-"));

        keys.alt('b');
        keys.clear();
        keys.key(SWT.CR);
        waitUntil(workbench, "every run again", () -> views.text("runs.status").startsWith("Runs 1\u201325"));
    }

    @Test
    @Order(71)
    void twoVersionsAreSelectedAndComparedByKeyboard() {
        Keyboard keys = new Keyboard(workbench);
        workbench.showPart(PART_VERSIONS);
        assertEquals(List.of(), keys.unreachable("versions.table"), "every control of the Versions view has its key");
        keys.focus("versions.table");
        keys.alt('m'); // Co&mponent
        assertEquals("versions.component", keys.focusedId());
        keys.clear();
        keys.type("press");
        keys.key(SWT.CR);
        waitUntil(workbench, "the press's history", () -> views.text("versions.status").equals(
                "2 versions of press, newest first."));
        assertTrue(keys.tabTo("versions.table", 6), "Tab reaches the versions table, in " + keys.focusedId());
        keys.key(SWT.HOME); // version 2
        keys.shift(SWT.ARROW_DOWN); // and version 1
        assertEquals(2, workbench.ui(() -> workbench.find(Table.class, testId("versions.table")).getSelectionCount()));
        keys.alt('p'); // Com&pare
        waitUntil(workbench, "v1 and v2 compared", () -> views.text("versions.compare.summary").startsWith(
                "Version 1 \u2194 Version 2: Different"));
    }

    @Test
    @Order(72)
    void aUserIsDisabledAndAJobAssignedByKeyboard() {
        Keyboard keys = new Keyboard(workbench);
        UsersViewSteps users = new UsersViewSteps(workbench);
        workbench.showPart(UsersViewSteps.PART);
        assertEquals(List.of(), keys.unreachable("users.table"), "every control of the Users view has its key");
        keys.focus("users.table");
        keys.key(SWT.HOME); // ada
        keys.key(SWT.ARROW_DOWN); // nina
        waitUntil(workbench, "nina selected", () -> users.text("users.jobs.title").startsWith("Jobs of nina"));
        keys.alt('b'); // Disa&ble
        waitUntil(workbench, "nina disabled", () -> users.status().startsWith("Disabled nina"));
        keys.alt('n'); // E&nable
        waitUntil(workbench, "nina enabled", () -> users.status().equals("Enabled nina."));

        keys.focus("users.table");
        keys.key(SWT.END); // tom, who carries every job
        waitUntil(workbench, "tom's jobs", () -> users.text("users.jobs.title").startsWith("Jobs of tom"));
        assertTrue(keys.tabTo("users.jobs", 10), "Tab reaches the jobs table, in " + keys.focusedId());
        keys.key(SWT.HOME); // job-filler
        keys.type(" "); // Space
        waitUntil(workbench, "job-filler unassigned by Space", () -> users.status().startsWith(
                "job-filler is not assigned to tom"));
        assertTrue(users.jobs().contains("[ ] job-filler"), users.jobs().toString());
        keys.alt('s'); // A&ssign
        waitUntil(workbench, "job-filler assigned again", () -> users.status().startsWith(
                "job-filler is assigned to tom"));
        assertTrue(users.jobs().contains("[x] job-filler"), users.jobs().toString());
    }

    @Test
    @Order(73)
    void theAuditTrailIsFilteredAndPagedByKeyboard() {
        Keyboard keys = new Keyboard(workbench);
        keys.focus("users.table");
        keys.ctrlShift('t'); // Administration > Server Audit Trail
        assertEquals("audit.table", keys.focusedId(), "Ctrl+Shift+T puts the keyboard in the audit table");
        assertEquals(List.of(), keys.unreachable("audit.table"), "every control of the audit view has its key");
        keys.alt('s'); // &Subject
        assertEquals("audit.filter.subject", keys.focusedId());
        keys.type("hall-7");
        keys.key(SWT.CR);
        waitUntil(workbench, "the folder's entry", () -> auditColumn(4).equals(List.of("folder hall-7")));
        keys.alt('i'); // Act&ion
        keys.type("login");
        keys.key(SWT.CR);
        waitUntil(workbench, "no login about hall-7", () -> views.text("audit.status").equals("No entries match."));
        keys.clear();
        keys.alt('s');
        keys.clear();
        keys.key(SWT.CR);
        waitUntil(workbench, "a full page", () -> views.text("audit.status").equals(
                "Entries 1\u201350, newest first; older entries follow"));
        keys.alt('o'); // &Older
        waitUntil(workbench, "the second page", () -> views.text("audit.status").startsWith("Entries 51\u2013"));
        keys.alt('n'); // &Newer
        waitUntil(workbench, "the first page again", () -> views.text("audit.status").startsWith("Entries 1\u201350"));
    }

    @Test
    @Order(74)
    void theOverviewIsReadAgainByF5() throws Exception {
        Keyboard keys = new Keyboard(workbench);
        workbench.showPart(AdministrationIds.PART_OVERVIEW);
        assertEquals(List.of(), keys.unreachable("overview.tree"), "every control of the Overview has its key");
        server.commit("run-70", "job-robot", 400, RunOutcome.SUCCEEDED, "robot v2", CompareResult.EQUAL, false);
        keys.focus("overview.tree");
        keys.key(SWT.F5);
        waitUntil(workbench, "the robot's good run", () -> views.text("overview.failed").equals("0 failed last runs"));
    }

    @Test
    @Order(75)
    void theTablesContextMenusOpenByShiftF10() {
        Keyboard keys = new Keyboard(workbench);
        UsersViewSteps users = new UsersViewSteps(workbench);
        workbench.showPart(UsersViewSteps.PART);
        keys.focus("users.table");
        keys.key(SWT.HOME); // ada
        keys.key(SWT.ARROW_DOWN); // nina
        waitUntil(workbench, "nina selected", () -> users.text("users.jobs.title").startsWith("Jobs of nina"));
        Table table = workbench.find(Table.class, testId("users.table"));
        keys.shift(SWT.F10);
        waitUntil(workbench, "the users' context menu", () -> workbench.ui(() -> table.getMenu().isVisible()));
        assertEquals(List.of("Disa&ble", "Reset &Password\u2026", "Make Ad&ministrator"), workbench.ui(
                () -> java.util.Arrays.stream(table.getMenu().getItems()).map(item -> item.getText()).toList()));
        keys.type("b"); // its Disable
        waitUntil(workbench, "nina disabled from the menu", () -> users.status().startsWith("Disabled nina"));
        keys.focus("users.table");
        keys.shift(SWT.F10);
        waitUntil(workbench, "the menu again", () -> workbench.ui(() -> table.getMenu().isVisible()));
        keys.type("n"); // its Enable
        waitUntil(workbench, "nina enabled from the menu", () -> users.status().equals("Enabled nina."));

        workbench.showPart(PART_VERSIONS);
        keys.focus("versions.table");
        keys.key(SWT.HOME); // version 2 alone: compared with version 1
        Table versions = workbench.find(Table.class, testId("versions.table"));
        keys.shift(SWT.F10);
        waitUntil(workbench, "the versions' context menu", () -> workbench.ui(() -> versions.getMenu().isVisible()));
        assertEquals(List.of("Com&pare", "&Download Archive\u2026"), workbench.ui(
                () -> java.util.Arrays.stream(versions.getMenu().getItems()).map(item -> item.getText()).toList()));
        workbench.run(() -> workbench.find(org.eclipse.swt.widgets.Label.class, testId("versions.compare.summary"))
                .setText("")); // so that the compare below is seen to happen
        keys.type("p"); // its Compare
        waitUntil(workbench, "v2 compared with v1 from the menu", () -> views.text("versions.compare.summary").startsWith(
                "Version 1 \u2194 Version 2: Different"));
    }

    @Test
    @Order(99)
    void loggingOutWithdrawsAdministration() {
        sessions.logout();
        waitUntil(workbench, "the Administration menu withdrawn", () -> !menuBar(workbench).contains("Administration"));
        assertEquals(BACKUP, perspective(workbench), "logging out leaves administration for the Backup perspective");
        assertNotOffered("after the administrator logged out");
    }

    private static void assertNotOffered(String who) {
        workbench.settle();
        assertFalse(menuBar(workbench).contains("Administration"), who + ": " + menuBar(workbench));
        assertFalse(perspectiveVisible(workbench, AdministrationIds.PERSPECTIVE), who);
        assertFalse(canExecute(workbench, AdministrationIds.COMMAND_OPEN), who);
        assertFalse(canExecute(workbench, AdministrationIds.COMMAND_BACKUP), who);
        assertEquals(BACKUP, perspective(workbench), who);
    }

    /** The texts of one column of the run table, top to bottom. */
    private static List<String> column(int index) {
        List<Table> tables = workbench.findAll(Table.class, testId("runs.table"));
        if (tables.isEmpty()) {
            return List.of();
        }
        Table table = tables.get(0);
        return workbench.ui(() -> java.util.Arrays.stream(table.getItems()).map(item -> item.getText(index)).toList());
    }

    /** The selected run's log: "LEVEL text" per line. */
    private static List<String> log() {
        Table log = workbench.find(Table.class, testId("runs.detail.log"));
        return workbench.ui(() -> java.util.Arrays.stream(log.getItems())
                .map(item -> item.getText(1) + " " + item.getText(2)).toList());
    }

    /** Selects the run table's row as a click would. */
    private static void select(int row) {
        Table table = workbench.find(Table.class, testId("runs.table"));
        workbench.run(() -> {
            table.setSelection(row);
            Event event = new Event();
            event.item = table.getItem(row);
            table.notifyListeners(SWT.Selection, event);
        });
        workbench.settle();
    }
}
