package org.airgap.demo.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.function.Function;

import org.airgap.demo.internal.opcua.MachineCertificate;
import org.airgap.demo.internal.opcua.MachineNamespace;
import org.airgap.demo.internal.opcua.MachineServer;
import org.airgap.demo.internal.opcua.MachineSettings;
import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.stack.core.NodeIds;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;

/**
 * A filling machine of the demo plant: an OPC UA server ({@link MachineServer}, Eclipse Milo) on 127.0.0.1
 * publishing {@code Objects/Filler1/...} variables whose values come from a properties file
 * ({@code name = value}), re-read when it changes, so that a demo user can see a backup turn "Different".
 * Its certificate is kept next to the file, so a restarted plant is the same device to a client that
 * pinned it.
 */
public final class SimulatedMachine implements AutoCloseable {

    public static final String NAMESPACE_URI = "urn:airgap:demo:filler1";
    public static final String CERTIFICATE_FILE = "filler1-certificate.p12";
    private static final String FOLDER = "Filler1";

    /** A variable of the machine: its name in the file and the address space, type, first value, meaning. */
    private record Variable(String name, NodeId type, Function<String, Object> parse, String initial,
            String description) {
    }

    private static final List<Variable> VARIABLES = List.of(
            new Variable("Speed", NodeIds.Double, Double::valueOf, "12.5", "Bottles per second"),
            new Variable("FillVolume", NodeIds.Int32, Integer::valueOf, "500", "Millilitres per bottle"),
            new Variable("Recipe", NodeIds.String, String::valueOf, "Apple juice 0.5 l", "Active recipe"),
            new Variable("BottlesFilled", NodeIds.Int32, Integer::valueOf, "48211", "Bottles since the last service"),
            new Variable("CapTorque", NodeIds.Double, Double::valueOf, "1.8", "Capper torque in Nm"));

    private final MachineServer server;
    private final WatchedFile watched;

    /** @throws IOException when the port is taken (the message names it) or the files cannot be read */
    public SimulatedMachine(Path variablesFile, int port) throws IOException {
        if (!Files.exists(variablesFile)) {
            writeInitialVariables(variablesFile);
        }
        Properties first = read(variablesFile); // a broken file stops the start with its message, as the PLC's does
        MachineCertificate certificate;
        try {
            certificate = MachineCertificate.loadOrCreate(variablesFile.resolveSibling(CERTIFICATE_FILE), "Filler 1",
                    NAMESPACE_URI);
        } catch (Exception e) {
            throw new IOException("the demo filler's certificate: " + e.getMessage(), e);
        }
        MachineSettings settings = new MachineSettings(NAMESPACE_URI, "Filler 1", "Airgap Demo Machines",
                "Demo Filler", "3.2.0", "1207");
        server = new MachineServer(port, settings, certificate, NAMESPACE_URI, namespace -> build(namespace, first));
        try {
            watched = new WatchedFile(variablesFile, "demo filler", this::load);
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        watched.watch();
    }

    public int port() {
        return server.port();
    }

    public String endpoint() {
        return server.endpoint();
    }

    private static void build(MachineNamespace namespace, Properties values) {
        UaFolderNode filler = namespace.folder(FOLDER, null);
        for (Variable variable : VARIABLES) {
            namespace.variable(FOLDER + "/" + variable.name(), filler, variable.type(), value(variable, values),
                    AccessLevel.READ_WRITE, variable.description());
        }
    }

    private static Object value(Variable variable, Properties values) {
        String text = values.getProperty(variable.name(), variable.initial()).trim();
        try {
            return variable.parse().apply(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(variable.name() + " = " + text + " is not a number");
        }
    }

    private static void writeInitialVariables(Path file) throws IOException {
        StringBuilder text = new StringBuilder("""
                # Variables of the demo filler "Filler 1" (OPC UA, Objects/Filler1/NAME).
                # Change a value and save: the next backup of "Filler 1" is Different.
                """);
        for (Variable variable : VARIABLES) {
            text.append(variable.name()).append(" = ").append(variable.initial()).append('\n');
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static Properties read(Path variablesFile) throws IOException {
        Properties values = new Properties();
        try (Reader reader = Files.newBufferedReader(variablesFile, StandardCharsets.UTF_8)) {
            values.load(reader);
        }
        return checked(values);
    }

    /** {@code values}, each naming a known variable with a value of its type. */
    private static Properties checked(Properties values) {
        for (String name : values.stringPropertyNames()) {
            Variable variable = VARIABLES.stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow(
                    () -> new IllegalArgumentException("unknown variable " + name + " (known: "
                            + VARIABLES.stream().map(Variable::name).toList() + ")"));
            value(variable, values);
        }
        return values;
    }

    private void load(Properties lines) {
        Properties values = checked(lines);
        for (Variable variable : VARIABLES) {
            server.namespace().set(FOLDER + "/" + variable.name(), value(variable, values));
        }
    }

    @Override
    public void close() throws IOException {
        watched.close();
        server.close();
    }
}
