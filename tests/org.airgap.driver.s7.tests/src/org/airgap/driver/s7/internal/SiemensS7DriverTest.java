package org.airgap.driver.s7.internal;

import static org.airgap.testing.drivers.DriverAssertions.assertKind;
import static org.airgap.testing.drivers.DriverAssertions.paths;
import static org.airgap.testing.drivers.DriverAssertions.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.airgap.compare.CompareEngine;
import org.airgap.compare.EntryComparison;
import org.airgap.compare.FileDiff;
import org.airgap.compare.SnapshotComparison;
import org.airgap.compare.TableDiff;
import org.airgap.driver.api.DeviceDriver;
import org.airgap.driver.api.DriverResult;
import org.airgap.driver.api.ProblemKind;
import org.airgap.model.CompareResult;
import org.airgap.store.Snapshot;
import org.airgap.testing.drivers.DriverTestKit;
import org.airgap.testing.drivers.DriverTestKit.Backup;
import org.airgap.testing.drivers.RecordingProgress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The S7 driver from DS against the real snap7 server on 127.0.0.1 (content: snap7-server/server.js). */
@Timeout(60)
class SiemensS7DriverTest {

    private static final String AREAS = "DB1:0:256, DB2:0:16, M:0:64, I:0:16, Q:0:16";
    private static final String LAYOUT = "DB1:0:INT:count, DB1:2:REAL:setpoint, DB1:6:DINT, DB1:10.0:BOOL:pumpOn, "
            + "DB1:10.2:BOOL";

    @TempDir
    Path temp;

    private DriverTestKit kit;
    private DeviceDriver driver;
    private Snap7Server server;

    @BeforeEach
    void setUp() throws IOException {
        kit = new DriverTestKit(temp.resolve("store"));
        driver = DriverTestKit.driver(SiemensS7Driver.ID);
    }

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static Map<String, String> parameters(int port, String... more) {
        Map<String, String> parameters = new HashMap<>(Map.of("host", "127.0.0.1", "port", Integer.toString(port),
                "rack", "0", "slot", "2", "controllerType", "S7_300", "timeout", "PT2S"));
        for (int i = 0; i < more.length; i += 2) {
            parameters.put(more[i], more[i + 1]);
        }
        return parameters;
    }

    @Test
    void isADsServiceWithItsParameters() {
        assertInstanceOf(SiemensS7Driver.class, driver);
        assertEquals(List.of("host", "port", "rack", "slot", "localTsap", "remoteTsap", "controllerType", "areas",
                "layout", "timeout", "readIdentity"), driver.parameters().stream().map(p -> p.name()).toList());
        assertTrue(driver.parameters().stream().allMatch(p -> !p.description().isBlank()));
        assertEquals("102", driver.parameters().get(1).defaultValue());
    }

    @Test
    void unchangedPlcComparesEqualAndAChangedByteIsNamedByItsOffset() throws Exception {
        server = Snap7Server.start();
        Map<String, String> parameters = parameters(server.port, "areas", AREAS, "layout", LAYOUT);

        Backup first = kit.backup(driver, parameters);
        Snapshot basis = first.snapshotOrFail();
        assertEquals(Set.of("DB1.table", "DB2.table", "I.table", "M.table", "Q.table", "identity.table"),
                paths(basis));
        String db1 = content(basis, "DB1.table");
        assertTrue(db1.startsWith("# airgap-table v1\n# device: 127.0.0.1:" + server.port
                + ", Siemens S7, rack 0, slot 2\n"), db1);
        assertTrue(db1.contains("\noffset\tbyte\tvalue\n00000\t04\tINT 1234 count\n00001\tD2\t\n"
                + "00002\t41\tREAL 21.5 setpoint\n"), db1);
        assertTrue(db1.contains("\n00006\tFF\tDINT -70000\n"), db1);
        assertTrue(db1.contains("\n00010\t05\tBOOL.0 true pumpOn; BOOL.2 true\n"), db1);
        // server.js: byte i of an area is (i * 7 + seed) & 0xFF; DB1's seed is 1, M's 3.
        assertTrue(db1.endsWith("\n00255\t" + hex(255 * 7 + 1) + "\t\n"), db1);
        assertTrue(content(basis, "M.table").contains("\n00063\t" + hex(63 * 7 + 3) + "\t\n"));
        assertEquals(16, content(basis, "Q.table").lines().filter(l -> l.matches("000\\d\\d\t.*")).count());

        // The snap7 server introduces itself as an S7-315 with firmware 3.2.6.
        DriverResult result = first.result();
        assertTrue(result.identity().model().contains("6ES7 315-2EH14-0AB0"), result.identity().toString());
        assertEquals("V3.2.6", result.identity().firmware());
        assertTrue(content(basis, "identity.table").contains("\n0011.0001\torder number\t6ES7 315-2EH14-0AB0\n"));

        Snapshot again = kit.backup(driver, parameters).snapshotOrFail();
        assertEquals(CompareResult.EQUAL, kit.compare(basis, again, List.of()).result());
        assertEquals(basis.id(), again.id(), "an unchanged PLC gives identical bytes");

        server.set("DB1", 17, 0xAB);
        Snapshot changed = kit.backup(driver, parameters).snapshotOrFail();
        SnapshotComparison comparison = kit.compare(basis, changed, List.of());
        assertEquals(CompareResult.DIFFERENT, comparison.result());
        assertEquals(List.of("DB1.table"), comparison.differences().stream().map(EntryComparison::path).toList());
        EntryComparison entry = comparison.entry("DB1.table").orElseThrow();
        FileDiff diff = DriverTestKit.service(CompareEngine.class, null).diff(entry.basis(), kit.store()::openBlob,
                entry.backup(), kit.store()::openBlob, List.of());
        TableDiff table = assertInstanceOf(FileDiff.Table.class, diff).diff();
        assertEquals(1, table.rows().size(), table.format());
        assertEquals("00017", table.rows().get(0).key());
        assertTrue(table.format().contains("AB"), table.format());
    }

    @Test
    void aMissingDataBlockOrOneTooShortIsNotFoundNamingIt() throws Exception {
        server = Snap7Server.start();
        Backup missing = kit.backup(driver, parameters(server.port, "areas", "DB1:0:16, DB9:0:4", "timeout", "PT1S"));
        assertKind(ProblemKind.NOT_FOUND, missing.result());
        assertTrue(problem(missing.result()).message().contains("data block 9 does not exist"),
                problem(missing.result()).message());
        assertNull(missing.snapshot());

        Backup tooShort = kit.backup(driver, parameters(server.port, "areas", "DB2:0:64", "timeout", "PT1S"));
        assertKind(ProblemKind.NOT_FOUND, tooShort.result());
        assertTrue(problem(tooShort.result()).message().contains("data block 2 does not exist or is shorter than 64"),
                problem(tooShort.result()).message());
    }

    @Test
    void aClosedPortIsUnreachable() throws Exception {
        int port = Snap7Server.freePort();
        DriverResult backup = kit.backup(driver, parameters(port, "areas", "DB1:0:16")).result();
        assertKind(ProblemKind.UNREACHABLE, backup);
        assertTrue(problem(backup).message().contains("127.0.0.1:" + port), problem(backup).message());
        assertKind(ProblemKind.UNREACHABLE, driver.testConnection(parameters(port, "areas", "DB1:0:16"),
                new RecordingProgress()));
    }

    @Test
    void aPlcThatRefusesTheS7ConnectionIsAProtocolErrorWithAMessage() throws Exception {
        // Accepts TCP, then closes at the first ISO connection request: as a PLC that refuses the TSAP.
        try (ServerSocket refusing = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!refusing.isClosed()) {
                    try (Socket socket = refusing.accept()) {
                        socket.getInputStream().read();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            long start = System.nanoTime();
            DriverResult result = driver.testConnection(parameters(refusing.getLocalPort(), "areas", "DB1:0:16",
                    "timeout", "PT1S"), new RecordingProgress());
            assertKind(ProblemKind.PROTOCOL_ERROR, result);
            assertTrue(problem(result).message().contains("rack 0, slot 2"), problem(result).message());
            assertTrue(System.nanoTime() - start < 10_000_000_000L, "bounded by the timeout");
        }
    }

    @Test
    void testConnectionReadsTheIdentity() throws Exception {
        server = Snap7Server.start();
        DriverResult result = driver.testConnection(parameters(server.port, "areas", "DB1:0:16"),
                new RecordingProgress());
        assertTrue(result.ok(), result.problems().toString());
        assertEquals("V3.2.6", result.identity().firmware());
    }

    @Test
    void cancellingBetweenRequestsEndsWithoutASnapshot() throws Exception {
        server = Snap7Server.start();
        RecordingProgress progress = new RecordingProgress(2);
        Backup cancelled = kit.backup(driver, parameters(server.port, "areas", AREAS), progress);
        assertKind(ProblemKind.CANCELLED, cancelled.result());
        assertNull(cancelled.snapshot());
        assertEquals(256, progress.work(), "DB1 in two requests, then nothing more");
        assertEquals(List.of(), kit.store().snapshotIds());
    }

    private static String hex(int value) {
        return String.format("%02X", value & 0xFF);
    }

    private String content(Snapshot snapshot, String path) throws IOException {
        try (InputStream in = kit.store().openBlob(snapshot.manifest().entry(path).orElseThrow().sha256())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
