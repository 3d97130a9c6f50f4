package org.airgap.driver.s7.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The real snap7 S7 server (snap7-server/server.js, node-snap7) on 127.0.0.1, with the content that script
 * gives DB1, DB2, M, I and Q. Fails the test, saying what to install, when node or node-snap7 is missing.
 */
final class Snap7Server implements AutoCloseable {

    private static final String INSTALL = "run tests/org.airgap.driver.s7.tests/snap7-server/install.sh (it needs "
            + "node, npm, make and g++; Debian: apt-get install nodejs npm make g++; ./dev test and .ci/run do it)";

    final int port;
    private final Process process;
    private final BufferedReader output;
    private final Writer input;

    private Snap7Server(int port, Process process) {
        this.port = port;
        this.process = process;
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    static Snap7Server start() throws IOException {
        String property = System.getProperty("airgap.snap7.server");
        if (property == null) {
            fail("system property airgap.snap7.server (the path of snap7-server/server.js) is not set: run the "
                    + "tests with Maven (tests/org.airgap.driver.s7.tests/pom.xml sets it)");
        }
        Path script = Path.of(property);
        if (!Files.isDirectory(script.resolveSibling("node_modules").resolve("node-snap7"))) {
            fail("node-snap7 is not installed beside " + script + ": " + INSTALL);
        }
        int port = freePort();
        Process process;
        try {
            process = new ProcessBuilder("node", script.toString(), Integer.toString(port)).redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new AssertionError("cannot start node for the snap7 test server: " + INSTALL, e);
        }
        Snap7Server server = new Snap7Server(port, process);
        String ready = server.output.readLine();
        if (!("READY " + port).equals(ready)) {
            StringBuilder rest = new StringBuilder(String.valueOf(ready));
            for (String line = server.output.readLine(); line != null; line = server.output.readLine()) {
                rest.append('\n').append(line);
            }
            server.close();
            fail("the snap7 test server did not start: " + rest + "\n(" + INSTALL + ")");
        }
        return server;
    }

    /** A port nothing listens on (just now). */
    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Sets byte {@code offset} of {@code area} ("DB1", "M") to {@code value}, as a program in the PLC would. */
    void set(String area, int offset, int value) throws IOException {
        input.write("set " + area + " " + offset + " " + value + "\n");
        input.flush();
        assertEquals("OK", output.readLine());
    }

    @Override
    public void close() {
        try {
            input.write("stop\n");
            input.close();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
