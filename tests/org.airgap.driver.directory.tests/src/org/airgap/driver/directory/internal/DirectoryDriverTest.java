package org.airgap.driver.directory.internal;

import static org.airgap.testing.drivers.DriverAssertions.assertKind;
import static org.airgap.testing.drivers.DriverAssertions.entry;
import static org.airgap.testing.drivers.DriverAssertions.paths;
import static org.airgap.testing.drivers.DriverAssertions.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import org.airgap.compare.SnapshotComparison;
import org.airgap.driver.api.DeviceDriver;
import org.airgap.driver.api.DeviceProblem;
import org.airgap.driver.api.DriverProgress;
import org.airgap.driver.api.DriverResult;
import org.airgap.driver.api.ProblemKind;
import org.airgap.model.CompareResult;
import org.airgap.store.EntryType;
import org.airgap.store.Snapshot;
import org.airgap.testing.drivers.DriverTestKit;
import org.airgap.testing.drivers.RecordingProgress;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The directory driver on temporary folders shaped like a device's share. */
@Timeout(30)
class DirectoryDriverTest {

    private static final String UNICODE_NAME = "Ünïcødé-名前.txt";
    private static final int BIG_SIZE = 8 * 1024 * 1024;

    @TempDir
    Path dir;

    private Path root;
    private DirectoryDriver driver;
    private DriverTestKit kit;

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(dir.resolve("share"));
        Path screens = Files.createDirectories(root.resolve("hmi/project/screens"));
        Files.writeString(screens.resolve("main.xml"), "<screen name=\"main\"/>\n");
        Files.writeString(root.resolve("hmi/alarms.csv"), "id;text\n1;Door open\n");
        Files.createDirectories(root.resolve("hmi/empty"));
        Files.createDirectories(root.resolve("plc"));
        Files.write(root.resolve("plc/program.bin"), random(100_000, 7));
        Files.writeString(root.resolve(UNICODE_NAME), "Grüße\n");
        Files.createSymbolicLink(root.resolve("current"), Path.of("hmi/project"));
        Files.createSymbolicLink(root.resolve("plc/latest.bin"), Path.of("program.bin"));
        Files.createDirectories(root.resolve("big"));
        Files.write(root.resolve("big/firmware.img"), random(BIG_SIZE, 13));
        Files.setLastModifiedTime(root.resolve("hmi/alarms.csv"), FileTime.from(Instant.parse("2024-03-01T10:15:30Z")));
        driver = new DirectoryDriver();
        kit = new DriverTestKit(dir.resolve("store"));
    }

    private Map<String, String> parameters(String... more) {
        Map<String, String> parameters = new java.util.HashMap<>(Map.of("path", root.toString()));
        for (int i = 0; i < more.length; i += 2) {
            parameters.put(more[i], more[i + 1]);
        }
        assertEquals(List.of(), driver.validate(parameters));
        return parameters;
    }

    @Test
    void unchangedFolderIsEqual() throws IOException {
        DriverTestKit.Backup first = kit.backup(driver, parameters());
        Snapshot snapshot = first.snapshotOrFail();
        assertEquals(new TreeSet<>(List.of("big", "big/firmware.img", "current", "hmi", "hmi/alarms.csv", "hmi/empty",
                "hmi/project", "hmi/project/screens", "hmi/project/screens/main.xml", "plc", "plc/latest.bin",
                "plc/program.bin", UNICODE_NAME)), paths(snapshot));
        assertEquals(EntryType.SYMLINK, entry(snapshot, "current").type(), "links are recorded, not followed");
        assertEquals("hmi/project", entry(snapshot, "current").linkTarget());
        assertEquals("program.bin", entry(snapshot, "plc/latest.bin").linkTarget());
        assertEquals(EntryType.DIRECTORY, entry(snapshot, "hmi/empty").type());
        assertEquals(BIG_SIZE, entry(snapshot, "big/firmware.img").size());
        assertEquals(Instant.parse("2024-03-01T10:15:30Z"), entry(snapshot, "hmi/alarms.csv").modified());

        RecordingProgress progress = first.progress();
        assertEquals("bytes", progress.unit());
        assertEquals(snapshot.manifest().totalSize(), progress.total());
        assertEquals(snapshot.manifest().totalSize(), progress.work());

        Snapshot second = kit.backup(driver, parameters()).snapshotOrFail();
        SnapshotComparison comparison = kit.compare(snapshot, second, List.of());
        assertEquals(CompareResult.EQUAL, comparison.result(), comparison.differences().toString());
    }

    @Test
    void changedFileIsDifferent() throws IOException {
        Snapshot before = kit.backup(driver, parameters()).snapshotOrFail();
        Files.write(root.resolve("plc/program.bin"), random(100_000, 8));
        Snapshot after = kit.backup(driver, parameters()).snapshotOrFail();
        kit.assertOnlyChanged(before, after, "plc/program.bin");
    }

    @Test
    void includeAndExcludeGlobs() throws IOException {
        Snapshot hmiWithoutCsv = kit.backup(driver, parameters("include", "hmi/**", "exclude", "**/*.csv"))
                .snapshotOrFail();
        assertEquals(Set.of("hmi", "hmi/empty", "hmi/project", "hmi/project/screens", "hmi/project/screens/main.xml"),
                paths(hmiWithoutCsv));

        RecordingProgress progress = new RecordingProgress();
        Snapshot binaries = kit.backup(driver, parameters("include", "**/*.bin", "exclude", "big\nhmi"), progress)
                .snapshotOrFail();
        assertEquals(Set.of("plc", "plc/latest.bin", "plc/program.bin"), paths(binaries));
        assertEquals(100_000, progress.total(), "the excluded folder big/ is not counted or read");
    }

    @Test
    void missingFolderIsNotFound() throws IOException {
        Path missing = dir.resolve("not-mounted");
        DriverTestKit.Backup backup = kit.backup(driver, Map.of("path", missing.toString()));
        assertKind(ProblemKind.NOT_FOUND, backup.result());
        assertTrue(problem(backup.result()).message().contains(missing.toString()), problem(backup.result()).message());
        assertNull(backup.snapshot());

        DriverResult file = driver.testConnection(Map.of("path", root.resolve("hmi/alarms.csv").toString()),
                DriverProgress.NONE);
        assertKind(ProblemKind.NOT_FOUND, file);
        assertTrue(driver.testConnection(parameters(), DriverProgress.NONE).ok());
    }

    @Test
    void unreadableFileIsPartial() throws IOException {
        Path secret = root.resolve("plc/secret.key");
        Files.writeString(secret, "do not read");
        Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("---------"));
        DirectoryDriver tested = driver;
        if (Files.isReadable(secret)) {
            // Running as root (as in CI containers): permissions do not stop root from reading, so the
            // operating system's refusal is simulated for exactly this file; the driver's handling is the same.
            tested = new DirectoryDriver((file, options) -> {
                if (file.equals(secret)) {
                    throw new AccessDeniedException(file.toString());
                }
                return Files.newInputStream(file, options);
            });
        }
        DriverTestKit.Backup backup = kit.backup(tested, parameters());
        assertFalse(backup.result().ok(), "a backup missing a file is not successful");
        assertNull(backup.snapshot());
        assertEquals(1, backup.result().problems().size(), backup.result().problems().toString());
        DeviceProblem problem = problem(backup.result());
        assertEquals(ProblemKind.PARTIAL, problem.kind());
        assertTrue(problem.message().contains(secret.toString()) && problem.message().contains("permission denied"),
                problem.message());
        assertTrue(backup.progress().log().stream().anyMatch(line -> line.startsWith("Read 5 files")),
                "the other files are still read: " + backup.progress().log());
    }

    @Test
    void fileChangingWhileReadIsReported() throws IOException {
        Path log = root.resolve("hmi/alarms.csv");
        DirectoryDriver tested = new DirectoryDriver((file, options) -> {
            InputStream in = Files.newInputStream(file, options);
            if (file.equals(log)) {
                // The device appends while the driver reads.
                Files.writeString(log, "2;Oil low\n", java.nio.file.StandardOpenOption.APPEND);
                Files.setLastModifiedTime(log, FileTime.from(Instant.parse("2024-03-01T10:16:00Z")));
            }
            return in;
        });
        DriverTestKit.Backup backup = kit.backup(tested, parameters());
        assertFalse(backup.result().ok());
        assertEquals(ProblemKind.PARTIAL, problem(backup.result()).kind());
        assertTrue(problem(backup.result()).message().contains(log + " changed while it was read"),
                problem(backup.result()).message());
        assertTrue(ProblemKind.PARTIAL.retryable(), "the run's next attempt reads it again");
    }

    @Test
    void followLinksCopiesTheTargetsAndKeepsLoopsAsLinks() throws IOException {
        Files.createSymbolicLink(root.resolve("hmi/project/up"), Path.of(".."));
        Files.createSymbolicLink(root.resolve("dangling"), Path.of("nowhere"));
        Snapshot snapshot = kit.backup(driver, parameters("followLinks", "true", "exclude", "big")).snapshotOrFail();
        assertEquals(EntryType.DIRECTORY, entry(snapshot, "current").type());
        assertEquals(EntryType.FILE, entry(snapshot, "current/screens/main.xml").type());
        assertEquals(EntryType.FILE, entry(snapshot, "plc/latest.bin").type());
        assertEquals(entry(snapshot, "plc/program.bin").sha256(), entry(snapshot, "plc/latest.bin").sha256());
        assertEquals(EntryType.SYMLINK, entry(snapshot, "hmi/project/up").type(), "a loop stays a link");
        assertEquals(EntryType.SYMLINK, entry(snapshot, "dangling").type(), "a dangling link stays a link");

        Snapshot notFollowed = kit.backup(driver, parameters("exclude", "big")).snapshotOrFail();
        assertEquals(EntryType.SYMLINK, entry(notFollowed, "hmi/project/up").type());
        assertEquals("..", entry(notFollowed, "hmi/project/up").linkTarget());
        assertEquals("nowhere", entry(notFollowed, "dangling").linkTarget());
    }

    @Test
    void cancellationBetweenFilesAndWithinALargeFile() throws IOException {
        kit.assertCancelsBetweenFilesAndWithinALargeFile(driver, parameters("exclude", "big"),
                parameters("include", "big/**"), 5, BIG_SIZE);
    }

    @Test
    void relativePathIsRefused() {
        assertEquals(List.of("path"), driver.validate(Map.of("path", "share/hmi")).stream().map(p -> p.parameter()).toList());
        assertEquals(List.of("followLinks"), driver.validate(Map.of("path", root.toString(), "followLinks", "yes"))
                .stream().map(p -> p.parameter()).toList());
    }

    @Test
    void driverIsRegisteredAsDsService() throws IOException {
        DeviceDriver service = DriverTestKit.driver("directory");
        Snapshot snapshot = kit.backup(service, parameters("include", "plc/**")).snapshotOrFail();
        assertEquals(Set.of("plc", "plc/latest.bin", "plc/program.bin"), paths(snapshot));
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
