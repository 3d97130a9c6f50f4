package org.airgap.driver.sftp.internal;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.airgap.driver.api.DeviceProblemException;
import org.airgap.driver.api.DeviceDriver;
import org.airgap.driver.api.DeviceProblem;
import org.airgap.driver.api.DriverProgress;
import org.airgap.driver.api.DriverResult;
import org.airgap.driver.api.ParameterDescriptor;
import org.airgap.driver.api.ParameterProblem;
import org.airgap.driver.api.ParameterType;
import org.airgap.driver.api.Parameters;
import org.airgap.model.DeviceIdentity;
import org.airgap.store.SnapshotWriter;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Backs up files from a device's SFTP server (HMIs, industrial PCs, robot controllers with SSH): the
 * configured paths recursively, with include/exclude globs. The server's host key is trusted on first
 * use and pinned per host and port ({@link KnownHosts}); a changed key stops the backup with
 * {@link org.airgap.driver.api.ProblemKind#IDENTITY_CHANGED}.
 */
@Component(service = DeviceDriver.class, configurationPid = "org.airgap.driver.sftp", property = {
        DeviceDriver.ID + "=sftp", DeviceDriver.NAME + "=SFTP", DeviceDriver.VENDOR + "=Airgap" })
public class SftpDriver implements DeviceDriver {

    static final String HOST = "host";
    static final String PORT = "port";
    static final String USER = "user";
    static final String PASSWORD = "password";
    static final String PRIVATE_KEY = "privateKey";
    static final String PASSPHRASE = "passphrase";
    static final String PATHS = "paths";
    static final String INCLUDE = "include";
    static final String EXCLUDE = "exclude";
    static final String TIMEOUT = "timeout";
    static final String HOST_KEY_FINGERPRINT = "hostKeyFingerprint";

    /** Configuration property (PID org.airgap.driver.sftp): where the pinned host keys are kept. */
    static final String KNOWN_HOSTS_FILE = "knownHostsFile";

    private static final List<ParameterDescriptor> PARAMETERS = List.of(
            ParameterDescriptor.of(HOST, "Host", ParameterType.HOST, "The device's IP address or host name.").mandatory(),
            ParameterDescriptor.of(PORT, "Port", ParameterType.INTEGER, "The device's SSH port.").withDefault("22")
                    .withRange(1, 65535),
            ParameterDescriptor.of(USER, "User", ParameterType.TEXT, "The user name to log in with.").mandatory(),
            ParameterDescriptor.of(PASSWORD, "Password", ParameterType.TEXT,
                    "The user's password; give it, a private key, or both.").hidden(),
            ParameterDescriptor.of(PRIVATE_KEY, "Private key file", ParameterType.PATH,
                    "A private key file on this computer (OpenSSH or PEM format, RSA or ECDSA) to log in with."),
            ParameterDescriptor.of(PASSPHRASE, "Key passphrase", ParameterType.TEXT,
                    "The passphrase of an encrypted private key file.").hidden(),
            ParameterDescriptor.of(PATHS, "Paths", ParameterType.LIST,
                    "Folders or files on the device to back up, recursively. Relative paths start in the login "
                            + "folder; '/var/plc' is stored as var/plc/… in the snapshot.").withDefault("."),
            ParameterDescriptor.of(INCLUDE, "Include", ParameterType.LIST,
                    "Globs on snapshot paths to back up (** across folders, * within a name); empty for all."),
            ParameterDescriptor.of(EXCLUDE, "Exclude", ParameterType.LIST,
                    "Globs on snapshot paths to leave out; an excluded folder is not read at all."),
            ParameterDescriptor.of(TIMEOUT, "Timeout", ParameterType.DURATION,
                    "How long to wait for the device to connect, log in or answer during the transfer.")
                    .withDefault("PT10S"),
            ParameterDescriptor.of(HOST_KEY_FINGERPRINT, "Host key fingerprint", ParameterType.TEXT,
                    "The server's SSH host key as 'ssh-keygen -lf' prints it (SHA256:…). Empty: the key seen at "
                            + "the first connection is pinned and later connections must present it."));

    private volatile KnownHosts knownHosts;

    /** For DS; {@link #activate} chooses the known-hosts file. */
    public SftpDriver() {
    }

    /** A driver pinning host keys in {@code knownHostsFile} (tests, tools). */
    SftpDriver(Path knownHostsFile) {
        this.knownHosts = new KnownHosts(knownHostsFile);
    }

    @Activate
    void activate(BundleContext context, Map<String, Object> properties) {
        Object configured = properties.get(KNOWN_HOSTS_FILE);
        knownHosts = new KnownHosts(configured != null && !configured.toString().isBlank()
                ? Path.of(configured.toString())
                : defaultKnownHostsFile(context));
    }

    /**
     * In the instance area (the workspace, which survives updates of this driver, unlike the bundle's own
     * data area, which a new bundle version does not inherit), else the bundle's data area.
     */
    static Path defaultKnownHostsFile(BundleContext context) {
        String instanceArea = context.getProperty("osgi.instance.area");
        if (instanceArea != null && instanceArea.startsWith("file:")) {
            return Path.of(URI.create(instanceArea.replace(" ", "%20"))).resolve("drivers").resolve("sftp")
                    .resolve("known_hosts");
        }
        java.io.File data = context.getDataFile("known_hosts");
        if (data != null) {
            return data.toPath();
        }
        return Path.of(System.getProperty("user.home"), ".airgap", "sftp", "known_hosts");
    }

    Path knownHostsFile() {
        return knownHosts.file();
    }

    @Override
    public List<ParameterDescriptor> parameters() {
        return PARAMETERS;
    }

    @Override
    public List<ParameterProblem> validate(Map<String, String> parameters) {
        List<ParameterProblem> problems = new ArrayList<>(Parameters.validate(PARAMETERS, parameters));
        Parameters values = new Parameters(PARAMETERS, parameters);
        if (values.raw(PASSWORD) == null && values.raw(PRIVATE_KEY) == null) {
            problems.add(new ParameterProblem(PASSWORD, "password or privateKey: give the password, a private key file, or both"));
        }
        String key = values.raw(PRIVATE_KEY);
        if (key != null && !Files.isRegularFile(Path.of(key))) {
            problems.add(new ParameterProblem(PRIVATE_KEY, "privateKey: no such file on this computer: " + key));
        }
        if (values.raw(PASSPHRASE) != null && key == null) {
            problems.add(new ParameterProblem(PASSPHRASE, "passphrase: only used with privateKey"));
        }
        for (String path : values.list(PATHS)) {
            if (path.equals("..") || path.startsWith("../") || path.contains("/../") || path.endsWith("/..")) {
                problems.add(new ParameterProblem(PATHS, "paths: '" + path
                        + "' contains '..'; give an absolute path instead (e.g. /var/plc)"));
            }
        }
        String fingerprint = values.raw(HOST_KEY_FINGERPRINT);
        if (fingerprint != null && !KnownHosts.isFingerprint(fingerprint)) {
            problems.add(new ParameterProblem(HOST_KEY_FINGERPRINT, "hostKeyFingerprint: must be a SHA-256 "
                    + "fingerprint as 'ssh-keygen -lf' prints it (SHA256: and 43 characters), not '" + fingerprint + "'"));
        }
        return problems;
    }

    @Override
    public DriverResult testConnection(Map<String, String> parameters, DriverProgress progress) {
        SftpSettings settings = settings(parameters, progress);
        try (SftpConnection connection = SftpConnection.open(settings, knownHosts, progress)) {
            progress.log("Logged in to " + settings.address() + " as '" + settings.user() + "' (" + connection.serverVersion()
                    + ", host key " + connection.hostKeyFingerprint() + "); SFTP is available");
            return DriverResult.success(DeviceIdentity.UNKNOWN);
        } catch (DeviceProblemException e) {
            return failure(e, progress);
        }
    }

    @Override
    public DriverResult backup(Map<String, String> parameters, SnapshotWriter snapshot, DriverProgress progress) {
        SftpSettings settings = settings(parameters, progress);
        try (SftpConnection connection = SftpConnection.open(settings, knownHosts, progress)) {
            progress.log("Logged in to " + settings.address() + " as '" + settings.user() + "' (" + connection.serverVersion()
                    + ", host key " + connection.hostKeyFingerprint() + ")");
            List<DeviceProblem> problems = new RemoteBackup(connection.sftp(), settings, progress).run(snapshot);
            return new DriverResult(DeviceIdentity.UNKNOWN, problems);
        } catch (DeviceProblemException e) {
            return failure(e, progress);
        }
    }

    private SftpSettings settings(Map<String, String> parameters, DriverProgress progress) {
        List<ParameterProblem> problems = validate(parameters);
        if (!problems.isEmpty()) {
            // The API promises validated parameters: a caller that skips validation is a programming error.
            throw new IllegalArgumentException("invalid SFTP parameters: "
                    + problems.stream().map(ParameterProblem::message).toList());
        }
        Parameters values = new Parameters(PARAMETERS, parameters);
        progress.log("SFTP " + values.redacted()); // secrets appear as ******
        return SftpSettings.of(values);
    }

    private static DriverResult failure(DeviceProblemException e, DriverProgress progress) {
        progress.log(e.problem().kind() + ": " + e.problem().message());
        return new DriverResult(DeviceIdentity.UNKNOWN, List.of(e.problem()));
    }
}
