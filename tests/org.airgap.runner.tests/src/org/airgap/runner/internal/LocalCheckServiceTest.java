package org.airgap.runner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.airgap.demo.DemoPlant;
import org.airgap.driver.api.DeviceDriver;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.protocol.AdminImport;
import org.airgap.runner.check.CheckService;
import org.airgap.runner.check.ConnectionResult;
import org.airgap.runner.check.DeviceNetwork;
import org.airgap.runner.check.JobReadiness;
import org.airgap.runner.check.Preflight;
import org.airgap.testing.drivers.DriverTestKit;
import org.airgap.testing.drivers.ModbusTestSlaves;
import org.airgap.workspace.SyncedData;
import org.airgap.workspace.Workspace;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check service against the demo plant's real devices (a j2mod Modbus TCP PLC, a MINA FTP robot, a Milo OPC UA
 * filler and the simulated S7 press PLC on loopback) with the real drivers, plus jobs that cannot reach or cannot run.
 */
class LocalCheckServiceTest {

    @TempDir
    Path temp;
    private DemoPlant plant;
    private Workspace workspace;
    private LocalCheckService check;
    private int closedPort;

    @BeforeEach
    void setUp() throws IOException {
        plant = DemoPlant.start(temp.resolve("plant"), 0, 0);
        workspace = Workspace.open(temp.resolve("workspace"));
        check = new LocalCheckService(workspace);
        for (String driver : List.of("modbus-tcp", "ftp", "opcua", "siemens-s7")) {
            check.addDriver(DriverTestKit.driver(driver), Map.of(DeviceDriver.ID, driver));
        }
        closedPort = ModbusTestSlaves.closedPort();
        AdminImport demo = plant.definitions("tech1");
        List<Component> components = new ArrayList<>(demo.components());
        List<Job> jobs = new ArrayList<>(demo.jobs());
        JobOptions options = JobOptions.defaults();
        components.add(new Component("plc2", "PLC 2 (switched off)", "line1", "modbus-tcp",
                Map.of("host", "127.0.0.1", "port", Integer.toString(closedPort), "timeout", "PT2S")));
        jobs.add(new Job("plc2-registers", "plc2", "PLC 2 holding registers", Map.of("holdingRegisters", "0-9"), options));
        components.add(new Component("s7", "Press PLC", "line1", "s7", Map.of("host", "192.168.10.7")));
        jobs.add(new Job("press-db", "s7", "Press data blocks", Map.of(), options));
        components.add(new Component("robot2", "Robot 2", "line1", "ftp",
                Map.of("host", "192.168.10.31", "port", "ftp", "user", "robot", "password", "secret")));
        jobs.add(new Job("robot2-programs", "robot2", "Robot 2 programs", Map.of("paths", "/"), options));
        workspace.replaceSynced(new SyncedData(demo.folders(), components, jobs, List.of()), "tech1");
    }

    @AfterEach
    void tearDown() throws IOException {
        workspace.close();
        plant.close();
    }

    @Test
    void reachableDevicesAnUnreachableOneAndJobsThatCannotRun() {
        List<ConnectionResult> results = check.testConnections(List.of(DemoPlant.PLC_JOB, DemoPlant.ROBOT_JOB,
                "plc2-registers", "press-db", "robot2-programs"), new NullProgressMonitor());

        assertEquals(List.of(DemoPlant.PLC_JOB, DemoPlant.ROBOT_JOB, "plc2-registers", "press-db", "robot2-programs"),
                results.stream().map(ConnectionResult::jobId).toList());
        for (ConnectionResult reachable : results.subList(0, 2)) {
            assertTrue(reachable.reachable(), reachable.toString());
            assertTrue(reachable.took().compareTo(Duration.ZERO) > 0, reachable.toString());
        }
        ConnectionResult off = results.get(2);
        assertFalse(off.reachable());
        assertEquals("UNREACHABLE", off.problemKind(), off.toString());
        assertTrue(off.problem().contains(Integer.toString(closedPort)), off.problem());
        ConnectionResult noDriver = results.get(3);
        assertEquals(ConnectionResult.CANNOT_RUN, noDriver.problemKind());
        assertTrue(noDriver.problem().contains("No driver for device type 's7'"), noDriver.problem());
        assertEquals(Duration.ZERO, noDriver.took());
        ConnectionResult badPort = results.get(4);
        assertEquals(ConnectionResult.CANNOT_RUN, badPort.problemKind());
        assertTrue(badPort.problem().startsWith("Parameter port: must be a whole number"), badPort.problem());
    }

    @Test
    void preflightSaysWhichJobsCannotRunAndWhichNetworksTheLaptopNeeds() {
        Preflight preflight = check.preflight();

        assertEquals(List.of("press-db", "robot2-programs"), preflight.blocked().stream().map(JobReadiness::jobId)
                .toList());
        JobReadiness press = preflight.blocked().get(0);
        assertEquals("Press PLC", press.component());
        assertEquals("s7", press.deviceType());
        assertTrue(press.problems().get(0).startsWith("No driver for device type 's7' is installed."),
                press.problems().toString());
        assertEquals(List.of("192.168.10.7"), press.addresses());
        assertTrue(preflight.blocked().get(1).problems().get(0).startsWith("Parameter port:"));
        assertEquals(List.of(
                new DeviceNetwork("127.0.0.0/24", List.of("127.0.0.1"),
                        List.of(DemoPlant.FILLER_JOB, DemoPlant.PLC_JOB, "plc2-registers", DemoPlant.PRESS_JOB,
                                DemoPlant.ROBOT_JOB)),
                new DeviceNetwork("192.168.10.0/24", List.of("192.168.10.7", "192.168.10.31"),
                        List.of("press-db", "robot2-programs"))),
                preflight.networks());
    }

    @Test
    void cancellingEndsATestThatWaitsForTheDevice() throws IOException {
        // A port that accepts connections and never says a word: the FTP driver waits for the greeting.
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            workspace.replaceSynced(new SyncedData(List.of(new Folder("hall", "Hall", null)),
                    List.of(new Component("mute", "Mute robot", "hall", "ftp", Map.of("host", "127.0.0.1", "port",
                            Integer.toString(silent.getLocalPort()), "user", "u", "password", "p", "timeout", "PT20S"))),
                    List.of(new Job("mute-programs", "mute", "Mute robot programs", Map.of("paths", "/"),
                            JobOptions.defaults())),
                    List.of()), "tech1");
            NullProgressMonitor monitor = new NullProgressMonitor();
            CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS).execute(() -> monitor.setCanceled(true));
            long start = System.nanoTime();

            ConnectionResult result = check.testConnections(List.of("mute-programs"), monitor).get(0);

            assertEquals("CANCELLED", result.problemKind(), result.toString());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 5_000, "cancelling took too long");
        }
    }

    @Test
    void aDriverMayTakeThreeTimesTheJobsTimeoutPlusFiveSecondsBeforeItIsGivenUp() {
        SyncedData synced = workspace.synced();
        Job off = synced.jobs().stream().filter(job -> job.id().equals("plc2-registers")).findFirst().orElseThrow();
        assertEquals(Duration.ofSeconds(11), ConnectionTests.limit(JobSetup.of(off, synced, DriverTestKit::driver)),
                "timeout PT2S");
        Component share = new Component("share", "Share", "line1", "directory", Map.of("path", temp.toString()));
        Job files = new Job("share-files", "share", "Share files", Map.of(), JobOptions.defaults());
        assertEquals(ConnectionTests.DEFAULT_LIMIT, ConnectionTests.limit(JobSetup.of(files, share,
                DriverTestKit::driver)), "the directory driver has no timeout");
    }

    @Test
    void theCheckIsADeclarativeService() {
        assertNotNull(DriverTestKit.service(CheckService.class, null));
    }

    @Test
    void unknownJobsAreRefusedByName() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> check.testConnections(List.of("nope"), new NullProgressMonitor()));
        assertTrue(refused.getMessage().contains("nope"));
    }
}
