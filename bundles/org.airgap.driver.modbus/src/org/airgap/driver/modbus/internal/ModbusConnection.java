package org.airgap.driver.modbus.internal;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

import org.airgap.driver.api.DeviceProblemException;
import org.airgap.driver.api.Pacing;
import org.airgap.driver.api.ProblemKind;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.io.ModbusTCPTransaction;
import com.ghgande.j2mod.modbus.msg.ModbusRequest;
import com.ghgande.j2mod.modbus.msg.ModbusResponse;
import com.ghgande.j2mod.modbus.msg.ReadCoilsRequest;
import com.ghgande.j2mod.modbus.msg.ReadCoilsResponse;
import com.ghgande.j2mod.modbus.msg.ReadInputDiscretesRequest;
import com.ghgande.j2mod.modbus.msg.ReadInputDiscretesResponse;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadInputRegistersResponse;
import com.ghgande.j2mod.modbus.msg.ReadMEIRequest;
import com.ghgande.j2mod.modbus.msg.ReadMEIResponse;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersRequest;
import com.ghgande.j2mod.modbus.msg.ReadMultipleRegistersResponse;
import com.ghgande.j2mod.modbus.net.TCPMasterConnection;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.util.BitVector;

/**
 * One TCP connection to a Modbus server with j2mod: connects with a bounded timeout, sends one request at
 * a time and waits for its answer. Not thread-safe: each reading thread has its own.
 */
final class ModbusConnection implements AutoCloseable {

    /** Read Device Identification: "basic" objects (vendor, product code, revision), from object 0. */
    private static final int READ_DEVICE_ID_BASIC = 1;
    /** Transaction id, protocol id and length before the unit id and function code of a TCP frame. */
    private static final int MBAP_HEADER_BYTES = 6;

    private final ModbusSettings settings;
    private volatile TCPMasterConnection connection;

    ModbusConnection(ModbusSettings settings) {
        this.settings = settings;
    }

    /**
     * Opens the connection if it is not open.
     *
     * @throws DeviceProblemException UNREACHABLE, saying what to check; its cause gives the {@link #reason}
     */
    void connect() throws DeviceProblemException {
        if (connection != null && connection.isConnected()) {
            return;
        }
        close();
        InetAddress address;
        try {
            address = InetAddress.getByName(settings.host());
        } catch (UnknownHostException e) {
            throw new DeviceProblemException(ProblemKind.UNREACHABLE, settings.host()
                    + ": unknown host name: check the spelling, or use the device's IP address", e);
        }
        TCPMasterConnection candidate = new TCPMasterConnection(address);
        candidate.setPort(settings.port());
        candidate.setTimeout(settings.timeoutMillis()); // j2mod uses it for connect and for each read
        try {
            candidate.connect();
        } catch (Exception e) {
            candidate.close();
            throw unreachable(e);
        }
        connection = candidate;
    }

    private DeviceProblemException unreachable(Exception e) {
        String endpoint = settings.endpoint();
        String message;
        if (e instanceof ConnectException) {
            message = endpoint + ": connection refused: nothing accepts Modbus TCP connections on port "
                    + settings.port() + ". Check the device's IP address, that the device is on, and that its Modbus "
                    + "TCP server is enabled on this port (some devices allow only one client at a time: close "
                    + "other Modbus tools)";
        } else if (e instanceof SocketTimeoutException) {
            message = endpoint + ": no connection within " + settings.timeoutText()
                    + ". Check the cable, the device's IP address, that this computer is in the device's network "
                    + "(IP address and subnet) and that no firewall blocks port " + settings.port();
        } else if (e instanceof NoRouteToHostException) {
            message = endpoint + ": no route to the device. Check the cable and that this computer's IP address "
                    + "is in the device's subnet";
        } else {
            message = endpoint + ": cannot connect (" + e + "). Check the cable, the device's IP address and port";
        }
        return new DeviceProblemException(ProblemKind.UNREACHABLE, message, e);
    }

    /** Why {@link #connect()} failed in a few words ("connection refused"), for messages that embed it. */
    String reason(DeviceProblemException failure) {
        return switch (failure.getCause()) {
            case ConnectException e -> "connection refused";
            case SocketTimeoutException e -> "no connection within " + settings.timeoutText();
            case NoRouteToHostException e -> "no route to host";
            case UnknownHostException e -> "unknown host name " + settings.host();
            case null -> failure.getMessage();
            default -> failure.getCause().toString();
        };
    }

    /**
     * Reads {@code count} registers (0 to 65535) or bits (0 or 1) of {@code area} from {@code first}, on
     * the open connection.
     *
     * @throws ModbusException com.ghgande.j2mod.modbus.ModbusSlaveException when the device answered with an
     *                         exception code, another ModbusException when the answer did not come or made no
     *                         sense
     */
    int[] read(DataArea area, int first, int count, Pacing pacing) throws ModbusException {
        ModbusRequest request = switch (area) {
            case COILS -> new ReadCoilsRequest(first, count);
            case DISCRETE_INPUTS -> new ReadInputDiscretesRequest(first, count);
            case HOLDING_REGISTERS -> new ReadMultipleRegistersRequest(first, count);
            case INPUT_REGISTERS -> new ReadInputRegistersRequest(first, count);
        };
        ModbusResponse response = execute(request, pacing);
        int[] values = new int[count];
        switch (response) {
            case ReadCoilsResponse coils -> bits(coils.getCoils(), values);
            case ReadInputDiscretesResponse inputs -> bits(inputs.getDiscretes(), values);
            case ReadMultipleRegistersResponse registers -> words(registers.getRegisters(), values);
            case ReadInputRegistersResponse registers -> words(registers.getRegisters(), values);
            default -> throw new ModbusException("unexpected answer to function " + area.functionCode + ": "
                    + response.getClass().getSimpleName());
        }
        return values;
    }

    private static void bits(BitVector bits, int[] values) throws ModbusException {
        if (bits == null || bits.size() < values.length) {
            throw new ModbusException("the answer holds " + (bits == null ? 0 : bits.size()) + " bits, not "
                    + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = bits.getBit(i) ? 1 : 0;
        }
    }

    private static void words(InputRegister[] registers, int[] values) throws ModbusException {
        if (registers == null || registers.length != values.length) {
            throw new ModbusException("the answer holds " + (registers == null ? 0 : registers.length)
                    + " registers, not " + values.length);
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = registers[i].toUnsignedShort();
        }
    }

    /** Read Device Identification (43/14), basic objects; the response lists object ids and values. */
    ReadMEIResponse readDeviceIdentification(Pacing pacing) throws ModbusException {
        ModbusResponse response = execute(new ReadMEIRequest(READ_DEVICE_ID_BASIC, 0), pacing);
        if (response instanceof ReadMEIResponse identification) {
            return identification;
        }
        throw new ModbusException("unexpected answer to function 43/14: " + response.getClass().getSimpleName());
    }

    /**
     * Sends one request after gentle mode's pause and reports the answer's size to the pacing, so that the
     * pause is the device's idle time after the answer.
     */
    private ModbusResponse execute(ModbusRequest request, Pacing pacing) throws ModbusException {
        request.setUnitID(settings.unitId());
        ModbusTCPTransaction transaction = new ModbusTCPTransaction(connection);
        transaction.setRequest(request);
        // One try: the driver retries itself, on a new connection, with its own count and messages.
        transaction.setRetries(1);
        try {
            pacing.beforeRequest();
            transaction.execute();
            ModbusResponse response = transaction.getResponse();
            pacing.transferred(MBAP_HEADER_BYTES + response.getOutputLength());
            return response;
        } catch (InterruptedIOException e) {
            throw new ModbusException(e.getMessage());
        }
    }

    /** Closes the connection; the next {@link #connect()} opens a new one. Safe from another thread. */
    @Override
    public void close() {
        TCPMasterConnection open = connection;
        if (open != null) {
            open.close();
        }
    }
}
