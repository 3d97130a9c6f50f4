package org.airgap.testing.drivers;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A minimal Modbus TCP server written from the specification, for what the j2mod slave cannot do: it
 * answers Read Device Identification (43/14, basic objects: vendor, product code, revision) and reads of
 * holding registers (each register's value is its address); everything else gets "illegal function".
 * {@link #identify} changes what it says it is, as a swapped device or a firmware update would.
 */
public final class IdentifyingModbusDevice implements AutoCloseable {

    /** What the device says it is until {@link #identify} is called: vendor, product code, revision. */
    public static final List<String> OBJECTS = List.of("Airgap Test Devices", "MB-TCP-1", "V2.07");

    private final ServerSocket server;
    private final Thread thread;
    private volatile List<String> objects = OBJECTS;

    public IdentifyingModbusDevice() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        thread = new Thread(this::serve, "identifying Modbus device");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** From the next request on, the device identifies itself with these basic objects. */
    public void identify(String vendor, String productCode, String revision) {
        objects = List.of(vendor, productCode, revision);
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                answer(socket);
            } catch (IOException e) {
                // client gone or server closed: take the next client
            }
        }
    }

    private void answer(Socket socket) throws IOException {
        DataInputStream in = new DataInputStream(socket.getInputStream());
        OutputStream out = socket.getOutputStream();
        while (true) {
            int transaction = in.readUnsignedShort();
            in.readUnsignedShort(); // protocol id
            int length = in.readUnsignedShort();
            int unit = in.readUnsignedByte();
            byte[] pdu = new byte[length - 1];
            in.readFully(pdu);
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            DataOutputStream body = new DataOutputStream(response);
            int function = pdu[0] & 0xFF;
            if (function == 43 && pdu[1] == 14) {
                List<String> identification = objects;
                body.write(new byte[] { 43, 14, 1, 0x01, 0, 0, (byte) identification.size() });
                for (int id = 0; id < identification.size(); id++) {
                    byte[] value = identification.get(id).getBytes(StandardCharsets.US_ASCII);
                    body.write(id);
                    body.write(value.length);
                    body.write(value);
                }
            } else if (function == 3) {
                int first = ((pdu[1] & 0xFF) << 8) | (pdu[2] & 0xFF);
                int count = ((pdu[3] & 0xFF) << 8) | (pdu[4] & 0xFF);
                body.write(3);
                body.write(count * 2);
                for (int i = 0; i < count; i++) {
                    body.writeShort(first + i);
                }
            } else {
                body.write(function | 0x80);
                body.write(1);
            }
            DataOutputStream frame = new DataOutputStream(out);
            frame.writeShort(transaction);
            frame.writeShort(0);
            frame.writeShort(response.size() + 1);
            frame.write(unit);
            frame.write(response.toByteArray());
            frame.flush();
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        thread.join(2000);
    }
}
