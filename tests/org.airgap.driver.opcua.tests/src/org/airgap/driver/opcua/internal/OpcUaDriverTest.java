package org.airgap.driver.opcua.internal;

import static org.airgap.testing.drivers.DriverAssertions.assertKind;
import static org.airgap.testing.drivers.DriverAssertions.problem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.airgap.compare.CompareEngine;
import org.airgap.compare.EntryComparison;
import org.airgap.compare.EntryStatus;
import org.airgap.compare.FileDiff;
import org.airgap.compare.SnapshotComparison;
import org.airgap.compare.TableDiff;
import org.airgap.driver.api.DeviceDriver;
import org.airgap.driver.api.DriverProgress;
import org.airgap.driver.api.DriverResult;
import org.airgap.driver.api.ParameterDescriptor;
import org.airgap.driver.api.ProblemKind;
import org.airgap.model.CompareResult;
import org.airgap.model.DeviceIdentity;
import org.airgap.store.Snapshot;
import org.airgap.store.SnapshotWriter;
import org.airgap.testing.drivers.DriverTestKit;
import org.airgap.testing.drivers.DriverTestKit.Backup;
import org.airgap.testing.drivers.RecordingProgress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The OPC UA driver against a real Eclipse Milo server on 127.0.0.1 ({@link PlantServer}). */
@Timeout(60)
class OpcUaDriverTest {

    private static final String SPEED = "nsu=" + PlantNamespace.NAMESPACE_URI + ";s=Plant/Filler/Speed";

    @TempDir
    Path dir;

    private PlantServer server;
    private OpcUaDriver driver;
    private DriverTestKit kit;

    @BeforeEach
    void setUp() throws IOException {
        driver = new OpcUaDriver(dir.resolve("drivers/opcua"));
        kit = new DriverTestKit(dir.resolve("store"));
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private Map<String, String> parameters(String... more) {
        Map<String, String> parameters = new HashMap<>();
        parameters.put("endpoint", server.endpoint());
        parameters.put("timeout", "PT5S");
        for (int i = 0; i < more.length; i += 2) {
            parameters.put(more[i], more[i + 1]);
        }
        assertEquals(List.of(), driver.validate(parameters));
        return parameters;
    }

    @Test
    void isADsServiceWithItsParameters() {
        DeviceDriver service = DriverTestKit.driver("opcua");
        assertEquals(List.of("endpoint", "rootNodes", "maxDepth", "maxNodes", "securityPolicy", "messageMode", "user",
                "password", "timeout"), service.parameters().stream().map(ParameterDescriptor::name).toList());
        assertTrue(service.parameters().stream().filter(p -> p.name().equals("password")).findFirst().orElseThrow()
                .secret());
        assertFalse(service.validate(Map.of("endpoint", "http://plc:4840")).isEmpty(), "opc.tcp:// only");
        assertFalse(service.validate(Map.of("endpoint", "opc.tcp://plc:4840", "rootNodes", "Line 1")).isEmpty());
        assertEquals(List.of(), service.validate(Map.of("endpoint", "opc.tcp://plc:4840", "rootNodes",
                "Objects, ns=2;s=Line1, nsu=urn:x;i=1000")));
    }

    @Test
    void testConnectionReadsTheBuildInfo() throws Exception {
        server = new PlantServer(0);
        RecordingProgress progress = new RecordingProgress();
        DriverResult result = driver.testConnection(parameters(), progress);
        assertTrue(result.ok(), result.problems() + " " + progress.log());
        assertEquals(new DeviceIdentity(PlantServer.MANUFACTURER, PlantServer.PRODUCT, "2.7.1 build 413", null),
                result.identity());
    }

    @Test
    void unchangedServerComparesEqualAndChangedVariableIsNamed() throws Exception {
        server = new PlantServer(0);
        Backup first = kit.backup(driver, parameters());
        Snapshot basis = first.snapshotOrFail();
        assertEquals(PlantServer.MANUFACTURER, first.result().identity().vendor());
        String table = content(basis);
        assertTrue(table.startsWith("# airgap-table v1\n# OPC UA variables of " + server.endpoint() + " below Objects\n"),
                table);
        assertTrue(table.contains("\nnode\tpath\tdataType\taccessLevel\tvalue\tdescription\n"), table);
        assertTrue(table.contains("\n" + SPEED + "\tObjects/Plant/Filler/Speed\tDouble\tCurrentRead+CurrentWrite\t1.5"
                + "\tBottles per second\n"), table);
        assertTrue(table.contains(";s=Plant/Filler/Counter\tObjects/Plant/Filler/Counter\tInt32\tCurrentRead\t42\t"
                + "Bottles since start\n"), table);
        assertTrue(table.contains(";s=Plant/Filler/Recipe/Volumes\tObjects/Plant/Filler/Recipe/Volumes\tInt32\t"
                + "CurrentRead+CurrentWrite\t[330, 500, 1000]\t\n"), table);
        assertTrue(table.contains(";s=Plant/Filler/Recipe/Secret\tObjects/Plant/Filler/Recipe/Secret\tString\tnone\t"
                + "(Bad_UserAccessDenied)\t\n"), table);
        assertFalse(table.contains("Objects/Server"), "the Server object's run-time state is left out");
        assertEquals(5, table.lines().filter(l -> l.startsWith("nsu=")).count(), table);

        Snapshot again = kit.backup(driver, parameters()).snapshotOrFail();
        assertEquals(CompareResult.EQUAL, kit.compare(basis, again, List.of()).result());
        assertEquals(basis.id(), again.id(), "an unchanged server gives identical bytes");

        server.plant.set("Plant/Filler/Speed", 2.25);
        Snapshot changed = kit.backup(driver, parameters()).snapshotOrFail();
        SnapshotComparison comparison = kit.compare(basis, changed, List.of());
        assertEquals(CompareResult.DIFFERENT, comparison.result());
        EntryComparison entry = comparison.entry(OpcUaDriver.VARIABLES_FILE).orElseThrow();
        assertEquals(EntryStatus.CHANGED, entry.status());
        FileDiff diff = DriverTestKit.service(CompareEngine.class, null).diff(entry.basis(), kit.store()::openBlob,
                entry.backup(), kit.store()::openBlob, List.of());
        TableDiff rows = assertInstanceOf(FileDiff.Table.class, diff).diff();
        assertEquals(1, rows.rows().size(), rows.format());
        assertEquals(SPEED, rows.rows().get(0).key());
        assertEquals(List.of(new TableDiff.Cell("value", "1.5", "2.25")), rows.rows().get(0).cells());
    }

    @Test
    void basic256Sha256SignAndSignAndEncryptWithTheWorkspacesClientCertificate() throws Exception {
        server = new PlantServer(0);
        Backup signed = kit.backup(driver, parameters("securityPolicy", "Basic256Sha256", "messageMode", "Sign", "user",
                PlantServer.USER, "password", PlantServer.PASSWORD));
        String table = content(signed.snapshotOrFail());
        Path certificate = dir.resolve("drivers/opcua/client-certificate.p12");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(certificate)));
        byte[] created = Files.readAllBytes(certificate);

        Backup encrypted = kit.backup(driver, parameters("securityPolicy", "Basic256Sha256", "messageMode",
                "SignAndEncrypt"));
        assertEquals(table, content(encrypted.snapshotOrFail()), "the same variables over either channel");
        assertArrayEquals(created, Files.readAllBytes(certificate), "the client certificate is created once");
        assertTrue(encrypted.progress().log().stream().anyMatch(l -> l.contains("Basic256Sha256 SignAndEncrypt")),
                encrypted.progress().log().toString());
    }

    @Test
    void aServerThatDoesNotTrustTheClientCertificateSaysSo() throws Exception {
        server = new PlantServer(PlantServer.freePort(), 0, false);
        DriverResult refused = driver.testConnection(parameters("securityPolicy", "Basic256Sha256"),
                new RecordingProgress());
        assertKind(ProblemKind.AUTHENTICATION_FAILED, refused);
        assertTrue(problem(refused).message().contains("must trust Airgap's client certificate"),
                problem(refused).message());
        assertTrue(driver.testConnection(parameters(), new RecordingProgress()).ok(), "no security needs no trust");
    }

    @Test
    void wrongPasswordIsAuthenticationFailedAndAClosedPortUnreachable() throws Exception {
        server = new PlantServer(0);
        DriverResult wrong = driver.testConnection(parameters("user", PlantServer.USER, "password", "wrong"),
                new RecordingProgress());
        assertKind(ProblemKind.AUTHENTICATION_FAILED, wrong);
        assertTrue(problem(wrong).message().contains("'" + PlantServer.USER + "'"), problem(wrong).message());
        assertFalse(problem(wrong).message().contains("wrong"), "no password in messages");

        Map<String, String> closed = parameters();
        closed.put("endpoint", "opc.tcp://127.0.0.1:" + PlantServer.freePort());
        assertKind(ProblemKind.UNREACHABLE, driver.testConnection(closed, new RecordingProgress()));
    }

    @Test
    void aServerThatNeverAnswersIsATimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread accepting = Thread.ofVirtual().start(() -> {
                try (Socket socket = silent.accept()) {
                    socket.getInputStream().readAllBytes(); // reads the Hello, answers nothing
                } catch (IOException e) {
                    // the driver gave up and closed the connection
                }
            });
            Map<String, String> parameters = Map.of("endpoint", "opc.tcp://127.0.0.1:" + silent.getLocalPort(),
                    "timeout", "PT1S");
            DriverResult result = driver.testConnection(parameters, new RecordingProgress());
            assertKind(ProblemKind.TIMEOUT, result);
            assertTrue(problem(result).message().contains("within 1 s"), problem(result).message());
            accepting.interrupt();
        }
    }

    @Test
    void serverStoppedMidBrowseIsPartialWithoutSnapshot() throws Exception {
        server = new PlantServer(200);
        // Objects, Plant, then Filler and Bulk are browsed: the server stops before their children are
        DriverProgress stopsServer = new DriverProgress() {
            private int steps;

            @Override
            public void begin(long totalWork, String unit) {
            }

            @Override
            public void worked(long work, String currentItem) {
                if (++steps == 3) {
                    try {
                        server.close();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
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
        DriverResult result;
        try (SnapshotWriter writer = kit.store().newSnapshot()) {
            result = driver.backup(parameters("timeout", "PT2S"), writer, stopsServer);
        }
        server = null;
        assertKind(ProblemKind.PARTIAL, result);
        assertTrue(problem(result).message().contains("not read completely"), problem(result).message());
    }

    @Test
    void limitsStopTheBackupNamingTheParameter() throws Exception {
        server = new PlantServer(300);
        Backup tooMany = kit.backup(driver, parameters("maxNodes", "100"));
        assertKind(ProblemKind.PARTIAL, tooMany.result());
        assertTrue(problem(tooMany.result()).message().contains("more than 100 nodes (maxNodes = 100)"),
                problem(tooMany.result()).message());
        Backup tooDeep = kit.backup(driver, parameters("maxDepth", "2"));
        assertKind(ProblemKind.PARTIAL, tooDeep.result());
        assertTrue(problem(tooDeep.result()).message().startsWith("Objects/Plant/Bulk has children deeper than 2 "
                + "levels (maxDepth = 2)"), problem(tooDeep.result()).message());
        assertEquals(List.of(), kit.store().snapshotIds());

        Backup all = kit.backup(driver, parameters("maxNodes", "400", "rootNodes", "nsu=" + PlantNamespace.NAMESPACE_URI
                + ";s=Plant/Bulk"));
        assertEquals(300, content(all.snapshotOrFail()).lines().filter(l -> l.contains("\tnsu=") || l.startsWith("nsu="))
                .count());
    }

    @Test
    void cancelStopsBetweenBrowseRequests() throws Exception {
        server = new PlantServer(200);
        RecordingProgress progress = new RecordingProgress(2);
        Backup backup = kit.backup(driver, parameters(), progress);
        assertKind(ProblemKind.CANCELLED, backup.result());
        assertEquals(2, progress.items(), "no request after the cancel");
        assertEquals(List.of(), kit.store().snapshotIds());
    }

    @Test
    void changedServerCertificateIsRefusedNamingBothFingerprints() throws Exception {
        server = new PlantServer(0);
        RecordingProgress first = new RecordingProgress();
        assertTrue(driver.testConnection(parameters(), first).ok(), first.log().toString());
        String pinned = Files.readString(dir.resolve("drivers/opcua/known_servers"));
        assertTrue(pinned.startsWith("127.0.0.1:" + server.port + " "), pinned);
        String oldFingerprint = PinnedServers.display(pinned.trim().split(" ")[1]);
        assertTrue(first.log().stream().anyMatch(l -> l.contains("Pinned") && l.contains(oldFingerprint)), first.log()
                .toString());

        int port = server.port;
        server.close();
        server = new PlantServer(port, 0, true); // the same address, a new certificate
        DriverResult changed;
        try (SnapshotWriter writer = kit.store().newSnapshot()) {
            changed = driver.backup(parameters(), writer, new RecordingProgress());
        }
        assertKind(ProblemKind.IDENTITY_CHANGED, changed);
        String message = problem(changed).message();
        assertTrue(message.contains("pinned " + oldFingerprint + ", now "), message);
        assertFalse(message.endsWith("now " + oldFingerprint), message);
        assertEquals(pinned, Files.readString(dir.resolve("drivers/opcua/known_servers")), "the pin is kept");
    }

    private String content(Snapshot snapshot) throws IOException {
        try (InputStream in = kit.store().openBlob(snapshot.manifest().entry(OpcUaDriver.VARIABLES_FILE).orElseThrow()
                .sha256())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
