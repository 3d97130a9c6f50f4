package org.airgap.platform.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;

import org.airgap.testing.drivers.ModbusTestSlaves;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;

/**
 * j2mod on both ends of Modbus TCP: a slave with holding registers on a free loopback port (a simulated
 * PLC), a master that reads them, as the Modbus driver will, and writes one back.
 */
@Timeout(30)
class J2modModbusTest {

    private static final int UNIT_ID = 7;
    private static final int TIMEOUT_MILLIS = 5_000;
    private static final int[] VALUES = { 1, 42, 4711, 0xBEEF, 0 };

    private ModbusSlave slave;
    private SimpleProcessImage image;
    private int port;

    @BeforeEach
    void startSlave() throws Exception {
        image = new SimpleProcessImage(UNIT_ID);
        for (int value : VALUES) {
            image.addRegister(new SimpleRegister(value));
        }
        slave = ModbusTestSlaves.openOnFreePort(UNIT_ID, image, 2);
        port = slave.getPort();
    }

    @AfterEach
    void stopSlave() {
        if (slave != null) {
            ModbusSlaveFactory.close(slave);
        }
    }

    @Test
    void masterReadsAndWritesHoldingRegisters() throws Exception {
        ModbusTCPMaster master = new ModbusTCPMaster("127.0.0.1", port, TIMEOUT_MILLIS, false);
        master.connect();
        try {
            assertArrayEquals(VALUES, values(master.readMultipleRegisters(UNIT_ID, 0, VALUES.length)));
            assertArrayEquals(new int[] { 4711, 0xBEEF }, values(master.readMultipleRegisters(UNIT_ID, 2, 2)));

            master.writeSingleRegister(UNIT_ID, 4, new SimpleRegister(1234));
            assertEquals(1234, image.getRegister(4).getValue());
            assertEquals(1234, master.readMultipleRegisters(UNIT_ID, 4, 1)[0].getValue());
        } finally {
            master.disconnect();
        }
    }

    private static int[] values(Register[] registers) {
        return Arrays.stream(registers).mapToInt(InputRegister::toUnsignedShort).toArray();
    }
}
