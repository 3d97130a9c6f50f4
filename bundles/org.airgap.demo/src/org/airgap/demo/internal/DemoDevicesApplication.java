package org.airgap.demo.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.airgap.demo.DemoPlant;
import org.airgap.protocol.ProtocolJson;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;

/**
 * The simulated plant of the demo ({@code ./dev demo}): a Modbus TCP PLC, an FTP robot controller, an
 * OPC UA filling machine and a Siemens S7 press PLC on 127.0.0.1, with their state in files under {@code --dir}, and the server import file that defines
 * the matching components and jobs. Runs until stopped (SIGTERM or Ctrl+C).
 */
public class DemoDevicesApplication implements IApplication {

    static final String USAGE = """
            Usage: airgap -application org.airgap.demo.devices --dir DIR [--modbus-port N] [--ftp-port N]
                          [--opcua-port N] [--s7-port N] [--technician NAME]
              Starts the demo plant on 127.0.0.1 and writes DIR/demo-import.json for airgap-server import.
              DIR/plc1-registers.properties  holding registers of PLC 1 (edit to change the device)
              DIR/robot1/                    the files robot 1 serves over FTP (user robot, password robot)
              DIR/filler1-variables.properties  OPC UA variables of filler 1 (edit to change the device)
              DIR/press1-memory.properties   S7 memory of the press PLC (edit a byte to change the device)
            """;

    private final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Object start(IApplicationContext context) throws Exception {
        List<String> args = Arrays.asList((String[]) context.getArguments()
                .getOrDefault(IApplicationContext.APPLICATION_ARGS, new String[0]));
        Path dir = null;
        int modbusPort = 15020;
        int ftpPort = 2121;
        int opcuaPort = 14840;
        int s7Port = 10102;
        String technician = "tech";
        for (int i = 0; i < args.size(); i++) {
            String value = i + 1 < args.size() ? args.get(i + 1) : null;
            switch (args.get(i)) {
            case "--dir" -> dir = Path.of(require(value, "--dir")).toAbsolutePath();
            case "--modbus-port" -> modbusPort = Integer.parseInt(require(value, "--modbus-port"));
            case "--ftp-port" -> ftpPort = Integer.parseInt(require(value, "--ftp-port"));
            case "--opcua-port" -> opcuaPort = Integer.parseInt(require(value, "--opcua-port"));
            case "--s7-port" -> s7Port = Integer.parseInt(require(value, "--s7-port"));
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
        try (DemoPlant plant = DemoPlant.start(dir, modbusPort, ftpPort, opcuaPort, s7Port)) {
            writeAtomically(dir.resolve("demo-import.json"), ProtocolJson.write(plant.definitions(technician)));
            context.applicationRunning();
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            String ready = "modbus=" + plant.modbusPort() + " ftp=" + plant.ftpPort() + " opcua=" + plant.opcuaPort()
                    + " s7=" + plant.s7Port();
            writeAtomically(dir.resolve("devices.ready"), ready + "\n");
            System.out.println("Demo plant running on 127.0.0.1: PLC 1 (Modbus TCP port " + plant.modbusPort()
                    + "), Robot 1 (FTP port " + plant.ftpPort() + "), Filler 1 (OPC UA port " + plant.opcuaPort()
                    + "), Press PLC (S7 port " + plant.s7Port() + "); definitions in " + dir.resolve("demo-import.json"));
            stop.await();
        } finally {
            Files.deleteIfExists(dir.resolve("devices.ready"));
        }
        return EXIT_OK;
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
