package org.airgap.driver.ftp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.airgap.driver.api.DeviceDriver;
import org.airgap.store.ManifestEntry;
import org.airgap.store.Snapshot;
import org.airgap.testing.drivers.DriverTestKit;
import org.airgap.testing.drivers.DriverTestKit.Backup;
import org.airgap.testing.drivers.RecordingProgress;
import org.apache.ftpserver.ftplet.DefaultFtplet;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.ftplet.FtpletResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;

/**
 * Gentle mode against a real FtpServer that notes when each command arrives. Times are only checked from
 * below: a loaded machine makes everything slower, never faster.
 */
@Timeout(60)
class FtpGentleModeTest {

    private static final Duration PAUSE = Duration.ofMillis(60);
    private static final int FILE_SIZE = 64 * 1024;
    private static final long CAP = 64 * 1024;

    @TempDir
    static Path shared;

    private static TestFtpServer server;
    private static DeviceDriver driver;
    private static byte[] first;
    private static byte[] second;
    private static final List<Arrival> ARRIVALS = Collections.synchronizedList(new ArrayList<>());

    @TempDir
    Path dir;

    private DriverTestKit kit;

    /** A command as the server received it. */
    private record Arrival(String command, long nanoTime) {
    }

    @BeforeAll
    static void startServer() throws Exception {
        Path home = Files.createDirectories(shared.resolve("home"));
        Random random = new Random(20261207);
        first = new byte[FILE_SIZE];
        second = new byte[FILE_SIZE];
        random.nextBytes(first);
        random.nextBytes(second);
        Files.write(Files.createDirectories(home.resolve("robot")).resolve("program.bin"), first);
        Files.write(home.resolve("robot/backup.bin"), second);
        Files.writeString(home.resolve("robot/config.txt"), "speed=1200\n");
        DefaultFtplet timing = new DefaultFtplet() {
            @Override
            public FtpletResult beforeCommand(FtpSession session, FtpRequest request) {
                ARRIVALS.add(new Arrival(request.getCommand(), System.nanoTime()));
                return FtpletResult.DEFAULT;
            }
        };
        server = TestFtpServer.start(home, shared, null, Map.of("timing", timing));
        driver = TestFtpServer.driver();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void newStore() throws IOException {
        kit = new DriverTestKit(dir.resolve("store"));
        ARRIVALS.clear();
    }

    private static Map<String, String> parameters(String concurrency) {
        return Map.of("host", "127.0.0.1", "port", Integer.toString(server.port()), "user", TestFtpServer.USER,
                "password", TestFtpServer.PASSWORD, "timeout", "PT5S", "paths", "/robot", "concurrency", concurrency);
    }

    @Test
    void everyCommandArrivesAtLeastThePauseAfterThePreviousOne() throws Exception {
        Backup backup = kit.backup(driver, parameters("1"), new RecordingProgress().withPacing(PAUSE, 0));
        assertContent(backup.snapshotOrFail());
        List<Arrival> arrivals = List.copyOf(ARRIVALS);
        List<String> commands = arrivals.stream().map(Arrival::command).toList();
        assertTrue(commands.containsAll(List.of("USER", "PASS", "TYPE", "RETR")) && commands.size() > 10,
                commands.toString());
        for (int i = 1; i < arrivals.size(); i++) {
            long gap = arrivals.get(i).nanoTime() - arrivals.get(i - 1).nanoTime();
            assertTrue(gap >= PAUSE.toNanos(), commands.get(i) + " came " + gap / 1_000_000 + " ms after "
                    + commands.get(i - 1) + ": " + commands);
        }
        assertTrue(backup.progress().log().contains("Gentle mode (at least 60 ms between requests): each command waits "
                + "for the pause after the last reply or data, file contents are read no faster than the cap"),
                backup.progress().log().toString());
    }

    @Test
    void aCappedDownloadTakesItsSizeOverTheCap() throws Exception {
        long started = System.nanoTime();
        Backup backup = kit.backup(driver, parameters("1"), new RecordingProgress().withPacing(Duration.ZERO, CAP));
        long elapsed = System.nanoTime() - started;
        assertContent(backup.snapshotOrFail());
        long bytes = 2L * FILE_SIZE;
        assertTrue(elapsed >= Duration.ofSeconds(1).multipliedBy(bytes).dividedBy(CAP).toNanos(),
                bytes + " bytes at " + CAP + " B/s took " + elapsed / 1_000_000 + " ms");
    }

    @Test
    void parallelConnectionsShareOneCap() throws Exception {
        long started = System.nanoTime();
        Backup backup = kit.backup(driver, parameters("2"), new RecordingProgress().withPacing(Duration.ofMillis(10), CAP));
        long elapsed = System.nanoTime() - started;
        assertContent(backup.snapshotOrFail());
        // Two connections with a cap each would take half as long.
        long bytes = 2L * FILE_SIZE;
        assertTrue(elapsed >= Duration.ofSeconds(1).multipliedBy(bytes).dividedBy(CAP).toNanos(),
                bytes + " bytes at " + CAP + " B/s over two connections took " + elapsed / 1_000_000 + " ms");
        assertTrue(backup.progress().log().stream().anyMatch(line -> line.startsWith("Gentle mode")
                && line.endsWith("; the connections share both")), backup.progress().log().toString());
    }

    private void assertContent(Snapshot snapshot) throws IOException {
        assertArrayEquals(first, content(snapshot, "robot/program.bin"));
        assertArrayEquals(second, content(snapshot, "robot/backup.bin"));
    }

    private byte[] content(Snapshot snapshot, String path) throws IOException {
        ManifestEntry entry = snapshot.manifest().entry(path).orElseThrow(() -> new AssertionError("no " + path));
        try (InputStream in = kit.store().openBlob(entry.sha256())) {
            return in.readAllBytes();
        }
    }
}
