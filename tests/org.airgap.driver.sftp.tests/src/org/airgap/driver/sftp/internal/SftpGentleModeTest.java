package org.airgap.driver.sftp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.airgap.driver.api.ProblemKind;
import org.airgap.store.ManifestEntry;
import org.airgap.store.Snapshot;
import org.airgap.testing.drivers.DriverAssertions;
import org.airgap.testing.drivers.DriverTestKit;
import org.airgap.testing.drivers.RecordingProgress;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.session.ServerSession;
import org.apache.sshd.sftp.server.DirectoryHandle;
import org.apache.sshd.sftp.server.FileHandle;
import org.apache.sshd.sftp.server.Handle;
import org.apache.sshd.sftp.server.SftpEventListener;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gentle mode against a real MINA SSHD server that notes when each folder and file is opened. Times are
 * only checked from below: a loaded machine makes everything slower, never faster.
 */
@Timeout(60)
class SftpGentleModeTest {

    private static final String USER = "robot";
    private static final String PASSWORD = "gentle";
    private static final Duration PAUSE = Duration.ofMillis(60);
    private static final int FILE_SIZE = 96 * 1024;
    private static final long CAP = 64 * 1024;

    @TempDir
    Path dir;

    private SshServer server;
    private SftpDriver driver;
    private DriverTestKit kit;
    private final List<Long> opens = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, byte[]> files = new HashMap<>();

    @BeforeEach
    void start() throws IOException {
        Path root = Files.createDirectories(dir.resolve("device/programs/cell1"));
        Random random = new Random(20261207);
        for (String name : List.of("programs/a.bin", "programs/b.bin", "programs/cell1/c.bin", "programs/cell1/d.bin")) {
            byte[] content = new byte[name.endsWith("a.bin") ? FILE_SIZE : 2048];
            random.nextBytes(content);
            Files.write(dir.resolve("device").resolve(name), content);
            files.put(name, content);
        }
        SftpSubsystemFactory sftp = new SftpSubsystemFactory();
        sftp.addSftpEventListener(new SftpEventListener() {
            @Override
            public void open(ServerSession session, String remoteHandle, Handle localHandle) {
                if (localHandle instanceof FileHandle || localHandle instanceof DirectoryHandle) {
                    opens.add(System.nanoTime());
                }
            }
        });
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(dir.resolve("hostkey.ser")));
        server.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
        server.setSubsystemFactories(List.of(sftp));
        server.setFileSystemFactory(new VirtualFileSystemFactory(dir.resolve("device")));
        server.start();
        driver = new SftpDriver(dir.resolve("known_hosts"));
        kit = new DriverTestKit(dir.resolve("store"));
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.stop(true);
        }
    }

    @Test
    void everyFolderAndFileIsOpenedAtLeastThePauseAfterThePreviousOne() throws IOException {
        DriverTestKit.Backup backup = kit.backup(driver, parameters(), new RecordingProgress().withPacing(PAUSE, 0));
        assertContent(backup.snapshotOrFail());
        List<Long> times = List.copyOf(opens);
        assertEquals(6, times.size(), "two folders and four files opened: " + times);
        for (int i = 1; i < times.size(); i++) {
            long gap = times.get(i) - times.get(i - 1);
            assertTrue(gap >= PAUSE.toNanos(), "open " + i + " came " + gap / 1_000_000 + " ms after the one before");
        }
        assertTrue(backup.progress().log().stream().anyMatch(line -> line.startsWith("Gentle mode (at least 60 ms "
                + "between requests): one file at a time")), backup.progress().log().toString());
    }

    @Test
    void fileContentsAreReadNoFasterThanTheCap() throws IOException {
        long start = System.nanoTime();
        DriverTestKit.Backup backup = kit.backup(driver, parameters(), new RecordingProgress().withPacing(Duration.ZERO, CAP));
        long elapsed = System.nanoTime() - start;
        assertContent(backup.snapshotOrFail());
        long bytes = files.values().stream().mapToLong(content -> content.length).sum();
        // The first reported bytes start the clock: all but the first piece take at least (bytes - piece) / cap.
        long floor = (bytes - 32 * 1024) * 1_000_000_000L / CAP;
        assertTrue(elapsed >= floor, bytes + " bytes at " + CAP + " B/s took " + elapsed / 1_000_000 + " ms, less than "
                + floor / 1_000_000 + " ms");
    }

    @Test
    void aCancelEndsThePause() throws IOException {
        // Cancelled once the first file is read, while the second waits out a pause longer than the test may take.
        Map<String, String> twoFiles = new HashMap<>(parameters());
        twoFiles.put("paths", "/programs/a.bin, /programs/b.bin");
        DriverTestKit.Backup backup = kit.backup(driver, twoFiles,
                new RecordingProgress(1).withPacing(Duration.ofMinutes(5), 0));
        DriverAssertions.assertKind(ProblemKind.CANCELLED, backup.result());
        assertEquals(1, opens.size(), "the second file was never opened: " + opens);
    }

    private void assertContent(Snapshot snapshot) throws IOException {
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            ManifestEntry entry = snapshot.manifest().entry(file.getKey())
                    .orElseThrow(() -> new AssertionError("no " + file.getKey()));
            try (InputStream in = kit.store().openBlob(entry.sha256())) {
                assertArrayEquals(file.getValue(), in.readAllBytes(), file.getKey());
            }
        }
    }

    private Map<String, String> parameters() {
        Map<String, String> parameters = Map.of("host", "127.0.0.1", "port", Integer.toString(server.getPort()), "user",
                USER, "password", PASSWORD, "paths", "/programs", "timeout", "PT5S");
        assertEquals(List.of(), driver.validate(parameters));
        return parameters;
    }
}
