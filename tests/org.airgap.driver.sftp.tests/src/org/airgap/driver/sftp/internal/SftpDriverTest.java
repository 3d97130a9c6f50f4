package org.airgap.driver.sftp.internal;

import static org.airgap.testing.drivers.DriverAssertions.assertKind;
import static org.airgap.testing.drivers.DriverAssertions.entry;
import static org.airgap.testing.drivers.DriverAssertions.paths;
import static org.airgap.testing.drivers.DriverAssertions.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.airgap.compare.SnapshotComparison;
import org.airgap.driver.api.DeviceDriver;
import org.airgap.driver.api.DeviceProblem;
import org.airgap.driver.api.DriverProgress;
import org.airgap.driver.api.DriverResult;
import org.airgap.driver.api.ParameterProblem;
import org.airgap.driver.api.ProblemKind;
import org.airgap.model.CompareResult;
import org.airgap.store.EntryType;
import org.airgap.store.Snapshot;
import org.airgap.store.SnapshotWriter;
import org.airgap.testing.drivers.DriverTestKit;
import org.airgap.testing.drivers.RecordingProgress;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyEncryptionContext;
import org.apache.sshd.common.config.keys.writer.openssh.OpenSSHKeyPairResourceWriter;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.apache.sshd.server.subsystem.SubsystemFactory;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SFTP driver against a real MINA SSHD server with the SFTP subsystem on 127.0.0.1 (a free port per
 * test), serving a temporary folder shaped like a device: nested folders, a binary file, links, a
 * non-ASCII name and a 20 MB file.
 */
@Timeout(30)
class SftpDriverTest {

    private static final String USER = "technician";
    private static final String PASSWORD = "s3cret-Pa55";
    private static final String PASSPHRASE = "key-passphrase";
    private static final String UNICODE_NAME = "Ünïcødé-名前.txt";
    private static final int BIG_SIZE = 20 * 1024 * 1024;
    /** Keeps the 20 MB file out of tests that are not about size. */
    private static final String NOT_BIG = "big";

    @TempDir
    static Path shared;
    /** One host key for the whole class: the driver pins it per port, and ports are reused between tests. */
    private static Path hostKeyFile;
    private static KeyPair userKey;
    private static Path userKeyFile;

    @TempDir
    Path dir;

    private Path root;
    private SshServer server;
    private SftpDriver driver;
    private Path knownHosts;
    private DriverTestKit kit;

    @BeforeAll
    static void keys() throws IOException, GeneralSecurityException {
        hostKeyFile = shared.resolve("hostkey.ser");
        userKey = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        userKeyFile = shared.resolve("id_ecdsa");
        OpenSSHKeyEncryptionContext encryption = new OpenSSHKeyEncryptionContext();
        encryption.setPassword(PASSPHRASE);
        encryption.setCipherName("AES");
        encryption.setCipherMode("CTR");
        encryption.setCipherType("256");
        try (OutputStream out = Files.newOutputStream(userKeyFile)) {
            OpenSSHKeyPairResourceWriter.INSTANCE.writePrivateKey(userKey, "airgap test", encryption, out);
        }
    }

    @BeforeEach
    void start() throws IOException {
        root = Files.createDirectories(dir.resolve("device"));
        Path screens = Files.createDirectories(root.resolve("hmi/project/screens"));
        Files.writeString(screens.resolve("main.xml"), "<screen name=\"main\"/>\n");
        Files.writeString(root.resolve("hmi/alarms.csv"), "id;text\n1;Door open\n");
        Files.createDirectories(root.resolve("hmi/empty"));
        byte[] program = new byte[100_000];
        new Random(7).nextBytes(program);
        Files.createDirectories(root.resolve("plc"));
        Files.write(root.resolve("plc/program.bin"), program);
        Files.writeString(root.resolve(UNICODE_NAME), "Grüße\n");
        Files.createSymbolicLink(root.resolve("current"), Path.of("hmi/project"));
        Files.createSymbolicLink(root.resolve("plc/latest.bin"), Path.of("program.bin"));
        Files.createDirectories(root.resolve("big"));
        writeRandom(root.resolve("big/firmware.img"), BIG_SIZE, 13);
        Files.setLastModifiedTime(root.resolve("hmi/alarms.csv"), FileTime.from(Instant.parse("2024-03-01T10:15:30Z")));

        server = startServer(0, new SimpleGeneratorHostKeyProvider(hostKeyFile));
        knownHosts = dir.resolve("known_hosts");
        driver = new SftpDriver(knownHosts);
        kit = new DriverTestKit(dir.resolve("store"));
    }

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.stop(true);
        }
    }

    private SshServer startServer(int port, KeyPairProvider hostKeys) throws IOException {
        return startServer(port, hostKeys, List.of(new SftpSubsystemFactory()));
    }

    private SshServer startServer(int port, KeyPairProvider hostKeys, List<SubsystemFactory> subsystems)
            throws IOException {
        SshServer sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(port);
        sshd.setKeyPairProvider(hostKeys);
        sshd.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
        sshd.setPublickeyAuthenticator(
                (user, key, session) -> USER.equals(user) && KeyUtils.compareKeys(userKey.getPublic(), key));
        sshd.setSubsystemFactories(subsystems);
        sshd.setFileSystemFactory(new VirtualFileSystemFactory(root));
        sshd.start();
        return sshd;
    }

    private Map<String, String> parameters(String... more) {
        Map<String, String> parameters = new HashMap<>();
        parameters.put("host", "127.0.0.1");
        parameters.put("port", Integer.toString(server.getPort()));
        parameters.put("user", USER);
        parameters.put("password", PASSWORD);
        parameters.put("timeout", "PT5S");
        for (int i = 0; i < more.length; i += 2) {
            if (more[i + 1] == null) {
                parameters.remove(more[i]);
            } else {
                parameters.put(more[i], more[i + 1]);
            }
        }
        assertEquals(List.of(), driver.validate(parameters));
        return parameters;
    }

    @Test
    void fullBackupThenSecondBackupIsEqual() throws IOException {
        long started = System.nanoTime();
        DriverTestKit.Backup first = kit.backup(driver, parameters());
        Snapshot snapshot = first.snapshotOrFail();
        long millis = (System.nanoTime() - started) / 1_000_000;

        Set<String> expected = new TreeSet<>(List.of("big", "big/firmware.img", "current", "hmi", "hmi/alarms.csv",
                "hmi/empty", "hmi/project", "hmi/project/screens", "hmi/project/screens/main.xml", "plc",
                "plc/latest.bin", "plc/program.bin", UNICODE_NAME));
        assertEquals(expected, paths(snapshot));
        assertEquals(EntryType.SYMLINK, entry(snapshot, "current").type(), "a link to a folder is not followed");
        assertEquals("hmi/project", entry(snapshot, "current").linkTarget());
        assertEquals("program.bin", entry(snapshot, "plc/latest.bin").linkTarget());
        assertEquals(EntryType.DIRECTORY, entry(snapshot, "hmi/empty").type());
        assertEquals(sha256(root.resolve("plc/program.bin")), entry(snapshot, "plc/program.bin").sha256());
        assertEquals(sha256(root.resolve("big/firmware.img")), entry(snapshot, "big/firmware.img").sha256());
        assertEquals(BIG_SIZE, entry(snapshot, "big/firmware.img").size());
        assertEquals(sha256(root.resolve(UNICODE_NAME)), entry(snapshot, UNICODE_NAME).sha256());
        assertEquals(Instant.parse("2024-03-01T10:15:30Z"), entry(snapshot, "hmi/alarms.csv").modified(),
                "modification time kept");

        RecordingProgress progress = first.progress();
        assertEquals("bytes", progress.unit());
        long bytes = snapshot.manifest().totalSize();
        assertEquals(bytes, progress.total());
        assertEquals(bytes, progress.work());
        assertTrue(progress.log().stream().noneMatch(line -> line.contains(PASSWORD)), "password logged");
        assertTrue(progress.log().stream().anyMatch(line -> line.contains("Pinned the SSH host key")), progress.log().toString());

        DriverTestKit.Backup second = kit.backup(driver, parameters());
        SnapshotComparison comparison = kit.compare(snapshot, second.snapshotOrFail(), List.of());
        assertEquals(CompareResult.EQUAL, comparison.result(), comparison.differences().toString());
        assertEquals(snapshot.id(), second.snapshot().id());
        System.out.println("SFTP full backup of " + bytes + " bytes on loopback: " + millis + " ms");
    }

    @Test
    void publicKeyLoginWithEncryptedOpenSshKey() throws IOException {
        DriverTestKit.Backup backup = kit.backup(driver, parameters("password", null, "privateKey",
                userKeyFile.toString(), "passphrase", PASSPHRASE, "paths", "plc"));
        Snapshot snapshot = backup.snapshotOrFail();
        assertEquals(Set.of("plc", "plc/latest.bin", "plc/program.bin"), paths(snapshot));
        assertTrue(backup.progress().log().stream().noneMatch(line -> line.contains(PASSPHRASE)), "passphrase logged");

        DriverResult wrongPassphrase = kit.backup(driver, parameters("password", null, "privateKey",
                userKeyFile.toString(), "passphrase", "guess", "paths", "plc")).result();
        assertKind(ProblemKind.AUTHENTICATION_FAILED, wrongPassphrase);
        assertTrue(problem(wrongPassphrase).message().contains(userKeyFile.toString()), problem(wrongPassphrase).message());
    }

    @Test
    void changedFileIsDifferent() throws IOException {
        Snapshot before = kit.backup(driver, parameters("exclude", NOT_BIG)).snapshotOrFail();
        Files.writeString(root.resolve("hmi/alarms.csv"), "id;text\n1;Door open\n2;Oil low\n");
        Snapshot after = kit.backup(driver, parameters("exclude", NOT_BIG)).snapshotOrFail();

        kit.assertOnlyChanged(before, after, "hmi/alarms.csv");
    }

    @Test
    void includeAndExcludeGlobs() throws IOException {
        Snapshot hmiWithoutCsv = kit.backup(driver, parameters("include", "hmi/**", "exclude", "**/*.csv"))
                .snapshotOrFail();
        // "hmi" itself does not match hmi/**, but is kept because files inside it are.
        assertEquals(Set.of("hmi", "hmi/empty", "hmi/project", "hmi/project/screens", "hmi/project/screens/main.xml"),
                paths(hmiWithoutCsv));

        Snapshot onlyBinaries = kit.backup(driver, parameters("include", "**/*.bin", "exclude", "big, hmi"))
                .snapshotOrFail();
        assertEquals(Set.of("plc", "plc/latest.bin", "plc/program.bin"), paths(onlyBinaries));

        Snapshot twoPaths = kit.backup(driver, parameters("paths", "/plc/program.bin, hmi/project")).snapshotOrFail();
        assertEquals(Set.of("plc/program.bin", "hmi/project", "hmi/project/screens", "hmi/project/screens/main.xml"),
                paths(twoPaths));
    }

    @Test
    void wrongPasswordIsAuthenticationFailed() throws IOException {
        DriverTestKit.Backup backup = kit.backup(driver, parameters("password", "guess"));
        assertKind(ProblemKind.AUTHENTICATION_FAILED, backup.result());
        assertNull(backup.snapshot());
        String message = problem(backup.result()).message();
        assertTrue(message.contains("'" + USER + "'") && message.contains("127.0.0.1:" + server.getPort()), message);
        assertFalse(message.contains("guess"), "the password is not repeated: " + message);
        assertTrue(backup.progress().log().stream().noneMatch(line -> line.contains("guess")), "password logged");
    }

    @Test
    void missingPathIsNotFound() throws IOException {
        DriverTestKit.Backup backup = kit.backup(driver, parameters("paths", "plc, /recipes"));
        assertKind(ProblemKind.NOT_FOUND, backup.result());
        assertTrue(problem(backup.result()).message().contains("'/recipes'"), problem(backup.result()).message());
        assertNull(backup.snapshot());
    }

    @Test
    void unusedPortIsUnreachableQuickly() throws IOException {
        int unused;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            unused = socket.getLocalPort();
        }
        long started = System.nanoTime();
        DriverResult result = driver.testConnection(parameters("port", Integer.toString(unused)), DriverProgress.NONE);
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertKind(ProblemKind.UNREACHABLE, result);
        assertTrue(problem(result).message().contains("127.0.0.1:" + unused), problem(result).message());
        assertTrue(millis < 5_000, "took " + millis + " ms");
        assertTrue(ProblemKind.UNREACHABLE.retryable());
    }

    @Test
    void aDeviceWithoutAnSftpServerIsNamedAsSuch() throws IOException {
        server.stop(true);
        server = startServer(0, new SimpleGeneratorHostKeyProvider(hostKeyFile), List.of());
        DriverResult result = driver.testConnection(parameters(), DriverProgress.NONE);
        assertKind(ProblemKind.PROTOCOL_ERROR, result);
        String message = problem(result).message();
        assertTrue(message.startsWith("127.0.0.1:" + server.getPort() + " accepted the login of '" + USER
                + "' but does not offer SFTP ("), message);
    }

    @Test
    void anSftpServerThatNeverAnswersIsATimeoutNamingTheTimeNotAMissingServer() throws IOException {
        server.stop(true);
        SubsystemFactory silent = new SubsystemFactory() {
            @Override
            public String getName() {
                return "sftp";
            }

            @Override
            public Command createSubsystem(ChannelSession channel) {
                return new SilentCommand();
            }
        };
        server = startServer(0, new SimpleGeneratorHostKeyProvider(hostKeyFile), List.of(silent));
        DriverResult result = driver.testConnection(parameters("timeout", "PT2S"), DriverProgress.NONE);
        assertKind(ProblemKind.TIMEOUT, result);
        String message = problem(result).message();
        assertTrue(message.startsWith("127.0.0.1:" + server.getPort() + " accepted the login of '" + USER
                + "' but did not open an SFTP channel within 2 s ("), message);
        assertTrue(message.endsWith("run the job again, or raise the job's timeout"), message);
    }

    /** An SFTP subsystem that starts and then never says a word (a device too busy to answer). */
    private static final class SilentCommand implements Command {
        @Override
        public void setExitCallback(ExitCallback callback) {
        }

        @Override
        public void setInputStream(InputStream in) {
        }

        @Override
        public void setOutputStream(OutputStream out) {
        }

        @Override
        public void setErrorStream(OutputStream err) {
        }

        @Override
        public void start(ChannelSession channel, Environment environment) {
        }

        @Override
        public void destroy(ChannelSession channel) {
        }
    }

    @Test
    void hostKeyIsPinnedOnFirstUseAndAChangeIsRefused() throws IOException {
        int port = server.getPort();
        Snapshot first = kit.backup(driver, parameters("exclude", NOT_BIG)).snapshotOrFail();
        String pinnedLine = Files.readString(knownHosts).trim();
        assertTrue(pinnedLine.startsWith("[127.0.0.1]:" + port + " "), pinnedLine);
        String oldFingerprint = fingerprint(server);

        // The device is "replaced": same address and port, a new host key.
        server.stop(true);
        server = startServer(port, new SimpleGeneratorHostKeyProvider(dir.resolve("other-hostkey.ser")));
        String newFingerprint = fingerprint(server);
        assertFalse(oldFingerprint.equals(newFingerprint));

        DriverTestKit.Backup refused = kit.backup(driver, parameters("exclude", NOT_BIG));
        assertKind(ProblemKind.IDENTITY_CHANGED, refused.result());
        String message = problem(refused.result()).message();
        assertTrue(message.contains("The SSH host key of 127.0.0.1:" + port + " changed from " + oldFingerprint + " to "
                + newFingerprint), message);
        assertTrue(message.contains(knownHosts.toString()) && message.contains("intercepting"), message);
        assertNull(refused.snapshot());
        assertEquals(List.of(first.id()), kit.store().snapshotIds(), "nothing committed after the refusal");
        assertEquals(pinnedLine, Files.readString(knownHosts).trim(), "the pin is unchanged");
        assertFalse(ProblemKind.IDENTITY_CHANGED.retryable());

        // The technician confirms the new key: the job names it, the pin follows.
        assertTrue(kit.backup(driver, parameters("exclude", NOT_BIG, "hostKeyFingerprint", newFingerprint)).result().ok());
        assertTrue(kit.backup(driver, parameters("exclude", NOT_BIG)).result().ok(), "new key pinned");
        DriverResult wrongExpected = driver.testConnection(parameters("hostKeyFingerprint", oldFingerprint),
                DriverProgress.NONE);
        assertKind(ProblemKind.IDENTITY_CHANGED, wrongExpected);
    }

    @Test
    void aDeviceWithSeveralHostKeysIsAskedForThePinnedType() throws IOException, GeneralSecurityException {
        int port = server.getPort();
        server.stop(true);
        KeyPair ecdsa = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
        KeyPair rsa = KeyUtils.generateKeyPair(KeyPairProvider.SSH_RSA, 2048);
        server = startServer(port, KeyPairProvider.wrap(ecdsa, rsa));
        // Pinned earlier, when the device offered RSA only; by default the client now prefers ECDSA.
        Files.writeString(knownHosts, "[127.0.0.1]:" + port + " " + PublicKeyEntry.toString(rsa.getPublic()) + "\n");

        RecordingProgress progress = new RecordingProgress();
        DriverResult result = driver.testConnection(parameters(), progress);
        assertTrue(result.ok(), result.problems().toString());
        String rsaFingerprint = KnownHosts.fingerprint(PublicKeyEntry.toString(rsa.getPublic()).split(" ")[1]);
        assertTrue(progress.log().stream().anyMatch(line -> line.contains("matches the pinned " + rsaFingerprint)),
                progress.log().toString());
    }

    @Test
    void serverStoppedMidTransferIsNotSuccessful() throws IOException {
        DeviceProblem problem = problemOfBackupCutAfter(2_000_000, "big");
        assertTrue(problem.message().contains("big/firmware.img"), problem.message());
    }

    @Test
    void serverStoppedWhileReadingManySmallFilesAtOnceIsNotSuccessful() throws IOException {
        Path many = Files.createDirectories(root.resolve("many"));
        for (int i = 0; i < 200; i++) {
            writeRandom(many.resolve("part" + i + ".bin"), 50_000, i);
        }
        DeviceProblem problem = problemOfBackupCutAfter(1_000_000, "many");
        assertTrue(problem.message().contains("many/part"), problem.message());
    }

    /** Backs up {@code paths}, stopping the server (every connection at once) once {@code bytes} were read. */
    private DeviceProblem problemOfBackupCutAfter(long bytes, String paths) throws IOException {
        AtomicBoolean stopped = new AtomicBoolean();
        DriverProgress stopAfter = new DriverProgress() {
            private final AtomicLong read = new AtomicLong();

            @Override
            public void begin(long totalWork, String unit) {
            }

            @Override
            public void worked(long work, String currentItem) {
                if (read.addAndGet(work) > bytes && stopped.compareAndSet(false, true)) {
                    server.close(true); // drops every connection at once, as a device losing power would
                }
            }

            @Override
            public void log(String message) {
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
        long started = System.nanoTime();
        DriverResult result;
        try (SnapshotWriter writer = kit.store().newSnapshot()) {
            result = driver.backup(parameters("paths", paths), writer, stopAfter);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(stopped.get());
        assertFalse(result.ok(), "a backup cut off mid-transfer must not succeed");
        DeviceProblem problem = problem(result);
        assertTrue(problem.kind() == ProblemKind.PARTIAL || problem.kind() == ProblemKind.PROTOCOL_ERROR
                || problem.kind() == ProblemKind.TIMEOUT, problem.toString());
        assertTrue(millis < 15_000, "took " + millis + " ms");
        return problem;
    }

    @Test
    void cancellationBetweenFilesAndWithinALargeFile() throws IOException {
        kit.assertCancelsBetweenFilesAndWithinALargeFile(driver, parameters("exclude", NOT_BIG),
                parameters("paths", "big"), 10, BIG_SIZE);
    }

    @Test
    void validateNamesTheParameters() {
        List<ParameterProblem> problems = driver.validate(Map.of("port", "99999", "paths", "../etc",
                "hostKeyFingerprint", "MD5:aa:bb"));
        Set<String> named = new TreeSet<>(problems.stream().map(ParameterProblem::parameter).toList());
        assertEquals(Set.of("host", "user", "port", "password", "paths", "hostKeyFingerprint"), named, problems.toString());
    }

    @Test
    void driverIsRegisteredAsDsService() throws IOException {
        DeviceDriver service = DriverTestKit.driver("sftp");
        assertNotNull(service);
        assertEquals(List.of("host", "port", "user", "password", "privateKey", "passphrase", "paths", "include",
                "exclude", "timeout", "hostKeyFingerprint"),
                service.parameters().stream().map(p -> p.name()).toList());
        // The DS instance pins in its own file (instance area): name this server's key so nothing depends on it.
        RecordingProgress progress = new RecordingProgress();
        DriverResult result = service.testConnection(parameters("hostKeyFingerprint", fingerprint(server)), progress);
        assertTrue(result.ok(), result.problems() + " " + progress.log());
    }

    // --- helpers ---------------------------------------------------------------------------------------

    private static String fingerprint(SshServer sshd) throws IOException {
        try {
            PublicKey key = sshd.getKeyPairProvider().loadKeys(null).iterator().next().getPublic();
            return KnownHosts.fingerprint(PublicKeyEntry.toString(key).split(" ")[1]);
        } catch (GeneralSecurityException e) {
            throw new IOException(e);
        }
    }

    private static void writeRandom(Path file, int size, long seed) throws IOException {
        Random random = new Random(seed);
        byte[] chunk = new byte[1024 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int written = 0; written < size; written += chunk.length) {
                random.nextBytes(chunk);
                out.write(chunk, 0, Math.min(chunk.length, size - written));
            }
        }
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            for (int n; (n = in.read(buffer)) >= 0;) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
