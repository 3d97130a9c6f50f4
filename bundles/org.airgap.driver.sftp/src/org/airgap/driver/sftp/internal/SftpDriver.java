package org.airgap.driver.sftp.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.airgap.driver.api.DeviceProblemException;
import org.airgap.driver.api.DeviceDriver;
import org.airgap.driver.api.DeviceProblem;
import org.airgap.driver.api.DriverProgress;
import org.airgap.driver.api.DriverFiles;
import org.airgap.driver.api.DriverParameters;
import org.airgap.driver.api.DriverResult;
import org.airgap.driver.api.Parameter;
import org.airgap.driver.api.ParameterDescriptor;
import org.airgap.driver.api.ParameterProblem;
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

    static final Parameter<String> HOST = Parameter.host("host").label("Host")
            .description("The device's IP address or host name.").required().build();
    static final Parameter<Integer> PORT = Parameter.integer("port").label("Port").description("The device's SSH port.")
            .defaultValue(22).range(1, 65535).build();
    static final Parameter<String> USER = Parameter.text("user").label("User")
            .description("The user name to log in with.").required().build();
    static final Parameter<String> PASSWORD = Parameter.text("password").label("Password")
            .description("The user's password; give it, a private key, or both.").secret().build();
    static final Parameter<Path> PRIVATE_KEY = Parameter.path("privateKey").label("Private key file")
            .description("A private key file on this computer (OpenSSH or PEM format, RSA, ECDSA or Ed25519) to log in with.")
            .map(SftpDriver::existingFile).build();
    static final Parameter<String> PASSPHRASE = Parameter.text("passphrase").label("Key passphrase")
            .description("The passphrase of an encrypted private key file.").secret().build();
    static final Parameter<List<String>> PATHS = Parameter.list("paths").label("Paths")
            .description("Folders or files on the device to back up, recursively. Relative paths start in the login "
                    + "folder; '/var/plc' is stored as var/plc/… in the snapshot.")
            .defaultValue(List.of(".")).map(SftpDriver::withoutParentSegments).build();
    static final Parameter<List<String>> INCLUDE = Parameter.list("include").label("Include")
            .description("Globs on snapshot paths to back up (** across folders, * within a name); empty for all.")
            .build();
    static final Parameter<List<String>> EXCLUDE = Parameter.list("exclude").label("Exclude")
            .description("Globs on snapshot paths to leave out; an excluded folder is not read at all.").build();
    static final Parameter<Duration> TIMEOUT = Parameter.duration("timeout").label("Timeout")
            .description("How long to wait for the device to connect, log in or answer during the transfer.")
            .defaultValue(Duration.ofSeconds(10)).build();
    /** Normalized as {@link KnownHosts#normalize} writes it. */
    static final Parameter<String> HOST_KEY_FINGERPRINT = Parameter.text("hostKeyFingerprint")
            .label("Host key fingerprint")
            .description("The server's SSH host key as 'ssh-keygen -lf' prints it (SHA256:…). Empty: the key seen at "
                    + "the first connection is pinned and later connections must present it.")
            .map(SftpDriver::fingerprint).build();

    private static final DriverParameters PARAMETERS = DriverParameters.of(HOST, PORT, USER, PASSWORD, PRIVATE_KEY,
            PASSPHRASE, PATHS, INCLUDE, EXCLUDE, TIMEOUT, HOST_KEY_FINGERPRINT);

    /** Configuration property (PID org.airgap.driver.sftp): where the pinned host keys are kept. */
    static final String KNOWN_HOSTS_FILE = "knownHostsFile";

    private static Path existingFile(String key) {
        if (!Files.isRegularFile(Path.of(key))) {
            throw new IllegalArgumentException("no such file on this computer: " + key);
        }
        return Path.of(key);
    }

    private static List<String> withoutParentSegments(List<String> paths) {
        for (String path : paths) {
            if (path.equals("..") || path.startsWith("../") || path.contains("/../") || path.endsWith("/..")) {
                throw new IllegalArgumentException("'" + path + "' contains '..'; give an absolute path instead "
                        + "(e.g. /var/plc)");
            }
        }
        return paths;
    }

    private static String fingerprint(String text) {
        if (!KnownHosts.isFingerprint(text)) {
            throw new IllegalArgumentException("must be a SHA-256 fingerprint as 'ssh-keygen -lf' prints it (SHA256: "
                    + "and 43 characters), not '" + text + "'");
        }
        return KnownHosts.normalize(text);
    }

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
                : DriverFiles.folder(context, "sftp").resolve("known_hosts"));
    }

    Path knownHostsFile() {
        return knownHosts.file();
    }

    @Override
    public List<ParameterDescriptor> parameters() {
        return PARAMETERS.descriptors();
    }

    @Override
    public List<ParameterProblem> validate(Map<String, String> parameters) {
        List<ParameterProblem> problems = PARAMETERS.validate(parameters);
        Parameters values = PARAMETERS.values(parameters);
        if (values.raw(PASSWORD.name()) == null && values.raw(PRIVATE_KEY.name()) == null) {
            problems.add(new ParameterProblem(PASSWORD.name(),
                    "password or privateKey: give the password, a private key file, or both"));
        }
        if (values.raw(PASSPHRASE.name()) != null && values.raw(PRIVATE_KEY.name()) == null) {
            problems.add(new ParameterProblem(PASSPHRASE.name(), "passphrase: only used with privateKey"));
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
        Parameters values = PARAMETERS.validValues(parameters, validate(parameters));
        progress.log("SFTP " + values.redacted()); // secrets appear as ******
        return SftpSettings.of(values);
    }

    private static DriverResult failure(DeviceProblemException e, DriverProgress progress) {
        progress.log(e.problem().kind() + ": " + e.problem().message());
        return DriverResult.failure(e);
    }
}
