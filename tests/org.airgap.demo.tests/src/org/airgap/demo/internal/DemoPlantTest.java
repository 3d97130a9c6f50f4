package org.airgap.demo.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.airgap.compare.EntryStatus;
import org.airgap.compare.SnapshotComparison;
import org.airgap.demo.DemoPlant;
import org.airgap.model.Component;
import org.airgap.model.Job;
import org.airgap.protocol.AdminImport;
import org.airgap.store.Snapshot;
import org.airgap.testing.drivers.DriverTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's jobs work with the real drivers against the simulated plant, and editing its files changes the devices. */
class DemoPlantTest {

    @TempDir
    Path dir;

    @Test
    void demoJobsBackUpThePlantAndSeeChanges() throws Exception {
        DriverTestKit kit = new DriverTestKit(dir.resolve("store"));
        // Port 0: the plant takes free ports and reports them, as the scripted workbench session needs.
        try (DemoPlant running = DemoPlant.start(dir, 0, 0, 0, 0)) {
            assertTrue(running.modbusPort() > 0 && running.ftpPort() > 0 && running.opcuaPort() > 0
                    && running.s7Port() > 0, running.modbusPort() + "/" + running.ftpPort() + "/"
                            + running.opcuaPort() + "/" + running.s7Port());
            AdminImport plant = running.definitions("tech");
            assertEquals(List.of(DemoPlant.PLC_JOB, DemoPlant.ROBOT_JOB, DemoPlant.FILLER_JOB, DemoPlant.PRESS_JOB),
                    plant.jobs().stream().map(Job::id).toList());
            assertEquals(List.of("tech", "tech", "tech", "tech"), plant.assignments().stream().map(a -> a.user()).toList());

            Snapshot robotBefore = backup(kit, plant, "robot1-programs");
            try (InputStream main = kit.store().openBlob(robotBefore.manifest().entry("programs/MAIN.mod").orElseThrow().sha256())) {
                assertTrue(new String(main.readAllBytes(), StandardCharsets.UTF_8).contains("PROC main()"));
            }
            Snapshot plcBefore = backup(kit, plant, "plc1-registers");
            Snapshot fillerBefore = backup(kit, plant, DemoPlant.FILLER_JOB);
            String variables = text(kit, fillerBefore, "variables.table");
            assertTrue(variables.contains(";s=Filler1/Recipe\tObjects/Filler1/Recipe\tString\tCurrentRead+CurrentWrite\t"
                    + "Apple juice 0.5 l\tActive recipe\n"), variables);
            assertEquals(5, variables.lines().filter(l -> l.startsWith("nsu=urn:airgap:demo:filler1;")).count(), variables);
            Snapshot pressBefore = backup(kit, plant, DemoPlant.PRESS_JOB);
            assertTrue(text(kit, pressBefore, "DB2.table").contains("\tDINT 17 shifts\n"),
                    text(kit, pressBefore, "DB2.table"));

            Path registers = running.registersFile();
            Files.writeString(registers, Files.readString(registers).replace("\n7 = 359\n", "\n7 = 360\n"));
            Files.setLastModifiedTime(registers, FileTime.fromMillis(System.currentTimeMillis() + 5000));
            Path program = running.robotFolder().resolve("programs/WELD_SEAM.mod");
            Files.writeString(program, Files.readString(program).replace("v12", "v14"));
            Path filler = running.fillerFile();
            Files.writeString(filler, Files.readString(filler).replace("\nSpeed = 12.5\n", "\nSpeed = 13\n"));
            Files.setLastModifiedTime(filler, FileTime.fromMillis(System.currentTimeMillis() + 5000));
            Path press = running.pressFile();
            Files.writeString(press, Files.readString(press).replace("\nDB2.16 = 00 00 00 11 ", "\nDB2.16 = 00 00 00 12 "));
            Files.setLastModifiedTime(press, FileTime.fromMillis(System.currentTimeMillis() + 5000));
            Thread.sleep(1500); // the PLCs and the filler re-read their files every 500 ms

            SnapshotComparison plcChange = kit.compare(plcBefore, backup(kit, plant, "plc1-registers"), List.of());
            SnapshotComparison robotChange = kit.compare(robotBefore, backup(kit, plant, "robot1-programs"), List.of());
            assertEquals(1, plcChange.entries().stream().filter(e -> e.status() == EntryStatus.CHANGED).count(),
                    plcChange.entries().toString());
            assertEquals(List.of("programs/WELD_SEAM.mod"), robotChange.entries().stream()
                    .filter(e -> e.status() == EntryStatus.CHANGED).map(e -> e.path()).toList());
            Snapshot fillerAfter = backup(kit, plant, DemoPlant.FILLER_JOB);
            assertEquals(List.of("variables.table"), kit.compare(fillerBefore, fillerAfter, List.of()).entries().stream()
                    .filter(e -> e.status() == EntryStatus.CHANGED).map(e -> e.path()).toList());
            assertTrue(text(kit, fillerAfter, "variables.table").contains("\tObjects/Filler1/Speed\tDouble\t"
                    + "CurrentRead+CurrentWrite\t13.0\tBottles per second\n"), text(kit, fillerAfter, "variables.table"));
            Snapshot pressAfter = backup(kit, plant, DemoPlant.PRESS_JOB);
            assertEquals(List.of("DB2.table"), kit.compare(pressBefore, pressAfter, List.of()).entries().stream()
                    .filter(e -> e.status() == EntryStatus.CHANGED).map(e -> e.path()).toList());
            assertTrue(text(kit, pressAfter, "DB2.table").contains("\tDINT 18 shifts\n"),
                    text(kit, pressAfter, "DB2.table"));
        }
    }

    @Test
    void restartedFillerKeepsItsCertificateSoAPinnedClientStillTrustsIt() throws Exception {
        DriverTestKit kit = new DriverTestKit(dir.resolve("store"));
        int port;
        Snapshot first;
        try (DemoPlant running = DemoPlant.start(dir.resolve("plant"), 0, 0, 0)) {
            port = running.opcuaPort();
            first = backup(kit, running.definitions("tech"), DemoPlant.FILLER_JOB);
        }
        byte[] certificate = Files.readAllBytes(dir.resolve("plant").resolve(SimulatedMachine.CERTIFICATE_FILE));
        try (DemoPlant again = DemoPlant.start(dir.resolve("plant"), 0, 0, port)) {
            // The same driver instance (the workspace's pins) sees the same device: no IDENTITY_CHANGED.
            assertEquals(first.id(), backup(kit, again.definitions("tech"), DemoPlant.FILLER_JOB).id());
        }
        assertArrayEquals(certificate, Files.readAllBytes(dir.resolve("plant").resolve(SimulatedMachine.CERTIFICATE_FILE)));
    }

    private static String text(DriverTestKit kit, Snapshot snapshot, String path) throws Exception {
        try (InputStream in = kit.store().openBlob(snapshot.manifest().entry(path).orElseThrow().sha256())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Snapshot backup(DriverTestKit kit, AdminImport plant, String jobId) throws Exception {
        Job job = plant.jobs().stream().filter(j -> j.id().equals(jobId)).findFirst().orElseThrow();
        Component component = plant.components().stream().filter(c -> c.id().equals(job.componentId())).findFirst()
                .orElseThrow();
        Map<String, String> parameters = new HashMap<>(component.connection());
        parameters.putAll(job.parameters());
        return kit.backup(DriverTestKit.driver(component.deviceType()), parameters).snapshotOrFail();
    }
}
