package org.airgap.driver.opcua.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.airgap.driver.api.DeviceDriver;
import org.airgap.driver.api.DeviceProblemException;
import org.airgap.driver.api.DriverFiles;
import org.airgap.driver.api.DriverParameters;
import org.airgap.driver.api.DriverProgress;
import org.airgap.driver.api.DriverResult;
import org.airgap.driver.api.Parameter;
import org.airgap.driver.api.ParameterDescriptor;
import org.airgap.driver.api.ParameterProblem;
import org.airgap.driver.api.Parameters;
import org.airgap.driver.api.ProblemKind;
import org.airgap.driver.api.TableFile;
import org.airgap.model.DeviceIdentity;
import org.airgap.store.SnapshotWriter;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Backs up an OPC UA server's address space (machines, HMIs, edge gateways): the variables below the
 * configured root nodes with their values, data types, access levels and descriptions, as one table
 * file keyed by node id. The server certificate is pinned on first use per host and port
 * ({@link PinnedServers}); a changed one stops the run with {@link ProblemKind#IDENTITY_CHANGED}.
 */
@Component(service = DeviceDriver.class, configurationPid = "org.airgap.driver.opcua", property = {
        DeviceDriver.ID + "=opcua", DeviceDriver.NAME + "=OPC UA", DeviceDriver.VENDOR + "=Airgap" })
public class OpcUaDriver implements DeviceDriver {

    static final Parameter<String> ENDPOINT = Parameter.text("endpoint").label("Endpoint URL")
            .description("The server's endpoint, opc.tcp://host:port (and a path if the server has one).").required()
            .map(OpcUaSettings::endpointUrl).build();
    static final Parameter<List<String>> ROOT_NODES = Parameter.list("rootNodes").label("Root nodes")
            .description("Where browsing starts: Objects, Root, Types, Views or node ids such as ns=2;s=Line1 or "
                    + "nsu=urn:vendor:machine;i=1000. The standard Server object is skipped below Objects.")
            .defaultValue(List.of("Objects")).map(RootNodes::check).build();
    static final Parameter<Integer> MAX_DEPTH = Parameter.integer("maxDepth").label("Maximum depth")
            .description("How many levels below a root node to browse; deeper nodes stop the backup with a message.")
            .defaultValue(10).range(1, 100).build();
    static final Parameter<Integer> MAX_NODES = Parameter.integer("maxNodes").label("Maximum nodes")
            .description("How many objects and variables to read at most; more stop the backup with a message.")
            .defaultValue(10_000).range(1, 1_000_000).build();
    static final Parameter<String> SECURITY_POLICY = Parameter
            .choice("securityPolicy", OpcUaSettings.NONE, OpcUaSettings.BASIC256SHA256).label("Security policy")
            .description("None, or Basic256Sha256 (the server must trust Airgap's client certificate).")
            .defaultValue(OpcUaSettings.NONE).build();
    static final Parameter<String> MESSAGE_MODE = Parameter
            .choice("messageMode", OpcUaSettings.SIGN, OpcUaSettings.SIGN_AND_ENCRYPT).label("Message security mode")
            .description("With Basic256Sha256: Sign, or SignAndEncrypt.").defaultValue(OpcUaSettings.SIGN_AND_ENCRYPT)
            .build();
    static final Parameter<String> USER = Parameter.text("user").label("User")
            .description("The user name to log in with; empty to log in anonymously.").build();
    static final Parameter<String> PASSWORD = Parameter.text("password").label("Password")
            .description("The user's password.").secret().build();
    static final Parameter<Duration> TIMEOUT = Parameter.duration("timeout").label("Timeout")
            .description("How long to wait for the server to connect or answer a request.")
            .defaultValue(Duration.ofSeconds(10)).build();

    private static final DriverParameters PARAMETERS = DriverParameters.of(ENDPOINT, ROOT_NODES, MAX_DEPTH, MAX_NODES,
            SECURITY_POLICY, MESSAGE_MODE, USER, PASSWORD, TIMEOUT);

    /** The snapshot path of the variables' table. */
    static final String VARIABLES_FILE = "variables.table";

    /** Configuration property (PID org.airgap.driver.opcua): the folder of the pins and the client certificate. */
    static final String FOLDER = "folder";

    private volatile OpcUaConnection.Trust trust;

    /** For DS; {@link #activate} chooses the folder. */
    public OpcUaDriver() {
    }

    /** A driver keeping its pinned servers and client certificate in {@code folder} (tests, tools). */
    OpcUaDriver(Path folder) {
        this.trust = trust(folder);
    }

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        Object configured = properties.get(FOLDER);
        trust = trust(configured != null && !configured.toString().isBlank() ? Path.of(configured.toString())
                : DriverFiles.folder(context, "opcua"));
    }

    private static OpcUaConnection.Trust trust(Path folder) {
        return new OpcUaConnection.Trust(new PinnedServers(folder.resolve("known_servers")),
                folder.resolve("client-certificate.p12"));
    }

    @Override
    public List<ParameterDescriptor> parameters() {
        return PARAMETERS.descriptors();
    }

    @Override
    public List<ParameterProblem> validate(Map<String, String> parameters) {
        List<ParameterProblem> problems = PARAMETERS.validate(parameters);
        Parameters values = PARAMETERS.values(parameters);
        if (values.raw(PASSWORD.name()) != null && values.raw(USER.name()) == null) {
            problems.add(new ParameterProblem(PASSWORD.name(), "password: give the user too, or neither to log in "
                    + "anonymously"));
        }
        return problems;
    }

    @Override
    public DriverResult testConnection(Map<String, String> parameters, DriverProgress progress) {
        OpcUaSettings settings = settings(parameters, progress);
        try (OpcUaConnection connection = OpcUaConnection.open(settings, trust, progress)) {
            DeviceIdentity identity = ServerIdentity.read(connection.client(), settings);
            progress.log("Connected to " + settings + ", server certificate " + connection.serverFingerprintText()
                    + ": " + ServerIdentity.describe(identity));
            return DriverResult.success(identity);
        } catch (DeviceProblemException e) {
            return failure(e, progress);
        }
    }

    @Override
    public DriverResult backup(Map<String, String> parameters, SnapshotWriter snapshot, DriverProgress progress) {
        OpcUaSettings settings = settings(parameters, progress);
        try (OpcUaConnection connection = OpcUaConnection.open(settings, trust, progress)) {
            DeviceIdentity identity = ServerIdentity.read(connection.client(), settings);
            progress.log("Connected to " + settings + ", server certificate " + connection.serverFingerprintText()
                    + ": " + ServerIdentity.describe(identity));
            AddressSpaceReader reader = new AddressSpaceReader(connection.client(), settings, progress);
            List<List<String>> rows;
            try {
                rows = reader.read(RootNodes.resolve(settings.rootNodes(), connection.client().getNamespaceTable()));
            } catch (UaException e) {
                throw OpcUaProblems.sessionLost(e) || !ServerIdentity.running(connection.client())
                        ? new DeviceProblemException(ProblemKind.PARTIAL, "the session with " + settings.endpoint()
                                + " ended after " + reader.nodeCount() + " nodes (" + OpcUaProblems.describe(e)
                                + "): the address space was not read completely", e)
                        : new DeviceProblemException(ProblemKind.PROTOCOL_ERROR, settings.endpoint() + " failed after "
                                + reader.nodeCount() + " nodes: " + OpcUaProblems.describe(e), e);
            }
            write(snapshot, comments(settings, identity, rows.size(), reader.nodeCount()), rows);
            progress.log("Read " + rows.size() + " variables of " + reader.nodeCount() + " nodes");
            return DriverResult.success(identity);
        } catch (DeviceProblemException e) {
            return failure(e, progress);
        }
    }

    private static List<String> comments(OpcUaSettings settings, DeviceIdentity identity, int variables, int nodes) {
        List<String> comments = new ArrayList<>();
        comments.add("OPC UA variables of " + settings.endpoint() + " below " + String.join(", ", settings.rootNodes()));
        comments.add("server: " + ServerIdentity.describe(identity));
        comments.add(variables + " variables of " + nodes + " nodes; node: the node id with its namespace URI; "
                + "path: browse names from the root node");
        return comments;
    }

    private static void write(SnapshotWriter snapshot, List<String> comments, List<List<String>> rows) {
        try (OutputStream out = snapshot.file(VARIABLES_FILE, null)) {
            out.write(TableFile.format(comments, AddressSpaceReader.COLUMNS, rows).getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the OPC UA backup to the snapshot", e);
        }
    }

    private OpcUaSettings settings(Map<String, String> parameters, DriverProgress progress) {
        Parameters values = PARAMETERS.validValues(parameters, validate(parameters));
        progress.log("OPC UA " + values.redacted()); // secrets appear as ******
        return OpcUaSettings.of(values);
    }

    private static DriverResult failure(DeviceProblemException e, DriverProgress progress) {
        progress.log(e.problem().kind() + ": " + e.problem().message());
        return DriverResult.failure(e);
    }
}
