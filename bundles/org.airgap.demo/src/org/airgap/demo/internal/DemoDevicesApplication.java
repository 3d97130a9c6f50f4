package org.airgap.demo.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.protocol.AdminImport;
import org.airgap.protocol.Assignment;
import org.airgap.protocol.ProtocolJson;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;

/**
 * The simulated plant of the demo ({@code ./dev demo}): a Modbus TCP PLC and an FTP robot controller on
 * 127.0.0.1, with their state in files under {@code --dir}, and the server import file that defines
 * the matching components and jobs. Runs until stopped (SIGTERM or Ctrl+C).
 */
public class DemoDevicesApplication implements IApplication {

    static final String USAGE = """
            Usage: airgap -application org.airgap.demo.devices --dir DIR [--modbus-port N] [--ftp-port N]
                          [--technician NAME]
              Starts the demo plant on 127.0.0.1 and writes DIR/demo-import.json for airgap-server import.
              DIR/plc1-registers.properties  holding registers of PLC 1 (edit to change the device)
              DIR/robot1/                    the files robot 1 serves over FTP (user robot, password robot)
            """;

    private final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Object start(IApplicationContext context) throws Exception {
        List<String> args = Arrays.asList((String[]) context.getArguments()
                .getOrDefault(IApplicationContext.APPLICATION_ARGS, new String[0]));
        Path dir = null;
        int modbusPort = 15020;
        int ftpPort = 2121;
        String technician = "tech";
        for (int i = 0; i < args.size(); i++) {
            String value = i + 1 < args.size() ? args.get(i + 1) : null;
            switch (args.get(i)) {
            case "--dir" -> dir = Path.of(require(value, "--dir")).toAbsolutePath();
            case "--modbus-port" -> modbusPort = Integer.parseInt(require(value, "--modbus-port"));
            case "--ftp-port" -> ftpPort = Integer.parseInt(require(value, "--ftp-port"));
            case "--technician" -> technician = require(value, "--technician");
            default -> {
                System.err.println("demo devices: unknown argument '" + args.get(i) + "'");
                System.err.print(USAGE);
                return Integer.valueOf(2);
            }
            }
            i++;
        }
        if (dir == null) {
            System.err.print(USAGE);
            return Integer.valueOf(2);
        }
        Files.createDirectories(dir);
        try (SimulatedPlc plc = new SimulatedPlc(dir.resolve("plc1-registers.properties"), modbusPort);
                SimulatedRobot robot = new SimulatedRobot(dir.resolve("robot1"), ftpPort)) {
            writeAtomically(dir.resolve("demo-import.json"), ProtocolJson.write(plant(plc.port(), robot.port(), technician)));
            context.applicationRunning();
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            String ready = "modbus=" + plc.port() + " ftp=" + robot.port();
            writeAtomically(dir.resolve("devices.ready"), ready + "\n");
            System.out.println("Demo plant running on 127.0.0.1: PLC 1 (Modbus TCP port " + plc.port()
                    + "), Robot 1 (FTP port " + robot.port() + "); definitions in " + dir.resolve("demo-import.json"));
            stop.await();
        } finally {
            Files.deleteIfExists(dir.resolve("devices.ready"));
        }
        return EXIT_OK;
    }

    /** The component tree and jobs of the demo plant, assigned to {@code technician}. */
    static AdminImport plant(int modbusPort, int ftpPort, String technician) {
        JobOptions options = new JobOptions(2, Duration.ofSeconds(2), Duration.ofDays(7), true, List.of(), List.of(),
                List.of());
        List<Folder> folders = List.of(new Folder("plant", "Demo plant", null), new Folder("line1", "Line 1", "plant"));
        List<Component> components = List.of(
                new Component("plc1", "PLC 1", "line1", "modbus-tcp",
                        Map.of("host", "127.0.0.1", "port", Integer.toString(modbusPort), "unitId", "1")),
                new Component("robot1", "Robot 1", "line1", "ftp", Map.of("host", "127.0.0.1", "port",
                        Integer.toString(ftpPort), "user", SimulatedRobot.USER, "password", SimulatedRobot.PASSWORD)));
        List<Job> jobs = List.of(
                new Job("plc1-registers", "plc1", "PLC 1 holding registers",
                        Map.of("holdingRegisters", "0-" + (SimulatedPlc.REGISTERS - 1), "readDeviceIdentification",
                                "false"), options),
                new Job("robot1-programs", "robot1", "Robot 1 programs and configuration", Map.of("paths", "/"),
                        options));
        List<Assignment> assignments = jobs.stream().map(job -> new Assignment(job.id(), technician)).toList();
        return new AdminImport(folders, components, jobs, assignments);
    }

    private static String require(String value, String option) {
        if (value == null || value.startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private static void writeAtomically(Path file, String text) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void stop() {
        stop.countDown();
    }
}
