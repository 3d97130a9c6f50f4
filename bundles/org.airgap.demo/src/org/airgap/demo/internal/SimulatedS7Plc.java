package org.airgap.demo.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.plc4x.java.s7.readwrite.S7Driver;
import org.apache.plc4x.java.s7.readwrite.TPKTPacket;
import org.apache.plc4x.java.spi.generation.ParseException;
import org.apache.plc4x.java.spi.generation.ReadBufferByteBased;
import org.apache.plc4x.java.spi.generation.SerializationException;
import org.apache.plc4x.java.spi.generation.WriteBufferByteBased;

import io.netty.buffer.Unpooled;

/**
 * A Siemens S7 PLC of the demo plant, simulated: an ISO-on-TCP server on 127.0.0.1 that speaks S7 as an
 * S7-315 CPU in rack 0, slot 2 does, through PLC4X's generated model of the protocol (the same classes
 * PLC4X's S7 driver parses and writes packets with). Its memory ({@link S7Memory}: DB1 setpoints, DB2
 * counters, M, I, Q) is a text file, {@code AREA.OFFSET = hex bytes}; editing it, or {@link #set}, changes
 * the PLC, so that a demo user can see a backup turn "Different". Its identity is {@link S7SystemStatusLists}.
 *
 * <pre>
 * try (SimulatedS7Plc plc = new SimulatedS7Plc(dir.resolve("plc2-memory.txt"), 0)) {
 *     // job of driver siemens-s7: host 127.0.0.1, port plc.port(), rack RACK, slot SLOT, areas AREAS, layout LAYOUT
 * }
 * </pre>
 */
public final class SimulatedS7Plc implements AutoCloseable {

    /** The areas and their sizes in bytes, as a job's {@code areas} parameter reads all of them. */
    public static final String AREAS = "DB1:0:32, DB2:0:32, M:0:16, I:0:8, Q:0:8";
    /** The typed values of the built-in memory, for a job's {@code layout} parameter. */
    public static final String LAYOUT = "DB1:0:REAL:temperatureSetpoint, DB1:4:REAL:humiditySetpoint, "
            + "DB1:8:REAL:pressureSetpoint, DB1:12:REAL:pumpSpeed, DB1:16:REAL:fillLevel, DB1:20:REAL:flowRate, "
            + "DB1:24:REAL:valveOpening, DB1:28:REAL:ovenTemperature, DB2:0:DINT:goodParts, DB2:4:DINT:rejectedParts, "
            + "DB2:8:DINT:cycles, DB2:12:DINT:operatingHours, DB2:16:DINT:shifts, DB2:20:DINT:openAlarms, "
            + "DB2:24:DINT:batch, DB2:28:DINT:lastError, M:0.0:BOOL:automatic, M:0.2:BOOL:ready, "
            + "I:0.0:BOOL:startButton, I:0.7:BOOL:doorClosed, Q:0.1:BOOL:pumpOn, Q:0.2:BOOL:heaterOn";
    public static final int RACK = S7Conversation.RACK;
    public static final int SLOT = S7Conversation.SLOT;

    /** Frames the byte stream into TPKT packets: PLC4X's own estimator of a packet's length. */
    private static final S7Driver.ByteLengthEstimator PACKET_LENGTH = new S7Driver.ByteLengthEstimator();

    private final Path memoryFile;
    private final S7Memory memory = S7Memory.builtIn();
    private final ServerSocket server;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final WatchedFile memoryWatch;

    /**
     * Starts the PLC: it listens at once and stops with {@link #close}.
     *
     * @param memoryFile the PLC's memory, created with the built-in content when missing
     * @param port       0 for a free one ({@link #port()} tells it)
     * @throws IOException when the port is taken (the message names it) or the file cannot be read
     */
    public SimulatedS7Plc(Path memoryFile, int port) throws IOException {
        this.memoryFile = memoryFile;
        if (!Files.exists(memoryFile)) {
            Files.createDirectories(memoryFile.toAbsolutePath().getParent());
            Files.writeString(memoryFile, memoryFileText(), StandardCharsets.UTF_8);
        }
        memoryWatch = new WatchedFile(memoryFile, "demo S7 PLC", lines -> {
            Map<String, String> bytes = new HashMap<>();
            lines.stringPropertyNames().forEach(key -> bytes.put(key, lines.getProperty(key)));
            memory.replaceWith(S7Memory.parse(bytes));
        });
        try {
            server = new ServerSocket(port, 16, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            memoryWatch.close();
            throw new IOException("the demo S7 PLC cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        Thread acceptor = new Thread(this::accept, "demo-s7-plc " + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        memoryWatch.watch();
    }

    public int port() {
        return server.getLocalPort();
    }

    /**
     * Sets one byte, at once and in the memory file.
     *
     * @param area DB1, DB2, M, I or Q
     * @throws IllegalArgumentException for an area or offset the PLC does not have, or a value not 0-255
     */
    public synchronized void set(String area, int offset, int value) throws IOException {
        memory.set(area, offset, value);
        Files.writeString(memoryFile, memoryFileText(), StandardCharsets.UTF_8);
        memoryWatch.written();
    }

    private String memoryFileText() {
        return """
                # The memory of the demo S7 PLC (simulated): AREA.OFFSET = up to 16 bytes in hex.
                # DB1: setpoints, REAL at 0, 4, ..., 28; DB2: counters, DINT at 0, 4, ..., 28; M: flags; I: inputs;
                # Q: outputs. Change a byte and save: the next backup of the PLC is Different at that offset.
                """ + memory.text();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                connections.add(socket);
                Thread thread = new Thread(() -> serve(socket), "demo-s7-plc client " + socket.getPort());
                thread.setDaemon(true);
                thread.start();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    System.err.println("demo S7 PLC: " + e.getMessage());
                }
            }
        }
    }

    /** Answers the client's packets in order until it closes the connection or the PLC refuses it. */
    private void serve(Socket socket) {
        S7Conversation conversation = new S7Conversation(memory);
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream());
                OutputStream out = socket.getOutputStream()) {
            for (byte[] packet = nextPacket(in); packet != null; packet = nextPacket(in)) {
                Optional<TPKTPacket> answer = conversation.answer(TPKTPacket.staticParse(
                        new ReadBufferByteBased(packet)));
                if (answer.isEmpty()) {
                    return;
                }
                WriteBufferByteBased buffer = new WriteBufferByteBased(answer.get().getLengthInBytes());
                answer.get().serialize(buffer);
                out.write(buffer.getBytes());
                out.flush();
            }
        } catch (SocketException e) {
            // the client or close() ended the connection
        } catch (IOException | ParseException | SerializationException | RuntimeException e) {
            System.err.println("demo S7 PLC: connection from port " + socket.getPort() + " ended: " + e);
        } finally {
            connections.remove(socket);
        }
    }

    /** The next whole packet, or {@code null} at the end of the stream. */
    private static byte[] nextPacket(InputStream in) throws IOException {
        byte[] header = in.readNBytes(4);
        if (header.length < 4) {
            return null;
        }
        int length = PACKET_LENGTH.applyAsInt(Unpooled.wrappedBuffer(header));
        if (length < header.length) {
            throw new IOException("not an ISO-on-TCP packet (length " + length + ")");
        }
        byte[] packet = new byte[length];
        System.arraycopy(header, 0, packet, 0, header.length);
        int read = in.readNBytes(packet, header.length, length - header.length);
        return read == length - header.length ? packet : null;
    }

    /** Stops listening and ends every connection; the memory file stays. */
    @Override
    public void close() {
        memoryWatch.close();
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        for (Socket socket : connections) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
