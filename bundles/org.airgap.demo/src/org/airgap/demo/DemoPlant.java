package org.airgap.demo;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.airgap.demo.internal.SimulatedMachine;
import org.airgap.demo.internal.SimulatedPlc;
import org.airgap.demo.internal.SimulatedRobot;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.protocol.AdminImport;
import org.airgap.protocol.Assignment;

/**
 * The simulated plant of the demo, running: PLC 1 (a Modbus TCP server whose holding registers come from
 * {@link #registersFile()}), Robot 1 (an FTP server on the folder {@link #robotFolder()}) and Filler 1 (an
 * OPC UA server whose variables come from {@link #fillerFile()}), all on 127.0.0.1. Editing those files
 * changes the devices. {@link #definitions(String)} gives the server
 * import (components and jobs) that backs them up with the real drivers.
 *
 * <pre>
 * try (DemoPlant plant = DemoPlant.start(dir, 0, 0, 0)) {
 *     serverRepository.importDefinitions(plant.definitions("tech"));
 * }
 * </pre>
 */
public final class DemoPlant implements AutoCloseable {

    /** PLC 1's holding registers, {@code address = value}, created with demo values when missing. */
    public static final String REGISTERS_FILE = "plc1-registers.properties";
    /** The folder Robot 1 serves over FTP, created with demo programs when missing. */
    public static final String ROBOT_FOLDER = "robot1";
    /** Filler 1's OPC UA variables, {@code name = value}, created with demo values when missing. */
    public static final String FILLER_FILE = "filler1-variables.properties";
    /** The job that backs up PLC 1's holding registers. */
    public static final String PLC_JOB = "plc1-registers";
    /** The job that backs up Robot 1's programs and configuration. */
    public static final String ROBOT_JOB = "robot1-programs";
    /** The job that backs up Filler 1's OPC UA variables. */
    public static final String FILLER_JOB = "filler1-variables";

    private final Path dir;
    private final SimulatedPlc plc;
    private final SimulatedRobot robot;
    private final SimulatedMachine filler;

    private DemoPlant(Path dir, SimulatedPlc plc, SimulatedRobot robot, SimulatedMachine filler) {
        this.dir = dir;
        this.plc = plc;
        this.robot = robot;
        this.filler = filler;
    }

    /** Starts the plant with the filler on a free port: {@link #start(Path, int, int, int)}. */
    public static DemoPlant start(Path dir, int modbusPort, int ftpPort) throws IOException {
        return start(dir, modbusPort, ftpPort, 0);
    }

    /**
     * Starts the three devices with their state in {@code dir} (kept from an earlier start).
     *
     * @param modbusPort the PLC's port; 0 for a free one
     * @param ftpPort    the robot's port; 0 for a free one
     * @param opcuaPort  the filler's port; 0 for a free one
     * @throws IOException when a port is taken or the folder cannot be written
     */
    public static DemoPlant start(Path dir, int modbusPort, int ftpPort, int opcuaPort) throws IOException {
        Files.createDirectories(dir);
        SimulatedPlc plc = new SimulatedPlc(dir.resolve(REGISTERS_FILE), modbusPort == 0 ? freePort() : modbusPort);
        SimulatedRobot robot = null;
        try {
            robot = new SimulatedRobot(dir.resolve(ROBOT_FOLDER), ftpPort);
            SimulatedMachine filler = new SimulatedMachine(dir.resolve(FILLER_FILE),
                    opcuaPort == 0 ? freePort() : opcuaPort);
            return new DemoPlant(dir, plc, robot, filler);
        } catch (IOException | RuntimeException e) {
            if (robot != null) {
                robot.close();
            }
            plc.close();
            throw e;
        }
    }

    /** j2mod and Milo use the port they are given, not the one they got: ask the system for a free one first. */
    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    public int modbusPort() {
        return plc.port();
    }

    public int ftpPort() {
        return robot.port();
    }

    public int opcuaPort() {
        return filler.port();
    }

    public Path directory() {
        return dir;
    }

    public Path registersFile() {
        return dir.resolve(REGISTERS_FILE);
    }

    public Path robotFolder() {
        return dir.resolve(ROBOT_FOLDER);
    }

    public Path fillerFile() {
        return dir.resolve(FILLER_FILE);
    }

    /** The component tree and jobs of the plant as running now, every job assigned to {@code technician}. */
    public AdminImport definitions(String technician) {
        JobOptions options = new JobOptions(2, Duration.ofSeconds(2), Duration.ofDays(7), true, List.of(), List.of(),
                List.of());
        List<Folder> folders = List.of(new Folder("plant", "Demo plant", null), new Folder("line1", "Line 1", "plant"));
        List<Component> components = List.of(
                new Component("plc1", "PLC 1", "line1", "modbus-tcp",
                        Map.of("host", "127.0.0.1", "port", Integer.toString(modbusPort()), "unitId",
                                Integer.toString(SimulatedPlc.UNIT_ID))),
                new Component("robot1", "Robot 1", "line1", "ftp", Map.of("host", "127.0.0.1", "port",
                        Integer.toString(ftpPort()), "user", SimulatedRobot.USER, "password", SimulatedRobot.PASSWORD)),
                new Component("filler1", "Filler 1", "line1", "opcua",
                        Map.of("endpoint", filler.endpoint(), "securityPolicy", "None")));
        List<Job> jobs = List.of(
                new Job(PLC_JOB, "plc1", "PLC 1 holding registers",
                        Map.of("holdingRegisters", "0-" + (SimulatedPlc.REGISTERS - 1), "readDeviceIdentification",
                                "false"), options),
                new Job(ROBOT_JOB, "robot1", "Robot 1 programs and configuration", Map.of("paths", "/"), options),
                new Job(FILLER_JOB, "filler1", "Filler 1 OPC UA variables", Map.of(), options));
        List<Assignment> assignments = jobs.stream().map(job -> new Assignment(job.id(), technician)).toList();
        return new AdminImport(folders, components, jobs, assignments);
    }

    /** Stops the devices; their files stay. */
    @Override
    public void close() {
        try {
            filler.close();
        } catch (IOException e) {
            System.err.println("demo plant: " + e.getMessage());
        } finally {
            try {
                robot.close();
            } finally {
                plc.close();
            }
        }
    }
}
