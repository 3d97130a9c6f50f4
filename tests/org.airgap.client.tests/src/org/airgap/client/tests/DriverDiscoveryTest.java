package org.airgap.client.tests;

import static org.airgap.testing.workbench.WorkbenchHarness.testId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import org.airgap.testing.workbench.WorkbenchHarness;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * Drivers are found at run time: a driver bundle started while the workbench runs appears in Installed
 * plugins with its parameters, and disappears when it stops — no restart.
 */
class DriverDiscoveryTest {

    private static final String EXAMPLE_DRIVER = "com.example.airgap.driver.http";
    private static WorkbenchHarness workbench;

    @BeforeAll
    static void openWorkbench() {
        workbench = WorkbenchHarness.start("org.airgap.client.product");
        workbench.showPart("org.airgap.client.plugins.part"); // Jobs is in front of it
    }

    @AfterAll
    static void closeWorkbench() {
        if (workbench != null) {
            workbench.close();
        }
    }

    @Test
    void aDriverBundleStartedOrStoppedAtRunTimeAppearsAndDisappears() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(DriverDiscoveryTest.class).getBundleContext();
        Bundle driver = Arrays.stream(context.getBundles()).filter(b -> EXAMPLE_DRIVER.equals(b.getSymbolicName()))
                .findFirst().orElse(null);
        assertNotNull(driver, EXAMPLE_DRIVER + " is not in the test runtime");
        Table drivers = workbench.find(Table.class, testId("plugins.drivers"));

        driver.start();
        List<String> row = waitForRow(drivers, r -> r.get(0).equals("example-http"));
        assertEquals("HTTP files (example)", row.get(1));
        assertEquals("Example Automation Ltd.", row.get(2));
        assertTrue(row.get(4).startsWith("baseUrl*, files*, user, password (secret), timeout=PT5S"), row.get(4));
        workbench.screenshot("installed-plugins-driver-started");

        driver.stop();
        waitForRow(drivers, r -> true, rows -> rows.stream().noneMatch(r -> r.get(0).equals("example-http")));

        driver.start(); // back again, without restarting anything
        waitForRow(drivers, r -> r.get(0).equals("example-http"));
    }

    private static List<String> waitForRow(Table table, Predicate<List<String>> wanted) {
        return waitForRow(table, wanted, rows -> rows.stream().anyMatch(wanted));
    }

    /** Polls the table (the view refreshes on service events, asynchronously) until the rows satisfy {@code done}. */
    private static List<String> waitForRow(Table table, Predicate<List<String>> wanted, Predicate<List<List<String>>> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        List<List<String>> rows = List.of();
        while (System.nanoTime() < deadline) {
            workbench.settle();
            rows = workbench.ui(() -> Arrays.stream(table.getItems()).map(DriverDiscoveryTest::cells).toList());
            if (done.test(rows)) {
                return rows.stream().filter(wanted).findFirst().orElse(List.of());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw new AssertionError("the drivers table did not change as expected within 20 s; rows: " + rows);
    }

    private static List<String> cells(TableItem item) {
        return List.of(item.getText(0), item.getText(1), item.getText(2), item.getText(3), item.getText(4));
    }
}
