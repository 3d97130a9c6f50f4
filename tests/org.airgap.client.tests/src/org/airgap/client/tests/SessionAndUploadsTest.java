package org.airgap.client.tests;

import static org.airgap.testing.workbench.WorkbenchHarness.testId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.airgap.client.WorkbenchIds;
import org.airgap.client.events.WorkbenchEvents;
import org.airgap.model.CompareResult;
import org.airgap.model.Run;
import org.airgap.model.RunOutcome;
import org.airgap.protocol.OfflineGrant;
import org.airgap.protocol.ProtocolJson;
import org.airgap.protocol.ServerSignature;
import org.airgap.session.SessionService;
import org.airgap.store.Snapshot;
import org.airgap.store.SnapshotWriter;
import org.airgap.testing.workbench.WorkbenchHarness;
import org.airgap.workspace.JobRepository;
import org.airgap.workspace.WorkspaceKeys;
import org.airgap.workspace.WorkspaceSettings;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;

/**
 * A technician's session in the real workbench against the real server over HTTP: the login dialog at
 * startup with its refusals, the session indicator, Sync and the Uploads view, and the lock screen when
 * the server restarts or the idle limit passes, with the queued upload still there after the re-login.
 * The tests build on each other, in order, on one workbench.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SessionAndUploadsTest {

    private static final String LOGIN_TITLE = "Log in to Airgap";
    private static final String LOCKED_TITLE = "Airgap is locked";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration IDLE_LIMIT = Duration.ofSeconds(4);
    private static final String PREVIOUS_PASSWORD = "the previous password";

    private static AirgapTestServer server;
    private static WorkbenchHarness workbench;
    private static SessionService sessions;
    private static JobRepository repository;
    private static Path data;
    private static Shell loginShell;
    private static Run queued;

    @BeforeAll
    static void start() throws Exception {
        data = Files.createTempDirectory("airgap-workbench-server");
        server = AirgapTestServer.start(data, Duration.ofMinutes(30));
        // A workspace of its own: the runs other test classes leave queued are not this server's to take.
        Path workspace = Files.createTempDirectory("airgap-workbench-workspace");
        System.setProperty(JobRepository.WORKSPACE_PROPERTY, workspace.toString());
        restartJobRepository();
        sessions = WorkbenchServices.service(SessionService.class);
        repository = WorkbenchServices.service(JobRepository.class);
        assertEquals(workspace, repository.location());
        sessions.logout();
        workbench = WorkbenchServices.startAtTheLoginDialog(WAIT);
        loginShell = workbench.waitForShell(LOGIN_TITLE, WAIT);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (sessions != null && workbench != null && !lockShells().isEmpty()) {
                // Unlocks: a session started elsewhere closes the lock screen.
                sessions.loginOnline(server.uri(), AirgapTestServer.USER, AirgapTestServer.PASSWORD.toCharArray());
                waitUntil(() -> lockShells().isEmpty(), "the lock screen to close after a login");
            }
            if (sessions != null) {
                sessions.logout(); // no session left to lock the next test class's workbench
            }
        } finally {
            try {
                if (workbench != null) {
                    workbench.close();
                }
            } finally {
                try {
                    if (server != null) {
                        server.close();
                    }
                } finally {
                    System.clearProperty(JobRepository.WORKSPACE_PROPERTY);
                    restartJobRepository(); // the next test classes find the runtime's workspace as they left it
                }
            }
        }
    }

    @Test
    @Order(1)
    void theWorkbenchOpensWithTheLoginDialogAndAWrongPasswordIsNamed() {
        WorkbenchServices.paintedScreenshot(workbench, "login-dialog");
        fill(loginShell, server.uri().toString(), AirgapTestServer.USER, "not the password");
        logIn(loginShell);
        String message = waitForMessage(loginShell);
        assertTrue(message.contains("wrong user name or password"), message);
        WorkbenchServices.paintedScreenshot(workbench, "login-wrong-password");
    }

    @Test
    @Order(2)
    void anUnreachableServerIsNamedWithItsAddress() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String address = "http://127.0.0.1:" + closedPort;
        fill(loginShell, address, AirgapTestServer.USER, AirgapTestServer.PASSWORD);
        logIn(loginShell);
        String message = waitForMessage(loginShell);
        assertTrue(message.contains("cannot reach the Airgap server at " + address), message);
        assertTrue(workbench.ui(() -> !loginShell.isDisposed()), "the dialog stays open for another try");
        WorkbenchServices.paintedScreenshot(workbench, "login-unreachable");
    }

    @Test
    @Order(3)
    void aSuccessfulLoginShowsTheUserInTheStatusBarAndRemembersTheServer() {
        fill(loginShell, server.uri().toString(), AirgapTestServer.USER, AirgapTestServer.PASSWORD);
        logIn(loginShell);
        waitUntil(() -> workbench.ui(loginShell::isDisposed), "the login dialog to close");

        String indicator = waitForIndicator("alice (technician)");
        assertTrue(indicator.startsWith("alice (technician) \u00b7 online at 127.0.0.1:" + server.uri().getPort()),
                indicator);
        assertTrue(indicator.contains("idle limit in 29:") || indicator.contains("idle limit in 30:00"), indicator);
        assertTrue(indicator.contains("session ends in 7:59:") || indicator.contains("session ends in 8:00:00"),
                indicator);
        assertEquals(server.uri().toString(),
                InstanceScope.INSTANCE.getNode("org.airgap.client").get("server.url", null));
        WorkbenchServices.paintedScreenshot(workbench, "session-indicator");

        assertEquals(List.of("&Log In\u2026", "Log &Out", "&Sync"), menu("&File").subList(0, 3));
        assertTrue(menu("&Window").containsAll(List.of("&Preferences\u2026", "&Uploads")), menu("&Window").toString());
    }

    @Test
    @Order(4)
    void syncPullsTheJobsAndUploadsAPendingRunWhichTheUploadsViewShowsDone() throws Exception {
        workbench.executeCommand(WorkbenchIds.COMMAND_SYNC);
        waitUntil(() -> status().startsWith("Synced:"), "the first sync to end");
        assertTrue(repository.job(AirgapTestServer.JOB).isPresent(), "the pull brought the assigned job");

        Run run = finishedRun("program v1");
        repositoryChanged();
        waitUntil(() -> row(run.id()).startsWith("Waiting"), "the run to show as waiting");
        WorkbenchServices.paintedScreenshot(workbench, "uploads-waiting");

        workbench.executeCommand(WorkbenchIds.COMMAND_SYNC);
        waitUntil(() -> row(run.id()).startsWith("Done"), "the run to show as done");
        String done = row(run.id());
        assertTrue(done.contains(AirgapTestServer.JOB_NAME), done);
        assertTrue(done.matches(".*version \\d+ created.*"), done);
        assertTrue(status().contains("uploaded"), status());
        assertFalse(repository.pendingUploads().stream().anyMatch(r -> r.id().equals(run.id())),
                "the run left the upload queue");
        WorkbenchServices.paintedScreenshot(workbench, "uploads-done");
    }

    @Test
    @Order(5)
    void anUploadThatCannotReachTheServerIsShownFailedWithTheReasonAndRetryUploadsIt() throws Exception {
        Run run = finishedRun("program v1b");
        repositoryChanged();
        waitUntil(() -> row(run.id()).startsWith("Waiting"), "the run to show as waiting");
        server.stopHttp();
        try {
            workbench.executeCommand(WorkbenchIds.COMMAND_SYNC);
            waitUntil(() -> status().startsWith("Sync failed: cannot reach the Airgap server"), "the sync to fail");
            assertTrue(row(run.id()).startsWith("Waiting"), "a failed pull uploads nothing: " + row(run.id()));

            pressInWorkbench("uploads.retry"); // uploads only
            waitUntil(() -> row(run.id()).startsWith("Failed"), "the upload to fail");
            assertTrue(row(run.id()).contains("cannot reach the Airgap server at " + server.uri()), row(run.id()));
            assertTrue(status().startsWith("Upload failed: cannot reach"), status());
            WorkbenchServices.paintedScreenshot(workbench, "uploads-failed");
        } finally {
            server.startHttp();
        }
        pressInWorkbench("uploads.retry");
        waitUntil(() -> row(run.id()).startsWith("Done"), "the retried upload to be done");
        assertTrue(status().startsWith("Uploaded: 1 run uploaded"), status());
    }

    @Test
    @Order(6)
    void afterLogOutTheTechnicianCanLogInOfflineAndSyncSaysItNeedsTheServer() {
        workbench.executeCommand(WorkbenchIds.COMMAND_LOGOUT);
        waitForIndicator("Not logged in");
        workbench.executeCommand(WorkbenchIds.COMMAND_LOGIN);
        Shell login = workbench.waitForShell(LOGIN_TITLE, WAIT);
        choose(login, "login.offline", "login.online");
        fill(login, null, null, AirgapTestServer.PASSWORD);
        assertTrue(label(login, "login.offlineHint").startsWith("Offline: the password is checked"),
                label(login, "login.offlineHint"));
        assertFalse(workbench.ui(() -> workbench.find(Text.class,
                w -> w.getShell() == login && testId("login.server").test(w)).isEnabled()), "no server offline");
        WorkbenchServices.paintedScreenshot(workbench, "login-offline");
        logIn(login);
        waitUntil(() -> workbench.ui(login::isDisposed), "the offline login to succeed");
        waitUntil(() -> indicator().startsWith("alice (technician) \u00b7 offline \u00b7"), "the indicator to show offline");

        workbench.executeCommand(WorkbenchIds.COMMAND_SYNC);
        Shell refusal = workbench.waitForShell("Sync", WAIT);
        assertTrue(workbench.texts(refusal).stream().anyMatch(t -> t.contains("logged in offline as alice")),
                workbench.texts(refusal).toString());
        workbench.press(refusal, "OK");

        // Back online for the next tests, through the dialog again.
        workbench.executeCommand(WorkbenchIds.COMMAND_LOGIN);
        Shell again = workbench.waitForShell(LOGIN_TITLE, WAIT);
        choose(again, "login.online", "login.offline");
        fill(again, server.uri().toString(), null, AirgapTestServer.PASSWORD);
        logIn(again);
        waitUntil(() -> workbench.ui(again::isDisposed), "the online login to succeed");
        waitUntil(() -> indicator().startsWith("alice (technician) \u00b7 online at"), "the indicator to show online");
    }

    @Test
    @Order(7)
    void aPasswordThatDoesNotOpenTheWorkspaceKeyIsNamedOfflineAndOnlineAndTheWorkspaceStaysLocked() throws Exception {
        workbench.executeCommand(WorkbenchIds.COMMAND_LOGOUT);
        waitForIndicator("Not logged in");
        assertFalse(repository.unlocked(), "the logout locked the workspace");
        // alice's key slot was made with her previous password (changed on the server since): the verifier and
        // the server accept the password she types, her key slot does not open with it.
        WorkspaceKeys keys = WorkspaceKeys.of(repository.location());
        keys.changePassword(AirgapTestServer.USER, AirgapTestServer.PASSWORD.toCharArray(),
                PREVIOUS_PASSWORD.toCharArray());
        workbench.executeCommand(WorkbenchIds.COMMAND_LOGIN);
        Shell login = workbench.waitForShell(LOGIN_TITLE, WAIT);
        workbench.run(() -> {
            login.forceActive();
            login.setActive();
        });
        alt('f'); // O&ffline on this laptop
        alt('p'); // &Password:
        type(AirgapTestServer.PASSWORD);
        key(SWT.CR); // the default button, Log in
        String offline = waitForMessage(login);
        assertTrue(offline.contains("wrong password for alice's key on this workspace: the workspace stays locked"),
                offline);
        assertFalse(repository.unlocked(), "a wrong password for the key leaves the workspace locked");
        assertFalse(sessions.current().isPresent(), "no session without the workspace's key");
        WorkbenchServices.paintedScreenshot(workbench, "login-wrong-workspace-password", around(login));

        alt('o'); // &Online at the server
        alt('p');
        type(AirgapTestServer.PASSWORD); // the refusal selected the password: typing replaces it
        key(SWT.CR);
        waitUntil(() -> label(login, "login.message").contains("does not open alice's key on this laptop"),
                "the online refusal: " + label(login, "login.message"));
        assertFalse(repository.unlocked(), "still locked after the online refusal");
        WorkbenchServices.paintedScreenshot(workbench, "login-wrong-workspace-password-online", around(login));

        // With the slot opening again (the technician logged in once with the previous password), the login unlocks.
        keys.changePassword(AirgapTestServer.USER, PREVIOUS_PASSWORD.toCharArray(),
                AirgapTestServer.PASSWORD.toCharArray());
        alt('p');
        type(AirgapTestServer.PASSWORD);
        key(SWT.CR);
        waitUntil(() -> workbench.ui(login::isDisposed), "the online login to succeed");
        assertTrue(repository.unlocked(), "the login unlocked the workspace");
    }

    @Test
    @Order(8)
    void afterTheOfflineLoginsExpiryExecuteJobsRefusesToRunUntilTheNextSync() throws Exception {
        // Thirty days after the last sync: the stored offline login, signed by the server, has expired.
        Path verifier = repository.location().resolve("session").resolve("verifier-alice.json");
        // Sealed under the workspace's key, which the session holds (docs/formats.md, "Sealed trust files").
        repository.sealedFiles().write(verifier, expired(new String(repository.sealedFiles().read(verifier)
                .orElseThrow(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        int runs = repository.runs().size();
        workbench.showPart(WorkbenchIds.PART_JOBS);
        Table jobs = workbench.find(Table.class, testId("jobs.table"));
        JobsTable.select(workbench, jobs, AirgapTestServer.JOB_NAME);
        workbench.executeCommand(WorkbenchIds.COMMAND_EXECUTE_JOBS);
        Shell refusal = workbench.waitForShell("Execute Jobs", WAIT);
        String text = String.join("\n", workbench.texts(refusal));
        assertTrue(text.contains("Run refused: the offline login for alice on this laptop expired at "), text);
        assertTrue(text.contains("server.ini [Client] offlineLoginDays"), text);
        WorkbenchServices.paintedScreenshot(workbench, "execute-jobs-offline-login-expired", around(refusal));
        workbench.press(refusal, "OK");
        assertEquals(runs, repository.runs().size(), "no run started");

        // A sync brings a new offline login: running jobs is allowed again.
        workbench.executeCommand(WorkbenchIds.COMMAND_SYNC);
        waitUntil(() -> status().startsWith("Synced:"), "the sync to end");
        sessions.requireCurrentSync(AirgapTestServer.USER);
    }

    @Test
    @Order(9)
    void preferencesCheckTheServerUrlAndKeepTheWorkspaceFolderForTheNextStart() throws Exception {
        workbench.executeCommand(WorkbenchIds.COMMAND_PREFERENCES);
        Shell preferences = workbench.waitForShell("Preferences", WAIT);
        Path folder = data.resolve("next-workspace");
        workbench.run(() -> {
            set(preferences, "preferences.server", "airgap-server:8080");
            set(preferences, "preferences.workspace", folder.toString());
        });
        workbench.settle();
        assertTrue(label(preferences, "preferences.message").contains("is not a server URL"),
                label(preferences, "preferences.message"));
        assertFalse(workbench.ui(() -> workbench.find(Button.class,
                b -> b.getShell() == preferences && b.getText().equals("OK")).isEnabled()), "OK with a bad URL");
        WorkbenchServices.paintedScreenshot(workbench, "preferences-bad-url");

        workbench.run(() -> set(preferences, "preferences.server", server.uri().toString()));
        workbench.settle();
        assertEquals("", label(preferences, "preferences.message"));
        Button prune = workbench.ui(() -> workbench.find(Button.class, b -> b.getShell() == preferences
                && testId("preferences.prune").test(b)));
        assertTrue(workbench.ui(prune::getSelection), "pruning after an upload is on by default");
        workbench.run(() -> prune.setSelection(false));
        var node = InstanceScope.INSTANCE.getNode("org.airgap.client");
        try {
            workbench.press(preferences, "OK");
            assertEquals(folder.toString(), node.get("workspace.folder", null));
            assertEquals(server.uri().toString(), node.get("server.url", null));
            // Only the next start uses it: this workbench keeps its workspace.
            assertFalse(repository.location().startsWith(folder));
            // The prune setting is the workspace's, where airgap on the same folder reads it too.
            assertFalse(repository.settings().pruneAfterUpload());
            assertFalse(WorkspaceSettings.read(repository.location()).pruneAfterUpload());
        } finally {
            node.remove("workspace.folder"); // the next workbenches of this runtime keep the default workspace
            node.flush();
            repository.saveSettings(WorkspaceSettings.DEFAULTS);
        }
    }

    @Test
    @Order(10)
    void aRestartedServerLocksTheWorkbenchWithThatReasonAndTheQueuedUploadStays() throws Exception {
        queued = finishedRun("program v2");
        repositoryChanged();
        waitUntil(() -> row(queued.id()).startsWith("Waiting"), "the second run to show as waiting");

        server.restart(IDLE_LIMIT);
        workbench.executeCommand(WorkbenchIds.COMMAND_SYNC);
        Shell lock = workbench.waitForShell(LOCKED_TITLE, WAIT);
        String reason = label(lock, "login.reason");
        assertTrue(reason.contains("The server was restarted \u2014 log in again."), reason);
        // The session's end locked the encrypted workspace: its run records do not open until the next login.
        assertFalse(repository.unlocked(), "the workspace is locked while nobody is logged in");
        assertTrue(queuedOnDisk(queued), "the queued upload stays");
        WorkbenchServices.paintedScreenshot(workbench, "lock-server-restarted");

        fill(lock, null, null, AirgapTestServer.PASSWORD); // user and server are filled in from the last session
        logIn(lock);
        waitUntil(() -> workbench.ui(lock::isDisposed), "the lock screen to close after the login");
        assertTrue(sessions.current().isPresent());
        waitUntil(() -> row(queued.id()).startsWith("Waiting"), "the queued upload to be listed after the login");
    }

    @Test
    @Order(11)
    void afterTheIdleLimitTheWorkbenchLocksAndAfterTheReloginTheQueuedUploadIsStillThere() throws Exception {
        // The login in the previous test got the restarted server's policy: 4 s without activity.
        assertEquals(IDLE_LIMIT, sessions.current().orElseThrow().idleLimit());
        Shell lock = workbench.waitForShell(LOCKED_TITLE, Duration.ofSeconds(20));
        String reason = label(lock, "login.reason");
        assertTrue(reason.contains("The session ended after the idle limit without activity"), reason);
        assertTrue(waitForIndicator("Not logged in").contains("idle limit"));
        assertTrue(queuedOnDisk(queued), "the queued upload is still queued while locked");
        WorkbenchServices.paintedScreenshot(workbench, "lock-idle");

        fill(lock, null, null, AirgapTestServer.PASSWORD);
        logIn(lock);
        waitUntil(() -> workbench.ui(lock::isDisposed), "the lock screen to close after the login");
        waitUntil(() -> row(queued.id()).startsWith("Waiting"), "the queued upload to be listed after the re-login");
        assertTrue(repository.pendingUploads().stream().anyMatch(r -> r.id().equals(queued.id())));

        // It uploads with the new session (whether or not the 4 s limit locks again meanwhile).
        workbench.executeCommand(WorkbenchIds.COMMAND_SYNC);
        waitUntil(() -> row(queued.id()).startsWith("Done"), "the queued run to be uploaded");
    }

    // --- helpers -------------------------------------------------------------------------------------

    /**
     * Stops and starts the job repository's bundle, so that its DS component opens the workspace that
     * {@value JobRepository#WORKSPACE_PROPERTY} names now (the session and sync services follow it).
     */
    private static void restartJobRepository() throws BundleException {
        Bundle bundle = FrameworkUtil.getBundle(JobRepository.class);
        bundle.stop();
        bundle.start();
    }

    /** A finished run of the synced job with a one-file backup, queued for upload as a real run is. */
    private static Run finishedRun(String content) throws IOException {
        Run started = repository.startRun(AirgapTestServer.JOB, AirgapTestServer.USER);
        Snapshot snapshot;
        try (SnapshotWriter writer = repository.store().newSnapshot()) {
            try (OutputStream file = writer.file("program/main.prg", Instant.now())) {
                file.write((content + " " + started.id()).getBytes(StandardCharsets.UTF_8));
            }
            snapshot = writer.commit();
        }
        Run finished = new Run(started.id(), started.jobId(), started.start(), Instant.now(), 1, RunOutcome.SUCCEEDED,
                null, snapshot.id(), CompareResult.NOT_COMPARED, CompareResult.NOT_COMPARED, List.of());
        return repository.finishRun(finished, AirgapTestServer.USER);
    }

    /** Whether {@code run} is in the workspace's upload queue: its marker, readable while the workspace is locked. */
    private static boolean queuedOnDisk(Run run) {
        return Files.exists(repository.location().resolve("uploads").resolve(run.id()));
    }

    /** What the runner of the Jobs view posts when a run ends. */
    private static void repositoryChanged() {
        workbench.run(() -> workbench.application().getContext().get(IEventBroker.class)
                .post(WorkbenchEvents.REPOSITORY_CHANGED, "test: run finished"));
    }

    /** Sets the dialog's fields; {@code null} leaves a field as it is. */
    private static void fill(Shell shell, String serverUrl, String user, String password) {
        workbench.run(() -> {
            set(shell, "login.server", serverUrl);
            set(shell, "login.user", user);
            set(shell, "login.password", password);
        });
    }

    private static void set(Shell shell, String id, String value) {
        if (value != null) {
            workbench.find(Text.class, w -> w.getShell() == shell && testId(id).test(w)).setText(value);
        }
    }

    /** Presses the dialog's Log in button, which must be enabled (a click could not press it otherwise). */
    private static void logIn(Shell shell) {
        Button button = workbench.find(Button.class, b -> b.getShell() == shell && "&Log in".equals(b.getText()));
        waitUntil(() -> workbench.ui(button::isEnabled), "the Log in button to be enabled");
        workbench.press(shell, "&Log in");
    }

    private static String label(Shell shell, String id) {
        return workbench.ui(() -> workbench.find(Label.class, w -> w.getShell() == shell && testId(id).test(w))
                .getText());
    }

    /** Waits until the login is over and returns the dialog's message. */
    private static String waitForMessage(Shell shell) {
        waitUntil(() -> !label(shell, "login.message").isEmpty(), "the login dialog's message");
        return label(shell, "login.message");
    }

    /** The labels of a main menu's items, as E4 fills the menu when it is shown. */
    private static List<String> menu(String title) {
        return workbench.ui(() -> {
            Menu bar = workbench.mainShell().orElseThrow().getMenuBar();
            for (MenuItem item : bar.getItems()) {
                if (item.getText().equals(title)) {
                    item.getMenu().notifyListeners(SWT.Show, new Event());
                    List<String> labels = new ArrayList<>();
                    for (MenuItem child : item.getMenu().getItems()) {
                        if (!child.getText().isEmpty()) {
                            labels.add(child.getText().replaceAll("\t.*", ""));
                        }
                    }
                    item.getMenu().notifyListeners(SWT.Hide, new Event());
                    return labels;
                }
            }
            throw new AssertionError("no menu " + title);
        });
    }

    /** Presses a button of a view (by its test id) as a click would. */
    private static void pressInWorkbench(String id) {
        Button button = workbench.find(Button.class, testId(id));
        waitUntil(() -> workbench.ui(button::isEnabled), "the button " + id + " to be enabled");
        workbench.run(() -> button.notifyListeners(SWT.Selection, new Event()));
    }

    private static String indicator() {
        return workbench.ui(() -> workbench.find(Label.class, testId("session.indicator")).getText());
    }

    private static String waitForIndicator(String prefix) {
        waitUntil(() -> indicator().startsWith(prefix), "the session indicator to show '" + prefix + "'");
        return indicator();
    }

    private static String status() {
        return workbench.ui(() -> workbench.find(Label.class, testId("uploads.status")).getText());
    }

    /** The Uploads view's row of a run, its cells joined by " | "; empty when it is not listed. */
    private static String row(String runId) {
        return workbench.ui(() -> {
            Table table = workbench.find(Table.class, testId("uploads.table"));
            for (TableItem item : table.getItems()) {
                if (item.getText(3).equals(runId)) {
                    List<String> cells = new ArrayList<>();
                    for (int i = 0; i < table.getColumnCount(); i++) {
                        cells.add(item.getText(i));
                    }
                    return String.join(" | ", cells);
                }
            }
            return "";
        });
    }

    private static List<Shell> lockShells() {
        return workbench.ui(() -> {
            List<Shell> open = new ArrayList<>();
            for (Shell shell : workbench.display().getShells()) {
                if (!shell.isDisposed() && shell.isVisible() && LOCKED_TITLE.equals(shell.getText())) {
                    open.add(shell);
                }
            }
            return open;
        });
    }

    /** Selects the radio button {@code chosen} of the login dialog instead of {@code other}, as a click does. */
    private static void choose(Shell login, String chosen, String other) {
        workbench.run(() -> {
            Button on = workbench.find(Button.class, w -> w.getShell() == login && testId(chosen).test(w));
            Button off = workbench.find(Button.class, w -> w.getShell() == login && testId(other).test(w));
            off.setSelection(false);
            on.setSelection(true);
            on.notifyListeners(SWT.Selection, new Event());
        });
    }

    /** The offline login file {@code json} with its signed grant issued 31 days ago and expired a day ago. */
    private static String expired(String json) throws IOException {
        Matcher payload = Pattern.compile("\"payload\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        Matcher signature = Pattern.compile("\"signature\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        assertTrue(payload.find() && signature.find(), json);
        OfflineGrant grant = ProtocolJson.read(new String(Base64.getDecoder().decode(payload.group(1)),
                StandardCharsets.UTF_8), OfflineGrant.class);
        Instant now = Instant.now();
        byte[] old = ProtocolJson.write(new OfflineGrant(grant.verifier(), grant.policy(),
                now.minus(Duration.ofDays(31)), now.minus(Duration.ofDays(1)))).getBytes(StandardCharsets.UTF_8);
        return json.replace(payload.group(1), Base64.getEncoder().encodeToString(old))
                .replace(signature.group(1), server.signingKey().sign(ServerSignature.VERIFIER, "", old));
    }

    /** A dialog with a margin of the workbench around it, for its screenshot. */
    private static Rectangle around(Shell dialog) {
        return workbench.ui(() -> {
            Rectangle bounds = dialog.getBounds();
            return new Rectangle(bounds.x - 30, bounds.y - 30, bounds.width + 60, bounds.height + 60)
                    .intersection(workbench.display().getBounds());
        });
    }

    /** Alt+{@code letter} as typed on the keyboard: the mnemonic of a button or of a field's label. */
    private static void alt(char letter) {
        post(SWT.KeyDown, SWT.ALT, '\0');
        key(letter);
        post(SWT.KeyUp, SWT.ALT, '\0');
    }

    /** Types {@code text} key by key (lower case letters, digits, spaces). */
    private static void type(String text) {
        for (char character : text.toCharArray()) {
            key(character);
        }
    }

    private static void key(int key) {
        char character = key < 0x10000 ? (char) key : '\0';
        int code = key < 0x10000 ? 0 : key;
        if (key == SWT.CR) {
            character = '\r';
            code = SWT.CR;
        }
        post(SWT.KeyDown, code, character);
        post(SWT.KeyUp, code, character);
    }

    /** One key event through the display, as the X server delivers a person's key press. */
    private static void post(int type, int keyCode, char character) {
        workbench.run(() -> {
            Event event = new Event();
            event.type = type;
            event.keyCode = keyCode;
            event.character = character;
            assertTrue(workbench.display().post(event), "the display took the key event");
        });
        workbench.settle();
    }

    private static void waitUntil(BooleanSupplier condition, String what) {
        WorkbenchServices.waitFor(workbench, WAIT, what, condition);
    }
}
