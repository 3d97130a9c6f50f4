package org.airgap.testing.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.airgap.compare.CompareEngine;
import org.airgap.compare.EntryStatus;
import org.airgap.compare.SnapshotComparison;
import org.airgap.driver.api.DeviceDriver;
import org.airgap.driver.api.DriverResult;
import org.airgap.driver.api.ProblemKind;
import org.airgap.model.CompareResult;
import org.airgap.model.IgnoreRule;
import org.airgap.store.ContentStore;
import org.airgap.store.ContentStores;
import org.airgap.store.Snapshot;
import org.airgap.store.SnapshotWriter;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * What driver tests share: a store to back up into, backups as a run does them (commit on success,
 * discard otherwise), the compare engine and drivers from DS, and a progress that records.
 */
public final class DriverTestKit {

    private final ContentStore store;

    public DriverTestKit(Path storeFolder) throws IOException {
        this.store = ContentStores.open(storeFolder);
    }

    public ContentStore store() {
        return store;
    }

    /** A backup's outcome: the driver's result, the snapshot when it succeeded, what it reported. */
    public record Backup(DriverResult result, Snapshot snapshot, RecordingProgress progress) {
        public Snapshot snapshotOrFail() {
            if (snapshot == null) {
                throw new AssertionError("backup failed: " + result.problems() + "\nlog: " + progress.log());
            }
            return snapshot;
        }
    }

    /** Backs up as a run would: the snapshot is committed only when the driver reports no problem. */
    public Backup backup(DeviceDriver driver, Map<String, String> parameters) throws IOException {
        return backup(driver, parameters, new RecordingProgress());
    }

    public Backup backup(DeviceDriver driver, Map<String, String> parameters, RecordingProgress progress)
            throws IOException {
        try (SnapshotWriter writer = store.newSnapshot()) {
            DriverResult result = driver.backup(parameters, writer, progress);
            return new Backup(result, result.ok() ? writer.commit() : null, progress);
        }
    }

    /** The basis compared with the backup, with the DS compare engine. */
    public SnapshotComparison compare(Snapshot basis, Snapshot backup, List<IgnoreRule> rules) {
        return service(CompareEngine.class, null).compare(basis.manifest(), this::open, backup.manifest(), this::open,
                rules, null);
    }

    /** The backup differs from the basis in {@code path} only, a changed file. */
    public void assertOnlyChanged(Snapshot basis, Snapshot backup, String path) {
        SnapshotComparison comparison = compare(basis, backup, List.of());
        assertEquals(CompareResult.DIFFERENT, comparison.result());
        assertEquals(List.of(path), comparison.differences().stream().map(e -> e.path()).toList());
        assertEquals(EntryStatus.CHANGED, comparison.entry(path).orElseThrow().status());
    }

    /**
     * Cancels a backup of {@code files} at its third progress step and a backup of {@code largeFile} (of
     * {@code largeFileSize} bytes) after {@code largeFileSteps} steps: both end CANCELLED without a
     * snapshot, the large file's after reading less than a quarter of it.
     */
    public void assertCancelsBetweenFilesAndWithinALargeFile(DeviceDriver driver, Map<String, String> files,
            Map<String, String> largeFile, long largeFileSteps, long largeFileSize) throws IOException {
        Backup betweenFiles = backup(driver, files, new RecordingProgress(3));
        DriverAssertions.assertKind(ProblemKind.CANCELLED, betweenFiles.result());
        assertNull(betweenFiles.snapshot());

        RecordingProgress cancelSoon = new RecordingProgress(largeFileSteps);
        Backup withinFile = backup(driver, largeFile, cancelSoon);
        DriverAssertions.assertKind(ProblemKind.CANCELLED, withinFile.result());
        assertTrue(cancelSoon.work() < largeFileSize / 4, "read " + cancelSoon.work() + " bytes after cancelling");
        assertEquals(List.of(), store.snapshotIds());
    }

    private InputStream open(String sha256) throws IOException {
        return store.openBlob(sha256);
    }

    /** The driver registered under {@code driverId} (service property {@link DeviceDriver#ID}). */
    public static DeviceDriver driver(String driverId) {
        return service(DeviceDriver.class, "(" + DeviceDriver.ID + "=" + driverId + ")");
    }

    /** Waits (up to 20 s: SCR activates asynchronously) for a service. */
    public static <T> T service(Class<T> type, String filter) {
        BundleContext context = FrameworkUtil.getBundle(DriverTestKit.class).getBundleContext();
        try {
            ServiceTracker<T, T> tracker = filter == null ? new ServiceTracker<>(context, type, null)
                    : new ServiceTracker<>(context, context.createFilter("(&(objectClass=" + type.getName() + ")"
                            + filter + ")"), null);
            tracker.open();
            try {
                T service = tracker.waitForService(20_000);
                if (service == null) {
                    throw new AssertionError("no " + type.getSimpleName() + (filter == null ? "" : " " + filter)
                            + " service within 20 s: is its bundle in the test runtime and SCR started?");
                }
                return service;
            } finally {
                tracker.close();
            }
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalArgumentException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
