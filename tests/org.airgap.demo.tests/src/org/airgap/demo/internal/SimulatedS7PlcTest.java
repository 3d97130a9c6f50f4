package org.airgap.demo.internal;

import static org.airgap.testing.drivers.DriverAssertions.assertKind;
import static org.airgap.testing.drivers.DriverAssertions.paths;
import static org.airgap.testing.drivers.DriverAssertions.problem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
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

/** The real S7 driver (PLC4X) backs up the simulated S7 PLC of the demo. */
@Timeout(60)
class SimulatedS7PlcTest {

    @TempDir
    Path dir;

    private DriverTestKit kit;
    private DeviceDriver driver;
    private SimulatedS7Plc plc;

    @BeforeEach
    void start() throws IOException {
        kit = new DriverTestKit(dir.resolve("store"));
        driver = DriverTestKit.driver("siemens-s7");
        plc = new SimulatedS7Plc(dir.resolve("plc2-memory.txt"), 0);
    }

    @AfterEach
    void stop() {
        plc.close();
    }

    private Map<String, String> parameters(String... more) {
        Map<String, String> parameters = new HashMap<>(Map.of("host", "127.0.0.1", "port",
                Integer.toString(plc.port()), "rack", Integer.toString(SimulatedS7Plc.RACK), "slot",
                Integer.toString(SimulatedS7Plc.SLOT), "areas", SimulatedS7Plc.AREAS, "layout", SimulatedS7Plc.LAYOUT,
                "timeout", "PT2S"));
        for (int i = 0; i < more.length; i += 2) {
            parameters.put(more[i], more[i + 1]);
        }
        return parameters;
    }

    @Test
    void backsUpIdentityAndAreasThenEqualThenTheChangedByteByItsOffset() throws Exception {
        // controllerType auto: PLC4X asks the PLC for its module identification while connecting.
        Backup first = kit.backup(driver, parameters());
        Snapshot basis = first.snapshotOrFail();
        assertEquals(Set.of("DB1.table", "DB2.table", "M.table", "I.table", "Q.table", "identity.table"),
                paths(basis));
        String db1 = content(basis, "DB1.table");
        assertTrue(db1.contains("\n00000\t41\tREAL 21.5 temperatureSetpoint\n"), db1);
        assertTrue(db1.contains("\n00012\t44\tREAL 1450.0 pumpSpeed\n"), db1);
        assertTrue(db1.endsWith("\n00031\t00\t\n"), db1);
        assertTrue(content(basis, "DB2.table").contains("\tDINT 128734 goodParts\n"));

        DriverResult result = first.result();
        assertEquals("Siemens", result.identity().vendor());
        assertEquals("CPU 315-2 PN/DP (6ES7 315-2EH14-0AB0)", result.identity().model());
        assertEquals("V3.3.12", result.identity().firmware());
        assertEquals(S7SystemStatusLists.SERIAL_NUMBER, result.identity().serial());
        String identity = content(basis, "identity.table");
        assertTrue(identity.contains("\n001C.0001\tautomation system name\tAIRGAP DEMO (SIMULATED)\n"), identity);

        Snapshot again = kit.backup(driver, parameters("controllerType", "S7_300")).snapshotOrFail();
        assertEquals(CompareResult.EQUAL, kit.compare(basis, again, List.of()).result());
        assertEquals(basis.id(), again.id(), "an unchanged PLC gives identical bytes");

        plc.set("DB1", 18, 0x99); // in fillLevel, the REAL at 16: its row shows the new value, row 18 the byte
        String memory = Files.readString(dir.resolve("plc2-memory.txt"));
        assertTrue(memory.contains("\nDB1.16 = 42 96 99 00 41 48 00 00 3F 4C CC CD 43 34 00 00\n"), memory);
        assertOnlyChanged(basis, kit.backup(driver, parameters()).snapshotOrFail(), "DB1.table",
                List.of("00016", "00018"), "REAL 75.29883 fillLevel");
    }

    @Test
    void editingTheMemoryFileChangesThePlc() throws Exception {
        Snapshot basis = kit.backup(driver, parameters()).snapshotOrFail();
        Path file = dir.resolve("plc2-memory.txt");
        String memory = Files.readString(file);
        assertTrue(memory.contains("\nQ.0 = 06 00 3C 00 00 00 00 00\n"), memory);
        Files.writeString(file, memory.replace("\nQ.0 = 06 00 3C", "\nQ.0 = 06 00 3D"));
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 5000));
        Thread.sleep(1500); // the PLC re-reads its memory file every 500 ms
        assertOnlyChanged(basis, kit.backup(driver, parameters()).snapshotOrFail(), "Q.table", List.of("00002"),
                "3D");
    }

    @Test
    void aMissingDataBlockOrOneTooShortIsNotFoundByThePlcsReturnCode() throws Exception {
        Backup missing = kit.backup(driver, parameters("areas", "DB1:0:4, DB9:0:4", "layout", ""));
        assertKind(ProblemKind.NOT_FOUND, missing.result());
        String message = problem(missing.result()).message();
        assertTrue(message.contains("data block 9 does not exist"), message);
        // The PLC's return code, not the driver's fallback for a PLC that leaves a read unanswered.
        assertTrue(message.contains("the PLC says it does not exist"), message);
        assertNull(missing.snapshot());

        Backup tooShort = kit.backup(driver, parameters("areas", "DB2:0:64", "layout", ""));
        assertKind(ProblemKind.NOT_FOUND, tooShort.result());
        assertTrue(problem(tooShort.result()).message().contains("data block 2 does not exist or is shorter than 64"),
                problem(tooShort.result()).message());
    }

    @Test
    void anotherSlotIsRefusedAsACpuRefusesIt() throws Exception {
        DriverResult refused = driver.testConnection(parameters("slot", "1", "timeout", "PT1S"),
                new RecordingProgress());
        assertKind(ProblemKind.PROTOCOL_ERROR, refused);
        assertTrue(problem(refused).message().contains("rack 0, slot 1"), problem(refused).message());
        DriverResult accepted = driver.testConnection(parameters(), new RecordingProgress());
        assertTrue(accepted.ok(), accepted.problems().toString());
        assertEquals("V3.3.12", accepted.identity().firmware());
    }

    private void assertOnlyChanged(Snapshot basis, Snapshot changed, String path, List<String> rows, String value)
            throws IOException {
        SnapshotComparison comparison = kit.compare(basis, changed, List.of());
        assertEquals(CompareResult.DIFFERENT, comparison.result());
        assertEquals(List.of(path), comparison.differences().stream().map(EntryComparison::path).toList());
        EntryComparison entry = comparison.entry(path).orElseThrow();
        FileDiff diff = DriverTestKit.service(CompareEngine.class, null).diff(entry.basis(), kit.store()::openBlob,
                entry.backup(), kit.store()::openBlob, List.of());
        TableDiff table = assertInstanceOf(FileDiff.Table.class, diff).diff();
        assertEquals(rows, table.rows().stream().map(row -> row.key()).toList(), table.format());
        assertTrue(table.format().contains(value), table.format());
    }

    private String content(Snapshot snapshot, String path) throws IOException {
        try (InputStream in = kit.store().openBlob(snapshot.manifest().entry(path).orElseThrow().sha256())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
