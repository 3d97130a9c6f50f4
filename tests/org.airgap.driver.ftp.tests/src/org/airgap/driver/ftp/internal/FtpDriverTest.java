package org.airgap.driver.ftp.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.airgap.compare.SnapshotComparison;
import org.airgap.driver.api.DeviceDriver;
import org.airgap.driver.api.DeviceProblem;
import org.airgap.driver.api.DriverProgress;
import org.airgap.driver.api.DriverResult;
import org.airgap.driver.api.ProblemKind;
import org.airgap.model.CompareResult;
import org.airgap.store.EntryType;
import org.airgap.store.ManifestEntry;
import org.airgap.store.Snapshot;
import org.airgap.store.SnapshotWriter;
import org.airgap.testing.drivers.DriverTestKit;
import org.airgap.testing.drivers.DriverTestKit.Backup;
import org.airgap.testing.drivers.RecordingProgress;
import org.apache.ftpserver.ftplet.DefaultFtpReply;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * The FTP driver, as a DS service, against a real Apache MINA FtpServer on 127.0.0.1 serving a folder
 * with nested folders, a file of every byte value, an empty file, non-ASCII names and a 50 MB file.
 */
@Timeout(60)
class FtpDriverTest {

    private static final String NON_ASCII = "Übersicht_画面 ä.txt";
    private static final int BIG_SIZE = 50 * 1024 * 1024;

    @TempDir
    static Path shared;

    private static Path home;
    private static TestFtpServer server;
    private static DeviceDriver driver;
    private static byte[] allBytes;

    @TempDir
    Path dir;

    private DriverTestKit kit;

    @BeforeAll
    static void startServer() throws Exception {
        home = Files.createDirectories(shared.resolve("home"));
        createTree(home);
        server = TestFtpServer.start(home, shared, null, Map.of());
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
    }

    static void createTree(Path root) throws IOException {
        Path plc = Files.createDirectories(root.resolve("plc"));
        allBytes = new byte[3 * 256];
        for (int i = 0; i < allBytes.length; i++) {
            allBytes[i] = (byte) i; // CR and LF among them: an ASCII-mode transfer would change the content
        }
        Files.write(plc.resolve("program.bin"), allBytes);
        Files.write(plc.resolve("empty.dat"), new byte[0]);
        Path deep = Files.createDirectories(plc.resolve("config/axes/limits"));
        Files.writeString(plc.resolve("config/params.txt"), "speed=1200\nacceleration=3\n");
        Files.writeString(deep.resolve("axis1.txt"), "min=-170\nmax=170\n");
        Files.createDirectories(plc.resolve("config/unused"));
        Path hmi = Files.createDirectories(root.resolve("hmi"));
        Files.writeString(hmi.resolve(NON_ASCII), "Überdruck\n", StandardCharsets.UTF_8);
        Files.writeString(hmi.resolve("screens.xml"), "<screens/>\n");
        Path logs = Files.createDirectories(hmi.resolve("logs"));
        Files.writeString(logs.resolve("alarm.log"), "12:00 overpressure\n");
        Path big = Files.createDirectories(root.resolve("big"));
        Random random = new Random(20261126);
        byte[] chunk = new byte[1024 * 1024];
        try (OutputStream out = Files.newOutputStream(big.resolve("image.bin"))) {
            for (int i = 0; i < BIG_SIZE / chunk.length; i++) {
                random.nextBytes(chunk);
                out.write(chunk);
            }
        }
    }

    private static Map<String, String> parameters(int port, String... keyValues) {
        Map<String, String> parameters = new HashMap<>();
        parameters.put("host", "127.0.0.1");
        parameters.put("port", Integer.toString(port));
        parameters.put("user", TestFtpServer.USER);
        parameters.put("password", TestFtpServer.PASSWORD);
        parameters.put("timeout", "PT5S");
        for (int i = 0; i < keyValues.length; i += 2) {
            parameters.put(keyValues[i], keyValues[i + 1]);
        }
        assertEquals(List.of(), driver.validate(parameters));
        return parameters;
    }

    private static Set<String> paths(Snapshot snapshot, EntryType type) {
        return snapshot.manifest().entries().stream().filter(e -> e.type() == type).map(ManifestEntry::path)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private byte[] content(Snapshot snapshot, String path) throws IOException {
        ManifestEntry entry = snapshot.manifest().entry(path).orElseThrow(() -> new AssertionError("no " + path));
        try (InputStream in = kit.store().openBlob(entry.sha256())) {
            return in.readAllBytes();
        }
    }

    private static DeviceProblem onlyProblem(Backup backup) {
        assertFalse(backup.result().ok(), "backup should fail; log: " + backup.progress().log());
        assertNull(backup.snapshot());
        assertEquals(1, backup.result().problems().size(), backup.result().problems().toString());
        return backup.result().problems().get(0);
    }

    @Test
    void isARegisteredDeviceDriver() throws InvalidSyntaxException {
        assertInstanceOf(FtpDriver.class, driver);
        BundleContext context = FrameworkUtil.getBundle(FtpDriverTest.class).getBundleContext();
        ServiceReference<DeviceDriver> reference = context.getServiceReferences(DeviceDriver.class, "(airgap.driver.id=ftp)")
                .stream().findFirst().orElseThrow();
        assertEquals("FTP / FTPS", reference.getProperty(DeviceDriver.NAME));
        assertEquals("Airgap", reference.getProperty(DeviceDriver.VENDOR));
    }

    @Test
    void fullBackupKeepsContentNamesAndTimesAndAnUnchangedServerComparesEqual() throws IOException {
        Map<String, String> parameters = parameters(server.port());
        Backup first = kit.backup(driver, parameters);
        Snapshot snapshot = first.snapshotOrFail();

        assertEquals(new TreeSet<>(List.of("big/image.bin", "hmi/" + NON_ASCII, "hmi/logs/alarm.log", "hmi/screens.xml",
                "plc/config/axes/limits/axis1.txt", "plc/config/params.txt", "plc/empty.dat", "plc/program.bin")),
                paths(snapshot, EntryType.FILE));
        assertEquals(new TreeSet<>(List.of("big", "hmi", "hmi/logs", "plc", "plc/config", "plc/config/axes",
                "plc/config/axes/limits", "plc/config/unused")), paths(snapshot, EntryType.DIRECTORY));
        assertArrayEquals(allBytes, content(snapshot, "plc/program.bin"));
        assertArrayEquals(new byte[0], content(snapshot, "plc/empty.dat"));
        assertEquals("Überdruck\n", new String(content(snapshot, "hmi/" + NON_ASCII), StandardCharsets.UTF_8));
        assertArrayEquals(Files.readAllBytes(home.resolve("big/image.bin")), content(snapshot, "big/image.bin"));

        ManifestEntry program = snapshot.manifest().entry("plc/program.bin").orElseThrow();
        Instant onDisk = Files.getLastModifiedTime(home.resolve("plc/program.bin")).toInstant();
        assertNotNull(program.modified(), "modification time from MLSD");
        assertTrue(Math.abs(program.modified().toEpochMilli() - onDisk.toEpochMilli()) < 1000,
                program.modified() + " vs " + onDisk);

        long total = Files.walk(home).filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        assertEquals("bytes", first.progress().unit());
        assertEquals(total, first.progress().total());
        assertEquals(total, first.progress().work());
        assertTrue(first.progress().log().stream().noneMatch(line -> line.contains(TestFtpServer.PASSWORD)),
                "the password is never logged: " + first.progress().log());
        assertTrue(first.progress().log().stream().anyMatch(line -> line.contains("MLSD")), first.progress().log().toString());

        Snapshot second = kit.backup(driver, parameters).snapshotOrFail();
        SnapshotComparison comparison = kit.compare(snapshot, second, List.of());
        assertEquals(CompareResult.EQUAL, comparison.result(), comparison.differences().toString());
        assertEquals(snapshot.id(), second.id());
    }

    @Test
    void aChangedFileComparesDifferentAtItsPath() throws Exception {
        Path ownHome = Files.createDirectories(dir.resolve("device"));
        Files.createDirectories(ownHome.resolve("robot/programs"));
        Files.writeString(ownHome.resolve("robot/programs/main.prg"), "MOVE P1\nMOVE P2\n");
        Files.writeString(ownHome.resolve("robot/programs/tool.prg"), "TOOL 1\n");
        try (TestFtpServer own = TestFtpServer.start(ownHome, dir, null, Map.of())) {
            Map<String, String> parameters = parameters(own.port(), "paths", "/robot/programs");
            Snapshot before = kit.backup(driver, parameters).snapshotOrFail();
            assertEquals(Set.of("programs/main.prg", "programs/tool.prg"), paths(before, EntryType.FILE));
            assertEquals(Set.of("programs"), paths(before, EntryType.DIRECTORY));

            Files.writeString(ownHome.resolve("robot/programs/main.prg"), "MOVE P1\nMOVE P3\n");
            Snapshot after = kit.backup(driver, parameters).snapshotOrFail();
            kit.assertOnlyChanged(before, after, "programs/main.prg");
        }
    }

    @Test
    void includeAndExcludeGlobsApplyToSnapshotPaths() throws IOException {
        Snapshot snapshot = kit.backup(driver, parameters(server.port(), "paths", "/plc\n/hmi", "include", "**/*.txt,**/*.xml",
                "exclude", "hmi/logs, plc/config/axes/**")).snapshotOrFail();
        assertEquals(new TreeSet<>(List.of("hmi/" + NON_ASCII, "hmi/screens.xml", "plc/config/params.txt")),
                paths(snapshot, EntryType.FILE));
        // Folders only where something was taken; plc/config/axes itself is not excluded by axes/**, but empty.
        assertEquals(new TreeSet<>(List.of("hmi", "plc", "plc/config")), paths(snapshot, EntryType.DIRECTORY));
    }

    @Test
    void aSingleFileIsStoredUnderItsName() throws IOException {
        Snapshot snapshot = kit.backup(driver, parameters(server.port(), "paths", "/plc/program.bin")).snapshotOrFail();
        assertEquals(Set.of("program.bin"), paths(snapshot, EntryType.FILE));
        assertArrayEquals(allBytes, content(snapshot, "program.bin"));
    }

    @Test
    void listingWithoutMlsdGivesTheSameFiles() throws Exception {
        // A server that hides MLST from FEAT: the driver lists with LIST and asks MDTM for times.
        DefaultFtplet oldServer = new DefaultFtplet() {
            @Override
            public FtpletResult beforeCommand(FtpSession session, FtpRequest request)
                    throws org.apache.ftpserver.ftplet.FtpException, IOException {
                if (request.getCommand().equalsIgnoreCase("FEAT")) {
                    session.write(new DefaultFtpReply(211, "Extensions supported\n SIZE\n MDTM\n UTF8\nEnd"));
                    return FtpletResult.SKIP;
                }
                if (request.getCommand().toUpperCase().startsWith("MLS")) {
                    session.write(new DefaultFtpReply(500, "Unknown command"));
                    return FtpletResult.SKIP;
                }
                return FtpletResult.DEFAULT;
            }
        };
        try (TestFtpServer old = TestFtpServer.start(home, dir, null, Map.of("old", oldServer))) {
            Map<String, String> parameters = parameters(old.port(), "paths", "/plc,/hmi");
            Backup listed = kit.backup(driver, parameters);
            Snapshot viaList = listed.snapshotOrFail();
            assertTrue(listed.progress().log().stream().anyMatch(line -> line.contains("listing with LIST")),
                    listed.progress().log().toString());
            Snapshot viaMlsd = kit.backup(driver, parameters(server.port(), "paths", "/plc,/hmi")).snapshotOrFail();
            assertEquals(paths(viaMlsd, EntryType.FILE), paths(viaList, EntryType.FILE));
            assertEquals(paths(viaMlsd, EntryType.DIRECTORY), paths(viaList, EntryType.DIRECTORY));
            for (ManifestEntry entry : viaMlsd.manifest().entries()) {
                ManifestEntry other = viaList.manifest().entry(entry.path()).orElseThrow();
                assertEquals(entry.sha256(), other.sha256(), entry.path());
                if (entry.type() == EntryType.FILE) {
                    assertNotNull(other.modified(), "MDTM time of " + entry.path());
                    assertEquals(entry.modified().getEpochSecond(), other.modified().getEpochSecond(), entry.path());
                }
            }
        }
    }

    @Test
    void activeModeGivesTheSameSnapshot() throws Exception {
        // A server that refuses passive mode: the backup only works if the driver really uses PORT.
        DefaultFtplet noPassive = new DefaultFtplet() {
            @Override
            public FtpletResult beforeCommand(FtpSession session, FtpRequest request)
                    throws org.apache.ftpserver.ftplet.FtpException, IOException {
                String command = request.getCommand().toUpperCase();
                if (command.equals("PASV") || command.equals("EPSV")) {
                    session.write(new DefaultFtpReply(502, "Passive mode not allowed here"));
                    return FtpletResult.SKIP;
                }
                return FtpletResult.DEFAULT;
            }
        };
        try (TestFtpServer active = TestFtpServer.start(home, dir, null, Map.of("noPassive", noPassive), true)) {
            Snapshot viaActive = kit.backup(driver, parameters(active.port(), "paths", "/plc,/hmi", "passive", "false",
                    "concurrency", "2")).snapshotOrFail();
            Snapshot viaPassive = kit.backup(driver, parameters(server.port(), "paths", "/plc,/hmi")).snapshotOrFail();
            assertEquals(viaPassive.id(), viaActive.id());

            DeviceProblem refused = onlyProblem(kit.backup(driver, parameters(active.port(), "paths", "/plc")));
            assertEquals(ProblemKind.PROTOCOL_ERROR, refused.kind(), refused.message());
            assertTrue(refused.message().contains("passive=false"), refused.message());
        }
    }

    @Test
    void wrongPasswordIsAuthenticationFailed() throws IOException {
        DeviceProblem problem = onlyProblem(kit.backup(driver, parameters(server.port(), "password", "guess-1234")));
        assertEquals(ProblemKind.AUTHENTICATION_FAILED, problem.kind(), problem.message());
        assertTrue(problem.message().contains(TestFtpServer.USER), problem.message());
        assertFalse(problem.message().contains("guess-1234"), problem.message());
        assertEquals(ProblemKind.AUTHENTICATION_FAILED,
                driver.testConnection(parameters(server.port(), "password", "guess-1234"), new RecordingProgress())
                        .problems().get(0).kind());
    }

    @Test
    void aMissingPathIsNotFoundByName() throws IOException {
        DeviceProblem problem = onlyProblem(kit.backup(driver, parameters(server.port(), "paths", "/plc,/robot/backup")));
        assertEquals(ProblemKind.NOT_FOUND, problem.kind(), problem.message());
        assertTrue(problem.message().contains("'/robot/backup'"), problem.message());
    }

    @Test
    void nothingListeningIsUnreachableAtOnce() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        long start = System.nanoTime();
        DeviceProblem problem = onlyProblem(kit.backup(driver, parameters(closedPort)));
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(ProblemKind.UNREACHABLE, problem.kind(), problem.message());
        assertTrue(problem.message().contains("127.0.0.1:" + closedPort), problem.message());
        assertTrue(millis < 3000, "took " + millis + " ms");
        DriverResult test = driver.testConnection(parameters(closedPort), new RecordingProgress());
        assertEquals(ProblemKind.UNREACHABLE, test.problems().get(0).kind());
    }

    @Test
    void testConnectionLogsInAndReadsNothing() {
        RecordingProgress progress = new RecordingProgress();
        DriverResult result = driver.testConnection(parameters(server.port()), progress);
        assertTrue(result.ok(), result.problems().toString());
        assertEquals(0, progress.work());
        assertTrue(progress.log().stream().anyMatch(line -> line.startsWith("Connected to 127.0.0.1:" + server.port())),
                progress.log().toString());
    }

    @ParameterizedTest(name = "concurrency {0}")
    @ValueSource(ints = { 1, 3 })
    void serverStoppedMidTransferFailsAndCommitsNothing(int concurrency) throws Exception {
        TestFtpServer dying = TestFtpServer.start(home, dir, null, Map.of());
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicLong work = new AtomicLong();
        // RecordingProgress is final: a progress of our own stops the server in the middle of the 50 MB file.
        DriverProgress progress = new DriverProgress() {
            @Override
            public void begin(long totalWork, String unit) {
            }

            @Override
            public void worked(long amount, String currentItem) {
                if (work.addAndGet(amount) > 5 * 1024 * 1024 && stopped.compareAndSet(false, true)) {
                    dying.stop(); // synchronously: the transfer pauses here and finds the server gone (MINA takes 5 s)
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
        try (SnapshotWriter writer = kit.store().newSnapshot()) {
            // As a run does it (DriverTestKit.backup): commit only when the driver reports no problem.
            DriverResult result = driver.backup(parameters(dying.port(), "paths", "/big,/plc", "concurrency",
                    Integer.toString(concurrency)), writer, progress);
            if (result.ok()) {
                writer.commit();
            }
            assertTrue(stopped.get());
            assertFalse(result.ok(), "a backup cut off by the server must fail");
            DeviceProblem problem = result.problems().get(0);
            assertTrue(Set.of(ProblemKind.PARTIAL, ProblemKind.PROTOCOL_ERROR).contains(problem.kind()), problem.toString());
            // The server's data thread may still push the rest of the file out of its buffers: what matters is
            // that the lost control connection fails the backup.
        } finally {
            dying.close();
        }
        assertEquals(List.of(), kit.store().snapshotIds(), "nothing committed");
    }

    @ParameterizedTest(name = "concurrency {0}")
    @ValueSource(ints = { 1, 2 })
    void cancellingMidTransferIsCancelled(int concurrency) throws IOException {
        RecordingProgress progress = new RecordingProgress(10); // after about 10 MB
        Set<Path> spoolsBefore = spoolFolders();
        long start = System.nanoTime();
        Backup backup = kit.backup(driver, parameters(server.port(), "concurrency", Integer.toString(concurrency)), progress);
        DeviceProblem problem = onlyProblem(backup);
        assertEquals(ProblemKind.CANCELLED, problem.kind(), problem.message());
        assertTrue(progress.work() < 20L * 1024 * 1024, "stopped soon after cancelling: " + progress.work());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 5000, "cancelled quickly");
        assertEquals(List.of(), kit.store().snapshotIds());
        assertEquals(spoolsBefore, spoolFolders(), "spool folders removed");
    }

    private static Set<Path> spoolFolders() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(p -> p.getFileName().toString().startsWith("airgap-ftp-")).collect(Collectors.toSet());
        }
    }

    @Test
    void fourConnectionsGiveTheSameSnapshotAsOne() throws IOException {
        Snapshot one = kit.backup(driver, parameters(server.port(), "concurrency", "1")).snapshotOrFail();
        Backup four = kit.backup(driver, parameters(server.port(), "concurrency", "4"));
        assertEquals(one.id(), four.snapshotOrFail().id());
        assertTrue(four.progress().log().stream().anyMatch(line -> line.contains("over 4 connection(s)")),
                four.progress().log().toString());
    }

    @Test
    void explicitTlsWorksAndAWrongFingerprintIsRefused() throws Exception {
        Path keystore = TestFtpServer.createKeystore(dir, "device");
        String fingerprint = TestFtpServer.fingerprint(keystore, "device");
        try (TestFtpServer secure = TestFtpServer.start(home, dir, keystore, Map.of())) {
            Backup unpinned = kit.backup(driver, parameters(secure.port(), "paths", "/plc", "tls", "explicit"));
            Snapshot snapshot = unpinned.snapshotOrFail();
            assertArrayEquals(allBytes, content(snapshot, "plc/program.bin"));
            String shown = FtpSettings.displayFingerprint(fingerprint);
            assertTrue(unpinned.progress().log().stream().anyMatch(line -> line.contains(shown)),
                    "fingerprint logged for pinning: " + unpinned.progress().log());

            Backup pinned = kit.backup(driver, parameters(secure.port(), "paths", "/plc", "tls", "explicit",
                    "certificateFingerprint", shown.toLowerCase()));
            assertEquals(snapshot.id(), pinned.snapshotOrFail().id());

            String wrong = TestFtpServer.fingerprint(TestFtpServer.createKeystore(dir, "other"), "other");
            DeviceProblem problem = onlyProblem(kit.backup(driver, parameters(secure.port(), "paths", "/plc", "tls",
                    "explicit", "certificateFingerprint", wrong)));
            assertEquals(ProblemKind.IDENTITY_CHANGED, problem.kind(), problem.message());
            assertTrue(problem.message().contains(shown), problem.message());

            // TLS asked of a server without it fails with a message that says so.
            DeviceProblem plain = onlyProblem(kit.backup(driver, parameters(server.port(), "paths", "/plc", "tls", "explicit")));
            assertTrue(plain.message().contains("TLS") || plain.message().contains("FTPS"), plain.message());
        }
    }

    @Test
    void validateNamesTheBadParameter() {
        Map<String, String> overlapping = new HashMap<>(Map.of("host", "plc1", "paths", "/robot/programs\n/robot/programs/old"));
        assertEquals(List.of("paths"), driver.validate(overlapping).stream().map(p -> p.parameter()).toList());
        Map<String, String> sameName = new HashMap<>(Map.of("host", "plc1", "paths", "/a/prog,/b/prog"));
        assertTrue(driver.validate(sameName).get(0).message().contains("'prog'"));
        Map<String, String> parent = new HashMap<>(Map.of("host", "plc1", "paths", "/robot/../etc"));
        assertEquals("paths", driver.validate(parent).get(0).parameter());
        Map<String, String> badPrint = new HashMap<>(Map.of("host", "plc1", "tls", "explicit", "certificateFingerprint", "12:34"));
        assertEquals(List.of("certificateFingerprint"), driver.validate(badPrint).stream().map(p -> p.parameter()).toList());
        Map<String, String> range = new HashMap<>(Map.of("host", "plc1", "concurrency", "9"));
        assertEquals(List.of("concurrency"), driver.validate(range).stream().map(p -> p.parameter()).toList());
        assertEquals(List.of(), driver.validate(Map.of("host", "plc1")));
    }
}
