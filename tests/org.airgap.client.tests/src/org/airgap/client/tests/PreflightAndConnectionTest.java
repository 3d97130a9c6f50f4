package org.airgap.client.tests;

import static org.airgap.client.tests.WorkbenchServices.paintedScreenshot;
import static org.airgap.client.tests.WorkbenchServices.waitFor;
import static org.airgap.client.tests.WorkbenchServices.waitUntil;
import static org.airgap.testing.workbench.WorkbenchHarness.testId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.airgap.demo.DemoPlant;
import org.airgap.model.Component;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.protocol.AdminImport;
import org.airgap.testing.workbench.WorkbenchHarness;
import org.airgap.workspace.JobRepository;
import org.airgap.workspace.SyncedData;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Before the visit, in the Jobs view: the pre-flight mark on a job whose driver is not installed, and Test
 * Connection on the demo plant's real PLC (Modbus TCP) and robot (FTP) and on a PLC that is switched off,
 * through the real check service and drivers. Screenshots: target/screenshots/preflight-*.png.
 */
@TestMethodOrder(OrderAnnotation.class)
class PreflightAndConnectionTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String TEST_CONNECTION = "org.airgap.client.jobs.command.testconnection";
    private static final String PLC1 = "PLC 1 holding registers";
    private static final String PLC2 = "PLC 2 holding registers";
    private static final String PRESS = "Press data blocks";
    private static final String ROBOT1 = "Robot 1 programs and configuration";
    private static final String FILLER1 = "Filler 1 OPC UA variables";
    private static final String PRESS1 = "Press PLC S7 memory";

    private static Path temp;
    private static DemoPlant plant;
    private static WorkbenchHarness workbench;
    private static Table jobs;

    @BeforeAll
    static void syncThePlantAndOpenTheWorkbench() throws Exception {
        temp = Files.createTempDirectory("airgap-preflight");
        plant = DemoPlant.start(temp.resolve("plant"), 0, 0);
        JobRepository repository = WorkbenchServices.useWorkspace(temp.resolve("workspace"));
        AdminImport demo = plant.definitions("tech");
        List<Component> components = new ArrayList<>(demo.components());
        List<Job> jobList = new ArrayList<>(demo.jobs());
        components.add(new Component("plc2", "PLC 2 (switched off)", "line1", "modbus-tcp",
                Map.of("host", "127.0.0.1", "port", Integer.toString(closedPort()), "timeout", "PT2S")));
        jobList.add(new Job("plc2-registers", "plc2", PLC2, Map.of("holdingRegisters", "0-9"), JobOptions.defaults()));
        components.add(new Component("press", "Press PLC", "line1", "s7", Map.of("host", "192.168.10.7")));
        jobList.add(new Job("press-db", "press", PRESS, Map.of(), JobOptions.defaults()));
        repository.replaceSynced(new SyncedData(demo.folders(), components, jobList, List.of()), "tech");

        workbench = WorkbenchHarness.start("org.airgap.client.product");
        workbench.run(() -> workbench.mainShell().orElseThrow().setBounds(workbench.display().getBounds()));
        jobs = workbench.find(Table.class, testId("jobs.table"));
        waitFor(workbench, WAIT, "the six synced jobs", () -> rows().size() == 6);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    @AfterAll
    static void closeEverything() throws Exception {
        try {
            if (workbench != null) {
                workbench.close();
            }
        } finally {
            try {
                WorkbenchServices.useRuntimeWorkspace();
            } finally {
                if (plant != null) {
                    plant.close();
                }
            }
        }
    }

    @Test
    @Order(1)
    void aJobWhoseDriverIsMissingIsMarkedBeforeTheVisit() {
        waitFor(workbench, WAIT, "the pre-flight mark on the press's job",
                () -> workbench.ui(() -> item(PRESS).getImage(0)) != null);
        for (String runnable : List.of(PLC1, PLC2, ROBOT1, FILLER1, PRESS1)) {
            assertNull(workbench.ui(() -> item(runnable).getImage(0)), runnable + " can run here: no mark");
        }
        String summary = workbench.ui(() -> workbench.find(Label.class, testId("jobs.summary")).getText());
        assertTrue(summary.contains("1 job cannot run on this laptop"), summary);
        paintedScreenshot(workbench, "preflight-jobs");
    }

    @Test
    @Order(2)
    void testConnectionShowsWhichDevicesAnswer() {
        select(PLC1, PLC2, ROBOT1);
        workbench.executeCommand(TEST_CONNECTION);
        Shell dialog = workbench.waitForShell("Test Connection", WAIT);
        Label status = workbench.find(Label.class, l -> l.getShell() == dialog
                && testId("jobs.connectiontest.status").test(l));
        waitUntil(workbench, WAIT, "the connection test's results", () -> status.getText().contains("did not pass"));
        Table results = workbench.find(Table.class, t -> t.getShell() == dialog
                && testId("jobs.connectiontest.table").test(t));
        List<List<String>> rows = workbench.ui(() -> Arrays.stream(results.getItems())
                .map(item -> IntStream.range(0, results.getColumnCount()).mapToObj(item::getText).toList()).toList());
        assertEquals(List.of(PLC1, PLC2, ROBOT1), rows.stream().map(row -> row.get(0)).toList());
        assertEquals(List.of("yes", "no", "yes"), rows.stream().map(row -> row.get(1)).toList(), rows.toString());
        assertTrue(rows.get(1).get(4).startsWith("Unreachable: "), rows.get(1).toString());
        assertEquals("", rows.get(0).get(4));
        assertTrue(rows.get(0).get(3).matches("\\d+ ms|\\d+\\.\\d s"), rows.get(0).toString());
        assertEquals("1 of 3 devices did not pass the test; the Problem column says why.",
                workbench.ui(status::getText));
        workbench.run(() -> {
            results.setSelection(1);
            results.notifyListeners(SWT.Selection, new Event());
        });
        String detail = workbench.ui(() -> workbench.find(Text.class, t -> t.getShell() == dialog
                && testId("jobs.connectiontest.detail").test(t)).getText());
        assertTrue(detail.startsWith(PLC2 + ": Unreachable: 127.0.0.1:"), detail);
        assertTrue(detail.endsWith("close other Modbus tools)"), "the whole problem: " + detail);
        Rectangle area = workbench.ui(() -> {
            Rectangle bounds = dialog.getBounds();
            return new Rectangle(bounds.x - 20, bounds.y - 20, bounds.width + 40, bounds.height + 40);
        });
        paintedScreenshot(workbench, "preflight-connection-test", area);

        Button close = workbench.find(Button.class, b -> b.getShell() == dialog
                && b.getText().replace("&", "").equals("Close"));
        workbench.run(() -> close.notifyListeners(SWT.Selection, new Event()));
        waitUntil(workbench, WAIT, "the dialog to close", dialog::isDisposed);
        assertNotNull(jobs);
    }

    private static List<List<String>> rows() {
        return JobsTable.rows(workbench, jobs);
    }

    private static TableItem item(String jobName) {
        rows();
        return Arrays.stream(jobs.getItems()).filter(i -> i.getText(0).equals(jobName)).findFirst().orElseThrow();
    }

    private static void select(String... jobNames) {
        JobsTable.select(workbench, jobs, jobNames);
    }
}
