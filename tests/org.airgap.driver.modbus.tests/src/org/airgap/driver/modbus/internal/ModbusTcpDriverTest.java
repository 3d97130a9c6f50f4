package org.airgap.driver.modbus.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
import org.airgap.driver.api.DeviceProblem;
import org.airgap.driver.api.DriverProgress;
import org.airgap.driver.api.DriverResult;
import org.airgap.driver.api.ProblemKind;
import org.airgap.model.CompareResult;
import org.airgap.store.ManifestEntry;
import org.airgap.store.Snapshot;
import org.airgap.store.SnapshotWriter;
import org.airgap.testing.drivers.DriverTestKit;
import org.airgap.testing.drivers.DriverTestKit.Backup;
import org.airgap.testing.drivers.IdentifyingModbusDevice;
import org.airgap.testing.drivers.ModbusTestSlaves;
import org.airgap.testing.drivers.RecordingProgress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

import com.ghgande.j2mod.modbus.procimg.SimpleRegister;

/** The Modbus TCP driver from DS against j2mod slaves on 127.0.0.1. */
@Timeout(30)
class ModbusTcpDriverTest {

    @TempDir
    Path temp;

    private DriverTestKit kit;
    private DeviceDriver driver;
    private TestSlave slave;

    @BeforeEach
    void setUp() throws IOException {
        kit = new DriverTestKit(temp.resolve("store"));
        driver = DriverTestKit.driver("modbus-tcp");
    }

    @AfterEach
    void stopSlave() {
        if (slave != null) {
            slave.close();
        }
    }

    private Map<String, String> parameters(int port, String... more) {
        Map<String, String> parameters = new HashMap<>(Map.of("host", "127.0.0.1", "port", Integer.toString(port),
                "timeout", "PT2S"));
        for (int i = 0; i < more.length; i += 2) {
            parameters.put(more[i], more[i + 1]);
        }
        return parameters;
    }

    @Test
    void isADsServiceWithItsProperties() throws Exception {
        assertInstanceOf(ModbusTcpDriver.class, driver);
        BundleContext context = FrameworkUtil.getBundle(DriverTestKit.class).getBundleContext();
        ServiceReference<DeviceDriver> reference = context.getServiceReferences(DeviceDriver.class,
                "(" + DeviceDriver.ID + "=modbus-tcp)").iterator().next();
        assertEquals("Modbus TCP", reference.getProperty(DeviceDriver.NAME));
        assertEquals("Airgap", reference.getProperty(DeviceDriver.VENDOR));
        assertEquals(List.of("host", "port", "unitId", "holdingRegisters", "inputRegisters", "coils",
                "discreteInputs", "timeout", "retries", "concurrency", "readDeviceIdentification"),
                driver.parameters().stream().map(p -> p.name()).toList());
        assertTrue(driver.parameters().stream().allMatch(p -> !p.description().isBlank()));
    }

    @Test
    void unchangedDeviceComparesEqualAndChangedRegisterIsNamed() throws Exception {
        slave = new TestSlave(300, 50, 2100, 100);
        Map<String, String> parameters = parameters(slave.port, "holdingRegisters", "0-99, 200-299",
                "inputRegisters", "0-49", "coils", "0-2099", "discreteInputs", "10-19");

        Backup first = kit.backup(driver, parameters);
        Snapshot basis = first.snapshotOrFail();
        assertEquals(List.of("coils.table", "discrete-inputs.table", "holding-registers.table",
                "input-registers.table"), basis.manifest().entries().stream().map(ManifestEntry::path).toList());
        assertTrue(first.progress().log().stream().anyMatch(l -> l.contains("identification") && l.contains("not supported")),
                "the j2mod slave has no device identification: " + first.progress().log());
        String holding = content(basis, "holding-registers.table");
        assertTrue(holding.startsWith("# airgap-table v1\n# device: 127.0.0.1:" + slave.port
                + ", Modbus TCP, unit 1\n"), holding);
        assertTrue(holding.contains("\naddress\tvalue\n00000\t" + TestSlave.holding(0) + "\n00001\t"
                + TestSlave.holding(1) + "\n"), holding);
        assertTrue(holding.contains("\n00099\t" + TestSlave.holding(99) + "\n00200\t" + TestSlave.holding(200) + "\n"));
        assertFalse(holding.contains("\n00100\t"), "100-199 was not asked for");
        assertTrue(holding.endsWith("\n00299\t" + TestSlave.holding(299) + "\n"));
        assertTrue(content(basis, "coils.table").contains("\n02098\t" + bit(TestSlave.coil(2098)) + "\n02099\t"
                + bit(TestSlave.coil(2099)) + "\n"));
        assertTrue(content(basis, "discrete-inputs.table").endsWith("\n00018\t" + bit(TestSlave.discrete(18))
                + "\n00019\t" + bit(TestSlave.discrete(19)) + "\n"));
        assertTrue(content(basis, "input-registers.table").contains("\n00049\t" + TestSlave.input(49) + "\n"));

        Snapshot again = kit.backup(driver, parameters).snapshotOrFail();
        assertEquals(CompareResult.EQUAL, kit.compare(basis, again, List.of()).result());
        assertEquals(basis.id(), again.id(), "an unchanged device gives identical bytes");

        slave.image.setRegister(217, new SimpleRegister(4711));
        Snapshot changed = kit.backup(driver, parameters).snapshotOrFail();
        SnapshotComparison comparison = kit.compare(basis, changed, List.of());
        assertEquals(CompareResult.DIFFERENT, comparison.result());
        assertEquals(List.of("holding-registers.table"),
                comparison.differences().stream().map(EntryComparison::path).toList());
        EntryComparison entry = comparison.entry("holding-registers.table").orElseThrow();
        assertEquals(EntryStatus.CHANGED, entry.status());
        FileDiff diff = DriverTestKit.service(CompareEngine.class, null).diff(entry.basis(), kit.store()::openBlob,
                entry.backup(), kit.store()::openBlob, List.of());
        TableDiff table = assertInstanceOf(FileDiff.Table.class, diff).diff();
        assertEquals(1, table.rows().size(), table.format());
        TableDiff.Row row = table.rows().get(0);
        assertEquals("00217", row.key());
        assertEquals(List.of(new TableDiff.Cell("value", Integer.toString(TestSlave.holding(217)), "4711")),
                row.cells());
    }

    @Test
    void wholeAddressSpaceIsReadInProtocolSizedRequests() throws Exception {
        slave = new TestSlave(65536, 0, 4500, 0);
        RecordingProgress progress = new RecordingProgress();
        Backup backup = kit.backup(driver, parameters(slave.port, "holdingRegisters", "0-65535", "coils", "0-4499"),
                progress);
        Snapshot snapshot = backup.snapshotOrFail();
        assertEquals(65536 + 4500, progress.total());
        assertEquals("registers", progress.unit());
        assertEquals(65536 + 4500, progress.work());
        assertEquals(525 + 3, progress.items(), "ceil(65536 / 125) + ceil(4500 / 2000) requests");

        List<String> rows = rows(content(snapshot, "holding-registers.table"));
        assertEquals(65536, rows.size());
        for (int address = 0; address < 65536; address++) {
            assertEquals(String.format("%05d\t%d", address, TestSlave.holding(address)), rows.get(address));
        }
        List<String> coils = rows(content(snapshot, "coils.table"));
        assertEquals(4500, coils.size());
        for (int address = 0; address < 4500; address++) {
            assertEquals(String.format("%05d\t%s", address, bit(TestSlave.coil(address))), coils.get(address));
        }
    }

    @Test
    void fourConnectionsGiveTheSameSnapshotAsOne() throws Exception {
        slave = new TestSlave(65536, 1000, 3000, 3000);
        Map<String, String> parameters = parameters(slave.port, "holdingRegisters", "0-65535", "inputRegisters",
                "0-999", "coils", "0-2999", "discreteInputs", "1-2999");
        Snapshot one = kit.backup(driver, parameters).snapshotOrFail();
        parameters.put("concurrency", "4");
        Backup four = kit.backup(driver, parameters);
        assertEquals(one.id(), four.snapshotOrFail().id());
        assertEquals(65536 + 1000 + 3000 + 2999, four.progress().work());
    }

    @Test
    void rangeBeyondTheDeviceIsNotFoundNamingTheRange() throws Exception {
        slave = new TestSlave(1000, 0, 0, 0);
        Backup backup = kit.backup(driver, parameters(slave.port, "holdingRegisters", "0-99, 1000-1099"));
        assertNull(backup.snapshot());
        DeviceProblem problem = single(backup.result());
        assertEquals(ProblemKind.NOT_FOUND, problem.kind());
        assertTrue(problem.message().startsWith(
                "holding registers 1000-1099: the device answered 'illegal data address'"), problem.message());
        assertTrue(problem.message().contains("holdingRegisters"), problem.message());
    }

    @Test
    void closedPortIsUnreachableWithinTheTimeout() throws Exception {
        int port = ModbusTestSlaves.closedPort();
        long started = System.nanoTime();
        Backup backup = kit.backup(driver, parameters(port, "holdingRegisters", "0-9", "timeout", "PT2S"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertTrue(millis < 2500, "took " + millis + " ms");
        assertNull(backup.snapshot());
        DeviceProblem problem = single(backup.result());
        assertEquals(ProblemKind.UNREACHABLE, problem.kind());
        assertTrue(problem.message().startsWith("127.0.0.1:" + port + ": connection refused"), problem.message());
        assertTrue(problem.message().contains("Check the device's IP address"), problem.message());

        DriverResult test = driver.testConnection(parameters(port, "holdingRegisters", "0-9"), DriverProgress.NONE);
        assertEquals(ProblemKind.UNREACHABLE, single(test).kind());
    }

    @Test
    void connectionLostMidBackupFailsAndNothingIsCommitted() throws Exception {
        slave = new TestSlave(65536, 0, 0, 0);
        try (LoopbackProxy proxy = new LoopbackProxy(slave.port)) {
            CuttingProgress progress = new CuttingProgress(5, proxy);
            DriverResult result;
            long started = System.nanoTime();
            try (SnapshotWriter writer = kit.store().newSnapshot()) {
                result = driver.backup(parameters(proxy.port(), "holdingRegisters", "0-65535", "retries", "1",
                        "timeout", "PT1S"), writer, progress);
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            DeviceProblem problem = single(result);
            assertEquals(ProblemKind.PARTIAL, problem.kind(), problem.toString());
            assertTrue(problem.message().startsWith("127.0.0.1:" + proxy.port() + ", unit 1, holding registers "),
                    problem.message());
            assertTrue(problem.message().contains("connection lost"), problem.message());
            assertTrue(problem.message().contains("of 65536 registers and bits read"), problem.message());
            assertTrue(millis < 5000, "took " + millis + " ms");
            assertEquals(List.of(), kit.store().snapshotIds());
        }
    }

    @Test
    void silentDeviceTimesOut() throws Exception {
        // Accepts connections and never answers, like a device whose Modbus server hangs.
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            long started = System.nanoTime();
            Backup backup = kit.backup(driver, parameters(silent.getLocalPort(), "holdingRegisters", "0-9",
                    "timeout", "300", "retries", "1"));
            long millis = (System.nanoTime() - started) / 1_000_000;
            DeviceProblem problem = single(backup.result());
            assertEquals(ProblemKind.TIMEOUT, problem.kind(), problem.toString());
            assertTrue(problem.message().contains("holding registers 0-9: no answer within 300 ms (2 attempts"),
                    problem.message());
            assertTrue(backup.progress().log().stream().anyMatch(l -> l.contains("identification") && l.contains("not read")),
                    backup.progress().log().toString());
            // identification 300 ms, then 2 attempts of 300 ms and a pause of 100 ms
            assertTrue(millis < 3000, "took " + millis + " ms");
            assertNull(backup.snapshot());
        }
    }

    @Test
    void cancellationStopsBetweenRequests() throws Exception {
        slave = new TestSlave(65536, 0, 0, 0);
        Backup backup = kit.backup(driver, parameters(slave.port, "holdingRegisters", "0-65535", "concurrency", "2"),
                new RecordingProgress(10));
        assertNull(backup.snapshot());
        assertEquals(ProblemKind.CANCELLED, single(backup.result()).kind());
        assertTrue(backup.progress().items() < 20, backup.progress().items() + " requests done after cancelling");
    }

    @Test
    void deviceIdentificationIsReadWhenSupported() throws Exception {
        try (IdentifyingModbusDevice device = new IdentifyingModbusDevice()) {
            Map<String, String> parameters = parameters(device.port(), "holdingRegisters", "100-104");
            DriverResult test = driver.testConnection(parameters, DriverProgress.NONE);
            assertTrue(test.ok(), test.problems().toString());
            assertEquals("Airgap Test Devices", test.identity().vendor());

            Backup backup = kit.backup(driver, parameters);
            Snapshot snapshot = backup.snapshotOrFail();
            assertEquals("Airgap Test Devices", backup.result().identity().vendor());
            assertEquals("MB-TCP-1", backup.result().identity().model());
            assertEquals("V2.07", backup.result().identity().firmware());
            assertEquals("""
                    # airgap-table v1
                    # device: 127.0.0.1:%d, Modbus TCP, unit 1
                    object\tname\tvalue
                    00\tVendorName\tAirgap Test Devices
                    01\tProductCode\tMB-TCP-1
                    02\tMajorMinorRevision\tV2.07
                    """.formatted(device.port()), content(snapshot, "device-identification.table"));
            assertEquals(List.of("00100\t100", "00101\t101", "00102\t102", "00103\t103", "00104\t104"),
                    rows(content(snapshot, "holding-registers.table")));

            parameters.put("readDeviceIdentification", "false");
            Backup without = kit.backup(driver, parameters);
            assertNull(without.snapshotOrFail().manifest().entries().stream()
                    .filter(e -> e.path().equals("device-identification.table")).findAny().orElse(null));
        }
    }

    @Test
    void validationNamesTheParameter() {
        assertEquals(List.of(), driver.validate(Map.of("host", "plc-7", "holdingRegisters", "0-99, 200")));
        assertEquals(List.of(), driver.validate(Map.of("host", "plc-7", "coils", "0-65535")));
        assertProblem(Map.of("host", "plc-7", "holdingRegisters", "0-70000"), "holdingRegisters",
                "holdingRegisters: '0-70000': addresses go from 0 to 65535");
        assertProblem(Map.of("host", "plc-7", "inputRegisters", "ten"), "inputRegisters",
                "inputRegisters: 'ten' is not an address range");
        assertProblem(Map.of("host", "plc-7", "coils", "20-10"), "coils",
                "coils: '20-10': the first address must not be above the last");
        assertProblem(Map.of("host", "plc-7", "discreteInputs", "0-99, 50-149"), "discreteInputs",
                "discreteInputs: ranges 0-99 and 50-149 overlap");
        assertProblem(Map.of("host", "plc-7"), "holdingRegisters", "holdingRegisters: no range to back up");
        assertProblem(Map.of("holdingRegisters", "0-9"), "host", "host: required");
        assertProblem(Map.of("host", "plc-7", "coils", "0", "port", "0"), "port",
                "port: must be a whole number from 1 to 65535");
        assertProblem(Map.of("host", "plc-7", "coils", "0", "unitId", "256"), "unitId",
                "unitId: must be a whole number from 0 to 255");
        assertProblem(Map.of("host", "plc-7", "coils", "0", "concurrency", "17"), "concurrency",
                "concurrency: must be a whole number from 1 to 16");
        assertProblem(Map.of("host", "plc-7", "coils", "0", "timeout", "PT0S"), "timeout",
                "timeout: must be from 1 ms to 5 minutes");
        assertProblem(Map.of("host", "plc-7", "coils", "0", "timeout", "soon"), "timeout",
                "timeout: must be a duration");
        assertProblem(Map.of("host", "plc-7", "coils", "0", "readDeviceIdentification", "yes"),
                "readDeviceIdentification", "readDeviceIdentification: must be true or false");
    }

    private void assertProblem(Map<String, String> parameters, String parameter, String messageStart) {
        var problems = driver.validate(parameters);
        assertEquals(1, problems.size(), problems.toString());
        assertEquals(parameter, problems.get(0).parameter());
        assertTrue(problems.get(0).message().startsWith(messageStart), problems.get(0).message());
    }

    private static String bit(boolean value) {
        return value ? "1" : "0";
    }

    private static DeviceProblem single(DriverResult result) {
        assertEquals(1, result.problems().size(), result.problems().toString());
        return result.problems().get(0);
    }

    private String content(Snapshot snapshot, String path) throws IOException {
        ManifestEntry entry = snapshot.manifest().entries().stream().filter(e -> e.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + path + " in " + snapshot.manifest().entries()));
        assertNotNull(entry.sha256());
        try (InputStream in = kit.store().openBlob(entry.sha256())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** A table's rows, after the header line. */
    private static List<String> rows(String table) {
        List<String> lines = table.lines().toList();
        int header = lines.indexOf("address\tvalue");
        assertTrue(header > 0, table);
        return lines.subList(header + 1, lines.size());
    }

    /** Cuts the connection to the simulated device after a number of requests, as if its cable was pulled. */
    private static final class CuttingProgress implements DriverProgress {
        private final int cutAfter;
        private final LoopbackProxy proxy;
        private int items;

        CuttingProgress(int cutAfter, LoopbackProxy proxy) {
            this.cutAfter = cutAfter;
            this.proxy = proxy;
        }

        @Override
        public void begin(long totalWork, String unit) {
        }

        @Override
        public void worked(long work, String currentItem) {
            if (++items == cutAfter) {
                proxy.cut();
            }
        }

        @Override
        public void log(String message) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    }
}
