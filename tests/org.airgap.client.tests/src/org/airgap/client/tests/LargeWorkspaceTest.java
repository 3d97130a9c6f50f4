package org.airgap.client.tests;

import static org.airgap.client.tests.WorkbenchServices.waitFor;
import static org.airgap.testing.workbench.WorkbenchHarness.testId;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.testing.workbench.WorkbenchHarness;
import org.airgap.workspace.JobRepository;
import org.airgap.workspace.SyncedData;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A plant's worth of jobs: 5,000 jobs on 1,000 devices in 50 folders. The Jobs view opens, filters and
 * sorts them; the times are printed (not asserted: they depend on the machine) for docs/benchmarks.md.
 */
class LargeWorkspaceTest {

    private static final int JOBS = 5_000;
    /** Devices 0, 3, ..., 999 (334 of them) are Modbus, with 5 jobs each. */
    private static final int MODBUS_JOBS = 334 * 5;
    private static WorkbenchHarness workbench;
    private static long openMillis;

    @BeforeAll
    static void syncFiveThousandJobsAndOpenTheWorkbench() throws Exception {
        JobRepository repository = WorkbenchServices.repository();
        List<Folder> folders = new ArrayList<>();
        List<Component> components = new ArrayList<>();
        List<Job> jobs = new ArrayList<>();
        for (int f = 0; f < 50; f++) {
            folders.add(new Folder("hall-" + f, "Hall " + f, null));
        }
        for (int c = 0; c < JOBS / 5; c++) {
            components.add(new Component("device-" + c, "Device " + c, "hall-" + (c % 50), c % 3 == 0 ? "modbus-tcp"
                    : "directory", Map.of("path", "/mnt/device-" + c)));
        }
        for (int j = 0; j < JOBS; j++) {
            jobs.add(new Job("bulk-" + j, "device-" + (j / 5), "Bulk job " + j, Map.of(), JobOptions.defaults()));
        }
        repository.replaceSynced(new SyncedData(folders, components, jobs, List.of()), "tester");

        long start = System.nanoTime();
        workbench = WorkbenchHarness.start("org.airgap.client.product");
        Table table = workbench.find(Table.class, testId("jobs.table"));
        waitFor(workbench, Duration.ofSeconds(60), "5,000 rows", () -> workbench.ui(table::getItemCount) == JOBS);
        openMillis = (System.nanoTime() - start) / 1_000_000;
    }

    @AfterAll
    static void closeWorkbench() {
        if (workbench != null) {
            workbench.close();
        }
    }

    @Test
    void fiveThousandJobsOpenFilterAndSort() {
        Table table = workbench.find(Table.class, testId("jobs.table"));
        Text filter = workbench.find(Text.class, testId("jobs.filter"));
        assertEquals("Bulk job 0", workbench.ui(() -> table.getItem(0).getText(0)));

        long filterStart = System.nanoTime();
        workbench.run(() -> filter.setText("job 4999"));
        workbench.settle();
        long filterMillis = (System.nanoTime() - filterStart) / 1_000_000;
        assertEquals(1, workbench.ui(table::getItemCount));
        assertEquals("Bulk job 4999", workbench.ui(() -> table.getItem(0).getText(0)));

        long broadStart = System.nanoTime();
        workbench.run(() -> filter.setText("modbus"));
        workbench.settle();
        long broadMillis = (System.nanoTime() - broadStart) / 1_000_000;
        assertEquals(MODBUS_JOBS, workbench.ui(table::getItemCount));
        workbench.screenshot("jobs-5000-filtered");

        workbench.run(() -> filter.setText(""));
        long sortStart = System.nanoTime();
        workbench.run(() -> table.getColumn(1).notifyListeners(SWT.Selection, new Event()));
        workbench.settle();
        long sortMillis = (System.nanoTime() - sortStart) / 1_000_000;
        assertEquals(JOBS, workbench.ui(table::getItemCount));
        workbench.screenshot("jobs-5000");

        System.out.printf("LargeWorkspaceTest: %,d jobs: workbench start to all rows %d ms; filter to 1 row %d ms; "
                + "filter to %d rows %d ms; sort by component %d ms%n", JOBS, openMillis, filterMillis,
                MODBUS_JOBS, broadMillis, sortMillis);
    }
}
