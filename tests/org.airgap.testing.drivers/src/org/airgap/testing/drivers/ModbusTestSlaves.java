package org.airgap.testing.drivers;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.procimg.ProcessImage;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;

/** j2mod Modbus TCP slaves on loopback, the simulated PLCs of driver and library tests. */
public final class ModbusTestSlaves {

    private ModbusTestSlaves() {
    }

    /**
     * A slave on a free 127.0.0.1 port ({@link ModbusSlave#getPort()}) serving {@code image} as unit
     * {@code unitId}; close it with {@link ModbusSlaveFactory#close}.
     */
    public static ModbusSlave openOnFreePort(int unitId, ProcessImage image, int poolSize)
            throws IOException, ModbusException {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        ModbusException last = null;
        // j2mod cannot listen on port 0 and report the port: take a free one, retry if someone else got it.
        for (int attempt = 0; attempt < 5; attempt++) {
            ModbusSlave candidate = ModbusSlaveFactory.createTCPSlave(loopback, closedPort(), poolSize, false);
            try {
                candidate.addProcessImage(unitId, image);
                candidate.open();
                return candidate;
            } catch (ModbusException e) {
                ModbusSlaveFactory.close(candidate);
                last = e;
            }
        }
        throw last;
    }

    /** A port on 127.0.0.1 that nothing listens on (taken from the system, then released). */
    public static int closedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
