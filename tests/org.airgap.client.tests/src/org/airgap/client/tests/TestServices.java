package org.airgap.client.tests;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;

import org.airgap.testing.workbench.WorkbenchHarness;
import org.airgap.workspace.JobRepository;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The DS services the views use, as the tests reach them, and waiting for the asynchronous UI. */
final class TestServices {

    private TestServices() {
    }

    static <T> T service(Class<T> type) {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(
                FrameworkUtil.getBundle(TestServices.class).getBundleContext(), type, null);
        tracker.open();
        try {
            T service = tracker.waitForService(20_000);
            if (service == null) {
                throw new AssertionError("No " + type.getName() + " service within 20 s: is its bundle in the runtime?");
            }
            return service;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            tracker.close();
        }
    }

    /**
     * The workbench's job repository: the DS service on {@code repository/} in the OSGi instance area,
     * which the test runtime puts in the module's {@code target/work/data} (tycho-surefire's
     * {@code osgiDataDirectory}, emptied before every run) — never the technician's own workspace.
     */
    static JobRepository repository() {
        JobRepository repository = service(JobRepository.class);
        Path home = Path.of(System.getProperty("user.home"), ".airgap");
        if (repository.location().toAbsolutePath().startsWith(home)) {
            throw new AssertionError("The test runtime's job repository is " + repository.location()
                    + ", inside the user's own Airgap folder: the test runtime has no instance area (-data)");
        }
        return repository;
    }

    /** Polls {@code condition} (settling the UI between tries) for up to {@code seconds}. */
    static void waitUntil(WorkbenchHarness workbench, int seconds, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            workbench.settle();
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        // What the screen showed is the best clue to why.
        Path shot = workbench.screenshot("timeout-" + what.replaceAll("[^A-Za-z0-9]+", "-"));
        throw new AssertionError("Waited " + seconds + " s for: " + what + " (screen: " + shot + ")");
    }
}
