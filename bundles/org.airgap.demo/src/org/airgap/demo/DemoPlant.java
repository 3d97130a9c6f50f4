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
import org.airgap.demo.internal.SimulatedS7Plc;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.protocol.AdminImport;
import org.airgap.protocol.Assignment;

/**
 * The simulated plant of the demo, running: PLC 1 (a Modbus TCP server whose holding registers come from
 * {@link #registersFile()}), Robot 1 (an FTP server on the folder {@link #robotFolder()}), Filler 1 (an
 * OPC UA server whose variables come from {@link #fillerFile()}) and the Press PLC (a Siemens S7 PLC whose
 * memory is {@link #pressFile()}), all on 127.0.0.1. Editing those files changes the devices. {@link #definitions(String)} gives the server
 * import (components and jobs) that backs them up with the real drivers.
 *
 * <pre>
 * try (DemoPlant plant = DemoPlant.start(dir, 0, 0, 0, 0)) {
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
    /** The Press PLC's S7 memory, {@code AREA.OFFSET = hex bytes}, created with demo values when missing. */
    public static final String PRESS_FILE = "press1-memory.properties";
    /** The job that backs up PLC 1's holding registers. */
    public static final String PLC_JOB = "plc1-registers";
    /** The job that backs up Robot 1's programs and configuration. */
    public static final String ROBOT_JOB = "robot1-programs";
    /** The job that backs up Filler 1's OPC UA variables. */
    public static final String FILLER_JOB = "filler1-variables";
    /** The job that backs up the Press PLC's S7 memory. */
    public static final String PRESS_JOB = "press1-memory";

    private final Path dir;
    private final SimulatedPlc plc;
    private final SimulatedRobot robot;
    private final SimulatedMachine filler;
    private final SimulatedS7Plc press;

    private DemoPlant(Path dir, SimulatedPlc plc, SimulatedRobot robot, SimulatedMachine filler, SimulatedS7Plc press) {
        this.dir = dir;
        this.plc = plc;
        this.robot = robot;
        this.filler = filler;
        this.press = press;
    }

    /** Starts the plant with the filler and the press on free ports: {@link #start(Path, int, int, int, int)}. */
    public static DemoPlant start(Path dir, int modbusPort, int ftpPort) throws IOException {
        return start(dir, modbusPort, ftpPort, 0, 0);
    }

    /** Starts the plant with the press on a free port: {@link #start(Path, int, int, int, int)}. */
    public static DemoPlant start(Path dir, int modbusPort, int ftpPort, int opcuaPort) throws IOException {
        return start(dir, modbusPort, ftpPort, opcuaPort, 0);
    }

    /**
     * Starts the four devices with their state in {@code dir} (kept from an earlier start).
     *
     * @param modbusPort the PLC's port; 0 for a free one
     * @param ftpPort    the robot's port; 0 for a free one
     * @param opcuaPort  the filler's port; 0 for a free one
     * @param s7Port     the press's port; 0 for a free one
     * @throws IOException when a port is taken or the folder cannot be written
     */
    public static DemoPlant start(Path dir, int modbusPort, int ftpPort, int opcuaPort, int s7Port)
            throws IOException {
        Files.createDirectories(dir);
        SimulatedPlc plc = new SimulatedPlc(dir.resolve(REGISTERS_FILE), modbusPort == 0 ? freePort() : modbusPort);
        SimulatedRobot robot = null;
        SimulatedMachine filler = null;
        try {
            robot = new SimulatedRobot(dir.resolve(ROBOT_FOLDER), ftpPort);
            filler = new SimulatedMachine(dir.resolve(FILLER_FILE), opcuaPort == 0 ? freePort() : opcuaPort);
            SimulatedS7Plc press = new SimulatedS7Plc(dir.resolve(PRESS_FILE), s7Port);
            return new DemoPlant(dir, plc, robot, filler, press);
        } catch (IOException | RuntimeException e) {
            closeAll(filler, robot, plc);
            throw e;
        }
    }

    /** Closes the devices started so far (null: not started), each even when another one fails. */
    private static void closeAll(SimulatedMachine filler, SimulatedRobot robot, SimulatedPlc plc) {
        try {
            if (filler != null) {
                filler.close();
            }
        } catch (IOException e) {
            System.err.println("demo plant: " + e.getMessage());
        } finally {
            try {
                if (robot != null) {
                    robot.close();
                }
            } finally {
                plc.close();
            }
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

    public int s7Port() {
        return press.port();
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

    public Path pressFile() {
        return dir.resolve(PRESS_FILE);
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
                        Map.of("endpoint", filler.endpoint(), "securityPolicy", "None")),
                new Component("press1", "Press PLC", "line1", "siemens-s7",
                        Map.of("host", "127.0.0.1", "port", Integer.toString(s7Port()), "rack",
                                Integer.toString(SimulatedS7Plc.RACK), "slot", Integer.toString(SimulatedS7Plc.SLOT))));
        List<Job> jobs = List.of(
                new Job(PLC_JOB, "plc1", "PLC 1 holding registers",
                        Map.of("holdingRegisters", "0-" + (SimulatedPlc.REGISTERS - 1), "readDeviceIdentification",
                                "false"), options),
                new Job(ROBOT_JOB, "robot1", "Robot 1 programs and configuration", Map.of("paths", "/"), options),
                new Job(FILLER_JOB, "filler1", "Filler 1 OPC UA variables", Map.of(), options),
                new Job(PRESS_JOB, "press1", "Press PLC S7 memory",
                        Map.of("areas", SimulatedS7Plc.AREAS, "layout", SimulatedS7Plc.LAYOUT), options));
        List<Assignment> assignments = jobs.stream().map(job -> new Assignment(job.id(), technician)).toList();
        return new AdminImport(folders, components, jobs, assignments);
    }

    /** Stops the devices; their files stay. */
    @Override
    public void close() {
        try {
            press.close();
        } finally {
            closeAll(filler, robot, plc);
        }
    }
}
