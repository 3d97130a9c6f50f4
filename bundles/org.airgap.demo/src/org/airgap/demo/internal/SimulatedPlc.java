package org.airgap.demo.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;

/**
 * A PLC of the demo plant: a Modbus TCP server (j2mod) on 127.0.0.1 whose holding registers come from a
 * properties file ({@code address = value}). Editing the file changes the device, so that a demo user
 * can see a backup turn "Different".
 */
public final class SimulatedPlc implements AutoCloseable {

    public static final int UNIT_ID = 1;
    public static final int REGISTERS = 100;

    private final SimpleProcessImage image = new SimpleProcessImage(UNIT_ID);
    private final ModbusSlave slave;
    private final WatchedFile registers;

    /** @throws IOException when the port is taken (the message names it) or the file cannot be read */
    public SimulatedPlc(Path registersFile, int port) throws IOException {
        if (!Files.exists(registersFile)) {
            writeInitialRegisters(registersFile);
        }
        for (int address = 0; address < REGISTERS; address++) {
            image.addRegister(new SimpleRegister(0));
        }
        registers = new WatchedFile(registersFile, "demo PLC", this::load);
        try {
            slave = ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), port, 4, false);
            slave.addProcessImage(UNIT_ID, image);
            slave.open();
        } catch (ModbusException e) {
            registers.close();
            throw new IOException("the demo PLC cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        registers.watch();
    }

    public int port() {
        return slave.getPort();
    }

    private static void writeInitialRegisters(Path file) throws IOException {
        StringBuilder text = new StringBuilder("""
                # Holding registers of the demo PLC (address = value, 0-65535).
                # Change a value and save: the next backup of "PLC 1" is Different.
                """);
        for (int address = 0; address < REGISTERS; address++) {
            text.append(address).append(" = ").append((address * 37 + 100) % 1000).append('\n');
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private void load(Properties values) {
        for (String key : values.stringPropertyNames()) {
            int address = Integer.parseInt(key.trim());
            int value = Integer.parseInt(values.getProperty(key).trim());
            if (address < 0 || address >= REGISTERS || value < 0 || value > 0xFFFF) {
                throw new IllegalArgumentException("register " + key + " = " + value + " is outside 0-"
                        + (REGISTERS - 1) + " / 0-65535");
            }
            image.getRegister(address).setValue(value);
        }
    }

    @Override
    public void close() {
        registers.close();
        ModbusSlaveFactory.close(slave);
    }
}
