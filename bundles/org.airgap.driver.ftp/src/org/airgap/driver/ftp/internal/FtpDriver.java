package org.airgap.driver.ftp.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.airgap.driver.api.DeviceProblemException;
import org.airgap.driver.api.DeviceDriver;
import org.airgap.driver.api.DriverProgress;
import org.airgap.driver.api.DriverParameters;
import org.airgap.driver.api.DriverResult;
import org.airgap.driver.api.Parameter;
import org.airgap.driver.api.ParameterDescriptor;
import org.airgap.driver.api.ParameterProblem;
import org.airgap.driver.api.Parameters;
import org.airgap.driver.api.ProblemKind;
import org.airgap.driver.ftp.internal.BackupPlan.Folder;
import org.airgap.driver.ftp.internal.BackupPlan.Link;
import org.airgap.model.DeviceIdentity;
import org.airgap.store.SnapshotWriter;
import org.osgi.service.component.annotations.Component;

/**
 * Backs up files of robot controllers and HMI panels over FTP or explicit FTPS (Apache Commons Net): lists
 * the configured paths recursively, then downloads the files over one or more connections. Path mapping,
 * TLS and limits: docs/drivers.md, "FTP / FTPS".
 */
@Component(service = DeviceDriver.class, property = { DeviceDriver.ID + "=" + FtpDriver.DRIVER_ID,
        DeviceDriver.NAME + "=FTP / FTPS", DeviceDriver.VENDOR + "=Airgap" })
public final class FtpDriver implements DeviceDriver {

    static final String DRIVER_ID = "ftp";

    static final Parameter<String> HOST = Parameter.host("host").label("Host")
            .description("IP address or host name of the device's FTP server.").required().build();
    static final Parameter<Integer> PORT = Parameter.integer("port").label("Port")
            .description("TCP port of the FTP control connection: 21 for FTP and explicit FTPS unless changed on the "
                    + "device.")
            .defaultValue(21).range(1, 65535).build();
    static final Parameter<String> USER = Parameter.text("user").label("User")
            .description("FTP user name; anonymous when not given.").defaultValue("anonymous").build();
    static final Parameter<String> PASSWORD = Parameter.text("password").label("Password")
            .description("Password of the FTP user.").secret().build();
    static final Parameter<List<String>> PATHS = Parameter.list("paths").label("Paths")
            .description("Remote folders or files to back up, one per line. Each is stored under its last name "
                    + "(/robot/programs as programs/...); / or . stores the whole login folder at the top.")
            .defaultValue(List.of("/")).build();
    static final Parameter<List<String>> INCLUDE = Parameter.list("include").label("Include")
            .description("Globs on snapshot paths (e.g. **/*.prg); when given, only matching files are backed up.")
            .build();
    static final Parameter<List<String>> EXCLUDE = Parameter.list("exclude").label("Exclude")
            .description("Globs on snapshot paths left out (e.g. programs/logs); an excluded folder is not even "
                    + "listed.")
            .build();
    static final Parameter<String> TLS = Parameter.choice("tls", FtpSettings.TLS_NONE, FtpSettings.TLS_EXPLICIT)
            .label("TLS")
            .description("none: plain FTP (password in clear text); explicit: FTPS with AUTH TLS on the same port, "
                    + "data connections encrypted too.")
            .defaultValue(FtpSettings.TLS_NONE).build();
    /** Normalized to 64 lower-case hex digits. */
    static final Parameter<String> CERTIFICATE_FINGERPRINT = Parameter.text("certificateFingerprint")
            .label("Certificate fingerprint")
            .description("SHA-256 fingerprint of the device's TLS certificate (hex, colons allowed). When given, any "
                    + "other certificate is refused; when empty, the certificate is accepted and its fingerprint "
                    + "logged so that you can put it here.")
            .map(FtpSettings::normalizeFingerprint).build();
    static final Parameter<Boolean> PASSIVE = Parameter.bool("passive").label("Passive mode")
            .description("true: this computer opens the data connections (works through most firewalls); false: the "
                    + "device connects back (active mode).")
            .defaultValue(true).build();
    static final Parameter<Duration> TIMEOUT = Parameter.duration("timeout").label("Timeout")
            .description("How long to wait for the device to connect or answer before giving up.")
            .defaultValue(Duration.ofSeconds(10)).build();
    static final Parameter<Integer> CONCURRENCY = Parameter.integer("concurrency").label("Parallel connections")
            .description("FTP connections used for downloads at the same time; lower it for devices that allow few "
                    + "sessions.")
            .defaultValue(2).range(1, 8).build();

    static final DriverParameters PARAMETERS = DriverParameters.of(HOST, PORT, USER, PASSWORD, PATHS, INCLUDE,
            EXCLUDE, TLS, CERTIFICATE_FINGERPRINT, PASSIVE, TIMEOUT, CONCURRENCY);

    @Override
    public List<ParameterDescriptor> parameters() {
        return PARAMETERS.descriptors();
    }

    @Override
    public List<ParameterProblem> validate(Map<String, String> parameters) {
        List<ParameterProblem> problems = PARAMETERS.validate(parameters);
        Parameters values = PARAMETERS.values(parameters);
        if (problems.stream().noneMatch(p -> p.parameter().equals(PATHS.name()))) {
            validatePaths(values.get(PATHS), problems);
        }
        boolean fingerprintValid = problems.stream().noneMatch(p -> p.parameter().equals(CERTIFICATE_FINGERPRINT.name()));
        if (fingerprintValid && values.get(CERTIFICATE_FINGERPRINT) != null
                && !FtpSettings.TLS_EXPLICIT.equals(values.raw(TLS.name()))) {
            problems.add(new ParameterProblem(CERTIFICATE_FINGERPRINT.name(), CERTIFICATE_FINGERPRINT.name()
                    + ": only used with TLS; set tls to explicit or leave the fingerprint empty"));
        }
        return problems;
    }

    /** Paths must be usable and map to distinct snapshot paths (see {@link RemotePaths}). */
    private static void validatePaths(List<String> paths, List<ParameterProblem> problems) {
        if (paths.isEmpty()) {
            problems.add(new ParameterProblem(PATHS.name(), PATHS.name() + ": give at least one folder or file, or / for everything"));
            return;
        }
        Map<String, String> byName = new HashMap<>();
        List<String> normalized = new ArrayList<>();
        for (String path : paths) {
            String remote;
            try {
                remote = RemotePaths.normalize(path);
            } catch (IllegalArgumentException e) {
                problems.add(new ParameterProblem(PATHS.name(), PATHS.name() + ": " + e.getMessage()));
                continue;
            }
            String name = RemotePaths.baseName(remote);
            if (name.isEmpty() && paths.size() > 1) {
                problems.add(new ParameterProblem(PATHS.name(), PATHS.name() + ": '" + path + "' already backs up everything below "
                        + "it; remove the other paths or list folders instead"));
                continue;
            }
            String other = byName.putIfAbsent(name, path);
            if (other != null) {
                problems.add(new ParameterProblem(PATHS.name(), PATHS.name() + ": '" + other + "' and '" + path + "' would both be stored "
                        + "as '" + name + "' (each path is stored under its last name): back up their common parent "
                        + "folder instead, or use one job per path"));
            }
            for (String earlier : normalized) {
                if (remote.startsWith(earlier + "/") || earlier.startsWith(remote + "/")) {
                    problems.add(new ParameterProblem(PATHS.name(), PATHS.name() + ": '" + earlier + "' and '" + remote
                            + "' overlap: keep only the outer folder"));
                }
            }
            normalized.add(remote);
        }
    }

    @Override
    public DriverResult testConnection(Map<String, String> parameters, DriverProgress progress) {
        FtpSettings settings = FtpSettings.of(PARAMETERS.values(parameters));
        CertificateCheck certificates = new CertificateCheck(settings.fingerprint(), progress);
        try (FtpSession session = FtpSession.open(settings, certificates, true, progress.pacing())) {
            progress.log(describe(settings, session));
            return DriverResult.success(DeviceIdentity.UNKNOWN);
        } catch (DeviceProblemException e) {
            return DriverResult.failure(e);
        }
    }

    @Override
    public DriverResult backup(Map<String, String> parameters, SnapshotWriter snapshot, DriverProgress progress) {
        Parameters values = PARAMETERS.values(parameters);
        FtpSettings settings = FtpSettings.of(values);
        progress.log("FTP backup with " + values.redacted());
        // Logs from the calling thread: the only handshake that logs is the first, the listing session's.
        CertificateCheck certificates = new CertificateCheck(settings.fingerprint(), progress);
        long started = System.nanoTime();
        try {
            if (progress.isCancelled()) {
                throw new DeviceProblemException(ProblemKind.CANCELLED, "cancelled before connecting; nothing was saved");
            }
            if (progress.pacing().isOn()) {
                progress.log("Gentle mode (" + progress.pacing() + "): each command waits for the pause after the "
                        + "last reply or data, file contents are read no faster than the cap"
                        + (settings.concurrency() == 1 ? "" : "; the connections share both"));
            }
            try (FtpSession session = FtpSession.open(settings, certificates, true, progress.pacing())) {
                progress.log(describe(settings, session));
                progress.begin(-1, "bytes");
                BackupPlan plan;
                try {
                    plan = BackupPlan.list(session, settings, progress);
                } catch (IOException e) {
                    throw new DeviceProblemException(ProblemKind.PARTIAL, "the connection to " + settings.address()
                            + " broke while listing (" + FtpSession.oneLine(e.getMessage())
                            + "): check the device and the network and run the backup again", e);
                }
                long total = plan.totalBytes();
                progress.log("Listed " + plan.files().size() + " files" + (total >= 0 ? " (" + total + " bytes)" : "")
                        + ", " + plan.folders().size() + " folders, " + plan.links().size() + " links");
                for (Folder folder : plan.folders()) {
                    snapshot.directory(folder.snapshotPath(), folder.modified());
                }
                for (Link link : plan.links()) {
                    snapshot.symlink(link.snapshotPath(), link.target());
                }
                progress.begin(total, "bytes");
                int connections = new Downloads(settings, snapshot, progress, certificates).run(session, plan.files());
                progress.log(String.format(java.util.Locale.ROOT, "Downloaded %d files, %d bytes in %.1f s over %d connection(s)",
                        plan.files().size(), snapshot.bytesWritten(), (System.nanoTime() - started) / 1e9, connections));
            }
            return DriverResult.success(DeviceIdentity.UNKNOWN);
        } catch (DeviceProblemException e) {
            progress.log(e.problem().kind() + ": " + e.problem().message());
            return DriverResult.failure(e);
        }
    }

    private static String describe(FtpSettings settings, FtpSession session) {
        return "Connected to " + settings.address() + " as '" + settings.user() + "'"
                + (settings.tls() ? " over explicit TLS" : " (plain FTP)") + "; server: " + session.banner()
                + (session.system().isEmpty() ? "" : "; system: " + session.system())
                + (session.usesMlsd() ? "; listing with MLSD" : "; listing with LIST");
    }
}
