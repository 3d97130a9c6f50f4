package org.airgap.driver.modbus.internal;

import org.airgap.testing.drivers.ModbusTestSlaves;

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
        slave = ModbusTestSlaves.openOnFreePort(UNIT_ID, image, 8);
        port = slave.getPort();
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

    @Override
    public void close() {
        ModbusSlaveFactory.close(slave);
    }
}
