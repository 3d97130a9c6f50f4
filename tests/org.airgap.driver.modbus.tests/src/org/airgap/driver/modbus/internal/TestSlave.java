package org.airgap.driver.modbus.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalIn;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalOut;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;

/**
 * A simulated device: a j2mod Modbus TCP slave on a free loopback port whose data areas have the given
 * sizes and known values ({@link #holding}, {@link #input}, {@link #coil}, {@link #discrete}).
 */
final class TestSlave implements AutoCloseable {

    static final int UNIT_ID = 1;

    final SimpleProcessImage image = new SimpleProcessImage(UNIT_ID);
    final int port;
    private final ModbusSlave slave;

    TestSlave(int holdingRegisters, int inputRegisters, int coils, int discreteInputs) throws Exception {
        for (int i = 0; i < holdingRegisters; i++) {
            image.addRegister(new SimpleRegister(holding(i)));
        }
        for (int i = 0; i < inputRegisters; i++) {
            image.addInputRegister(new SimpleInputRegister(input(i)));
        }
        for (int i = 0; i < coils; i++) {
            image.addDigitalOut(new SimpleDigitalOut(coil(i)));
        }
        for (int i = 0; i < discreteInputs; i++) {
            image.addDigitalIn(new SimpleDigitalIn(discrete(i)));
        }
        slave = open(image);
        port = slave.getPort();
    }

    private static ModbusSlave open(SimpleProcessImage image) throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        ModbusException last = null;
        // j2mod cannot listen on port 0 and report the port: take a free one, retry if someone else got it.
        for (int attempt = 0; attempt < 5; attempt++) {
            ModbusSlave candidate = ModbusSlaveFactory.createTCPSlave(loopback, closedPort(), 8, false);
            try {
                candidate.addProcessImage(UNIT_ID, image);
                candidate.open();
                return candidate;
            } catch (ModbusException e) {
                ModbusSlaveFactory.close(candidate);
                last = e;
            }
        }
        throw last;
    }

    /** Holding register {@code address}'s value: varied, covering the whole unsigned range. */
    static int holding(int address) {
        return (address * 7919 + 3) & 0xFFFF;
    }

    static int input(int address) {
        return address ^ 0x5A5A;
    }

    static boolean coil(int address) {
        return address % 3 == 0;
    }

    static boolean discrete(int address) {
        return address % 2 == 1;
    }

    /** A port on 127.0.0.1 that nothing listens on (taken from the system, then released). */
    static int closedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    @Override
    public void close() {
        ModbusSlaveFactory.close(slave);
    }
}
