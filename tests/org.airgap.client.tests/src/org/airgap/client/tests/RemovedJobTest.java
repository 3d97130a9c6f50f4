package org.airgap.client.tests;

import static org.airgap.client.tests.WorkbenchServices.paintedScreenshot;
import static org.airgap.client.tests.WorkbenchServices.service;
import static org.airgap.client.tests.WorkbenchServices.waitFor;
import static org.airgap.testing.workbench.WorkbenchHarness.testId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.airgap.client.WorkbenchIds;
import org.airgap.model.CompareResult;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.model.ModelJson;
import org.airgap.model.Run;
import org.airgap.model.RunOutcome;
import org.airgap.protocol.AdminImport;
import org.airgap.protocol.Assignment;
import org.airgap.server.core.ServerRepository;
import org.airgap.session.SessionService;
import org.airgap.testing.workbench.WorkbenchHarness;
import org.airgap.workspace.JobRepository;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * An administrator removes a technician's assignment on the real server while a run of that job waits for
 * upload on the laptop: the workbench's next sync says which job went and why (dialog and status line),
 * keeps the run back from the upload, and the Jobs view shows the job greyed, not runnable, with the reason
 * and its held run. Assigned again, the next sync brings it back and uploads the run. In order, on one
 * workbench.
 */
@TestMethodOrder(OrderAnnotation.class)
class RemovedJobTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String KEPT_JOB = "job-press-2";
    private static final String KEPT_JOB_NAME = "Back up press 2";
    private static final String REMOVED_DIALOG = "Jobs removed from this laptop";
    private static final String REASON = "it is no longer assigned to you (alice): an administrator removed the"
            + " assignment or the job";

    private static AirgapTestServer server;
    private static ServerRepository serverRepository;
    private static JobRepository repository;
    private static SessionService sessions;
    private static WorkbenchHarness workbench;
    private static Run held;

    @BeforeAll
    static void startTheServerAndTheWorkbench() throws Exception {
        Path temp = Files.createTempDirectory("airgap-removed-job");
        server = AirgapTestServer.start(temp.resolve("server"), Duration.ofMinutes(30));
        serverRepository = service(ServerRepository.class);
        JobOptions options = new JobOptions(1, Duration.ZERO, null, true, List.of(), List.of(), List.of());
        serverRepository.importDefinitions(new AdminImport(List.of(new Folder("plant", "Plant", null)),
                List.of(new Component("press-2", "Press 2", "plant", "directory",
                        Map.of("path", Files.createDirectories(temp.resolve("press-2")).toString()))),
                List.of(new Job(KEPT_JOB, "press-2", KEPT_JOB_NAME, Map.of(), options)),
                List.of(new Assignment(KEPT_JOB, AirgapTestServer.USER))));
        repository = WorkbenchServices.useWorkspace(temp.resolve("workspace"));
        sessions = service(SessionService.class);
        sessions.logout();
        workbench = WorkbenchHarness.start("org.airgap.client.product");
        workbench.run(() -> workbench.mainShell().orElseThrow().setBounds(workbench.display().getBounds()));
        sessions.loginOnline(server.uri(), AirgapTestServer.USER, AirgapTestServer.PASSWORD.toCharArray());
    }

    @AfterAll
    static void stopEverything() throws Exception {
        try {
            WorkbenchServices.logOutAndClose(sessions, workbench);
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    @Order(1)
    void aSyncBringsBothJobsAndARunOfOneWaitsForUpload() throws Exception {
        sync();
        waitFor(workbench, WAIT, "the first sync to end", () -> uploadsStatus().startsWith("Synced: 2 jobs"));
        held = failedRun(AirgapTestServer.JOB);
        assertEquals(1, repository.pendingUploads().size());
    }

    @Test
    @Order(2)
    void afterTheAssignmentIsRemovedTheSyncSaysWhichJobWentAndWhyAndHoldsItsRun() throws Exception {
        serverRepository.unassign("admin", AirgapTestServer.JOB, List.of(AirgapTestServer.USER));
        sync();
        Shell notice = workbench.waitForShell(REMOVED_DIALOG, WAIT);
        String message = String.join("\n", workbench.texts(notice));
        assertTrue(message.contains("The sync removed a job from this laptop:"), message);
        assertTrue(message.contains("Job '" + AirgapTestServer.JOB_NAME + "' was removed: " + REASON + "."), message);
        assertTrue(message.contains("Its run waiting for upload stays on this laptop, not uploaded, until the job is"
                + " assigned to you again."), message);
        assertFalse(message.contains(KEPT_JOB_NAME), message);

        waitFor(workbench, WAIT, "the sync's outcome", () -> uploadsStatus().startsWith("Synced:"));
        String status = uploadsStatus();
        assertEquals("Synced: 1 job, nothing to upload \u00b7 '" + AirgapTestServer.JOB_NAME
                + "' removed: no longer assigned to you \u00b7 1 run held, not uploaded", status);
        List<String> upload = uploadsRow(held.id());
        assertEquals("Held", upload.get(0), upload.toString());
        assertEquals(AirgapTestServer.JOB_NAME, upload.get(1), upload.toString());
        assertTrue(upload.get(4).startsWith("not uploaded: " + REASON), upload.toString());
        assertTrue(repository.pendingUploads().stream().anyMatch(run -> run.id().equals(held.id())), "still queued");
        paintedScreenshot(workbench, "sync-removed-job");
        workbench.press(notice, "OK");
    }

    @Test
    @Order(3)
    void theJobsViewShowsTheRemovedJobGreyedWithTheReasonAndItCannotRun() {
        workbench.showPart(WorkbenchIds.PART_JOBS);
        Table jobs = workbench.find(Table.class, testId("jobs.table"));
        String removedName = AirgapTestServer.JOB_NAME + " (removed)";
        waitFor(workbench, WAIT, "the removed job in the Jobs view",
                () -> JobsTable.rows(workbench, jobs).stream().anyMatch(row -> row.get(0).equals(removedName)));
        List<String> removed = row(jobs, removedName);
        assertEquals(List.of("Press 1", "directory"), removed.subList(1, 3), removed.toString());
        assertTrue(removed.get(3).endsWith("failed  \u00b7 1 held"), removed.toString());
        assertEquals(List.of(KEPT_JOB_NAME, "Press 2", "directory", "Never"), row(jobs, KEPT_JOB_NAME).subList(0, 4));
        String summary = label("jobs.summary");
        assertTrue(summary.contains(" \u00b7 '" + AirgapTestServer.JOB_NAME + "' removed: no longer assigned to you, 1"
                + " run held (greyed, the tooltip says more)"), summary);
        assertNotNull(workbench.ui(() -> item(jobs, removedName).getImage(0)), "the removed job is marked");
        String tooltip = tooltip(jobs, removedName);
        assertTrue(tooltip.startsWith("Removed from this laptop by the sync of "), tooltip);
        assertTrue(tooltip.endsWith(": " + REASON + ". 1 run of it waiting for upload is held here, not uploaded, until"
                + " the job is assigned to you again.\nIt cannot be run here."), tooltip);
        assertEquals(workbench.ui(() -> workbench.display().getSystemColor(SWT.COLOR_DARK_GRAY).getRGB()),
                workbench.ui(() -> item(jobs, removedName).getForeground(0).getRGB()), "greyed");

        JobsTable.select(workbench, jobs, removedName);
        assertFalse(executeEnabled(), "a removed job cannot run");
        JobsTable.select(workbench, jobs, removedName, KEPT_JOB_NAME);
        assertTrue(executeEnabled(), "the job still assigned can");
        JobsTable.select(workbench, jobs, removedName);
        paintedScreenshot(workbench, "jobs-removed-job");
    }

    @Test
    @Order(4)
    void assignedAgainTheNextSyncBringsTheJobBackAndUploadsItsHeldRun() throws Exception {
        serverRepository.assign("admin", AirgapTestServer.JOB, List.of(AirgapTestServer.USER));
        sync();
        waitFor(workbench, WAIT, "the held run to be uploaded", () -> uploadsStatus().startsWith(
                "Synced: 2 jobs, 1 run uploaded"));
        assertFalse(uploadsStatus().contains("removed"), uploadsStatus());
        assertTrue(repository.pendingUploads().isEmpty(), "the held run went up");
        Table jobs = workbench.find(Table.class, testId("jobs.table"));
        waitFor(workbench, WAIT, "the job back in the Jobs view, runnable",
                () -> JobsTable.rows(workbench, jobs).stream().anyMatch(r -> r.get(0).equals(AirgapTestServer.JOB_NAME))
                        && !label("jobs.summary").contains("removed"));
        assertTrue(workbench.ui(() -> Arrays.stream(workbench.display().getShells())
                .noneMatch(shell -> shell.isVisible() && REMOVED_DIALOG.equals(shell.getText()))), "no job removed");
    }

    @Test
    @Order(5)
    void aQueuedRunWhoseRecordWasWrittenPlainIsShownUnreadableAndNotSentWhileTheOthersUpload() throws Exception {
        Run planted = failedRun(AirgapTestServer.JOB);
        Run untouched = failedRun(KEPT_JOB);
        Path record = repository.location().resolve("runs").resolve(planted.id() + ".json");
        // Someone without the workspace's key edits the record: written plain, the encrypted workspace refuses it.
        Files.writeString(record, ModelJson.write(planted).replace("FAILED", "SUCCEEDED"));
        sync();
        waitFor(workbench, WAIT, "the sync's outcome", () -> uploadsStatus().startsWith("Synced: 2 jobs, 1 run "
                + "uploaded") && uploadsStatus().contains("1 run not sent, cannot be read on this laptop: run "
                + planted.id() + " cannot be read"));
        List<String> unreadable = uploadsRow(planted.id());
        assertEquals("Unreadable", unreadable.get(0), unreadable.toString());
        assertTrue(unreadable.get(4).contains(" is plain in an encrypted workspace"), unreadable.toString());
        assertTrue(unreadable.get(4).endsWith("; it is not uploaded"), unreadable.toString());
        assertEquals("Done", uploadsRow(untouched.id()).get(0));
        assertTrue(serverRepository.committed(planted.id()).isEmpty(), "nothing of it reached the server");
        paintedScreenshot(workbench, "uploads-unreadable-run");
    }

    // --- helpers -------------------------------------------------------------------------------------

    /** File > Sync (each test waits for the end of its sync). */
    private static void sync() {
        workbench.executeCommand(WorkbenchIds.COMMAND_SYNC);
    }

    /** A run that failed (no backup, nothing to upload but the run itself), queued for upload as a real one. */
    private static Run failedRun(String jobId) throws Exception {
        Run started = repository.startRun(jobId, AirgapTestServer.USER);
        return repository.finishRun(new Run(started.id(), jobId, started.start(), Instant.now(), 1, RunOutcome.FAILED,
                null, null, CompareResult.NOT_COMPARED, CompareResult.NOT_COMPARED, List.of()), AirgapTestServer.USER);
    }

    private static String uploadsStatus() {
        return label("uploads.status");
    }

    private static String label(String id) {
        return workbench.ui(() -> workbench.find(Label.class, testId(id)).getText());
    }

    private static boolean executeEnabled() {
        return workbench.ui(() -> workbench.find(Button.class, testId("jobs.execute")).isEnabled());
    }

    /** The Uploads view's row of a run: state, job, finished, run, details. */
    private static List<String> uploadsRow(String runId) {
        Table table = workbench.find(Table.class, testId("uploads.table"));
        return JobsTable.rows(workbench, table).stream().filter(row -> row.get(3).equals(runId)).findFirst()
                .orElseThrow(() -> new AssertionError("no upload row of " + runId));
    }

    private static List<String> row(Table jobs, String name) {
        return JobsTable.rows(workbench, jobs).stream().filter(row -> row.get(0).equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + name + " in " + JobsTable.rows(workbench, jobs)));
    }

    /**
     * The tooltip of a row's Job cell, from the label provider of the JFace column (which keeps itself in the
     * column's data; the tests do not link JFace, so by reflection).
     */
    private static String tooltip(Table jobs, String name) {
        return workbench.ui(() -> {
            Object column = jobs.getColumn(0).getData("org.eclipse.jface.columnViewer");
            Class<?> type = column.getClass();
            while (!type.getSimpleName().equals("ViewerColumn")) {
                type = type.getSuperclass();
            }
            Method labelProvider = type.getDeclaredMethod("getLabelProvider");
            labelProvider.setAccessible(true);
            Object labels = labelProvider.invoke(column);
            // Through the public JFace type: the view's own label provider class is private.
            Class<?> cellLabels = labels.getClass();
            while (!cellLabels.getSimpleName().equals("CellLabelProvider")) {
                cellLabels = cellLabels.getSuperclass();
            }
            return (String) cellLabels.getMethod("getToolTipText", Object.class).invoke(labels,
                    item(jobs, name).getData());
        });
    }

    private static TableItem item(Table jobs, String name) {
        for (TableItem item : jobs.getItems()) {
            if (item.getText(0).equals(name)) {
                return item;
            }
        }
        throw new AssertionError("no row " + name);
    }
}
