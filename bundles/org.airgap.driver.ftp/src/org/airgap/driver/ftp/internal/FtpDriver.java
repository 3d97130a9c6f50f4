package org.airgap.driver.ftp.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.airgap.driver.api.DeviceProblemException;
import org.airgap.driver.api.DeviceDriver;
import org.airgap.driver.api.DriverProgress;
import org.airgap.driver.api.DriverResult;
import org.airgap.driver.api.ParameterDescriptor;
import org.airgap.driver.api.ParameterProblem;
import org.airgap.driver.api.ParameterType;
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

    static final String HOST = "host";
    static final String PORT = "port";
    static final String USER = "user";
    static final String PASSWORD = "password";
    static final String PATHS = "paths";
    static final String INCLUDE = "include";
    static final String EXCLUDE = "exclude";
    static final String TLS = "tls";
    static final String CERTIFICATE_FINGERPRINT = "certificateFingerprint";
    static final String PASSIVE = "passive";
    static final String TIMEOUT = "timeout";
    static final String CONCURRENCY = "concurrency";

    static final List<ParameterDescriptor> PARAMETERS = List.of(
            ParameterDescriptor.of(HOST, "Host", ParameterType.HOST, "IP address or host name of the device's FTP server.")
                    .mandatory(),
            ParameterDescriptor.of(PORT, "Port", ParameterType.INTEGER,
                    "TCP port of the FTP control connection: 21 for FTP and explicit FTPS unless changed on the device.")
                    .withDefault("21").withRange(1, 65535),
            ParameterDescriptor.of(USER, "User", ParameterType.TEXT, "FTP user name; anonymous when not given.")
                    .withDefault("anonymous"),
            ParameterDescriptor.of(PASSWORD, "Password", ParameterType.TEXT, "Password of the FTP user.").hidden(),
            ParameterDescriptor.of(PATHS, "Paths", ParameterType.LIST,
                    "Remote folders or files to back up, one per line. Each is stored under its last name "
                            + "(/robot/programs as programs/...); / or . stores the whole login folder at the top.")
                    .withDefault("/"),
            ParameterDescriptor.of(INCLUDE, "Include", ParameterType.LIST,
                    "Globs on snapshot paths (e.g. **/*.prg); when given, only matching files are backed up."),
            ParameterDescriptor.of(EXCLUDE, "Exclude", ParameterType.LIST,
                    "Globs on snapshot paths left out (e.g. programs/logs); an excluded folder is not even listed."),
            // The record's constructor: of() then withChoices() would build a CHOICE without choices first.
            new ParameterDescriptor(TLS, "TLS", ParameterType.CHOICE, false, FtpSettings.TLS_NONE,
                    "none: plain FTP (password in clear text); explicit: FTPS with AUTH TLS on the same port, data "
                            + "connections encrypted too.",
                    false, List.of(FtpSettings.TLS_NONE, FtpSettings.TLS_EXPLICIT), null, null),
            ParameterDescriptor.of(CERTIFICATE_FINGERPRINT, "Certificate fingerprint", ParameterType.TEXT,
                    "SHA-256 fingerprint of the device's TLS certificate (hex, colons allowed). When given, any other "
                            + "certificate is refused; when empty, the certificate is accepted and its fingerprint "
                            + "logged so that you can put it here."),
            ParameterDescriptor.of(PASSIVE, "Passive mode", ParameterType.BOOLEAN,
                    "true: this computer opens the data connections (works through most firewalls); false: the "
                            + "device connects back (active mode).")
                    .withDefault("true"),
            ParameterDescriptor.of(TIMEOUT, "Timeout", ParameterType.DURATION,
                    "How long to wait for the device to connect or answer before giving up.").withDefault("PT10S"),
            ParameterDescriptor.of(CONCURRENCY, "Parallel connections", ParameterType.INTEGER,
                    "FTP connections used for downloads at the same time; lower it for devices that allow few sessions.")
                    .withDefault("2").withRange(1, 8));

    @Override
    public List<ParameterDescriptor> parameters() {
        return PARAMETERS;
    }

    @Override
    public List<ParameterProblem> validate(Map<String, String> parameters) {
        List<ParameterProblem> problems = new ArrayList<>(Parameters.validate(PARAMETERS, parameters));
        Parameters values = new Parameters(PARAMETERS, parameters);
        if (problems.stream().noneMatch(p -> p.parameter().equals(PATHS))) {
            validatePaths(values.list(PATHS), problems);
        }
        String fingerprint = values.text(CERTIFICATE_FINGERPRINT);
        if (fingerprint != null) {
            try {
                FtpSettings.normalizeFingerprint(fingerprint);
                if (!FtpSettings.TLS_EXPLICIT.equals(values.text(TLS))) {
                    problems.add(new ParameterProblem(CERTIFICATE_FINGERPRINT, CERTIFICATE_FINGERPRINT
                            + ": only used with TLS; set tls to explicit or leave the fingerprint empty"));
                }
            } catch (IllegalArgumentException e) {
                problems.add(new ParameterProblem(CERTIFICATE_FINGERPRINT, CERTIFICATE_FINGERPRINT + ": " + e.getMessage()));
            }
        }
        return problems;
    }

    /** Paths must be usable and map to distinct snapshot paths (see {@link RemotePaths}). */
    private static void validatePaths(List<String> paths, List<ParameterProblem> problems) {
        if (paths.isEmpty()) {
            problems.add(new ParameterProblem(PATHS, PATHS + ": give at least one folder or file, or / for everything"));
            return;
        }
        Map<String, String> byName = new HashMap<>();
        List<String> normalized = new ArrayList<>();
        for (String path : paths) {
            String remote;
            try {
                remote = RemotePaths.normalize(path);
            } catch (IllegalArgumentException e) {
                problems.add(new ParameterProblem(PATHS, PATHS + ": " + e.getMessage()));
                continue;
            }
            String name = RemotePaths.baseName(remote);
            if (name.isEmpty() && paths.size() > 1) {
                problems.add(new ParameterProblem(PATHS, PATHS + ": '" + path + "' already backs up everything below "
                        + "it; remove the other paths or list folders instead"));
                continue;
            }
            String other = byName.putIfAbsent(name, path);
            if (other != null) {
                problems.add(new ParameterProblem(PATHS, PATHS + ": '" + other + "' and '" + path + "' would both be stored "
                        + "as '" + name + "' (each path is stored under its last name): back up their common parent "
                        + "folder instead, or use one job per path"));
            }
            for (String earlier : normalized) {
                if (remote.startsWith(earlier + "/") || earlier.startsWith(remote + "/")) {
                    problems.add(new ParameterProblem(PATHS, PATHS + ": '" + earlier + "' and '" + remote
                            + "' overlap: keep only the outer folder"));
                }
            }
            normalized.add(remote);
        }
    }

    @Override
    public DriverResult testConnection(Map<String, String> parameters, DriverProgress progress) {
        DriverProgress serialized = new SerializedProgress(progress);
        FtpSettings settings = FtpSettings.of(new Parameters(PARAMETERS, parameters));
        CertificateCheck certificates = new CertificateCheck(settings.fingerprint(), serialized);
        try (FtpSession session = FtpSession.open(settings, certificates, true)) {
            serialized.log(describe(settings, session));
            return DriverResult.success(DeviceIdentity.UNKNOWN);
        } catch (DeviceProblemException e) {
            return new DriverResult(DeviceIdentity.UNKNOWN, List.of(e.problem()));
        }
    }

    @Override
    public DriverResult backup(Map<String, String> parameters, SnapshotWriter snapshot, DriverProgress progress) {
        DriverProgress serialized = new SerializedProgress(progress);
        Parameters values = new Parameters(PARAMETERS, parameters);
        FtpSettings settings = FtpSettings.of(values);
        serialized.log("FTP backup with " + values.redacted());
        CertificateCheck certificates = new CertificateCheck(settings.fingerprint(), serialized);
        long started = System.nanoTime();
        try {
            if (serialized.isCancelled()) {
                throw new DeviceProblemException(ProblemKind.CANCELLED, "cancelled before connecting; nothing was saved");
            }
            try (FtpSession session = FtpSession.open(settings, certificates, true)) {
                serialized.log(describe(settings, session));
                serialized.begin(-1, "bytes");
                BackupPlan plan;
                try {
                    plan = BackupPlan.list(session, settings, serialized);
                } catch (IOException e) {
                    throw new DeviceProblemException(ProblemKind.PARTIAL, "the connection to " + settings.address()
                            + " broke while listing (" + FtpSession.oneLine(e.getMessage())
                            + "): check the device and the network and run the backup again", e);
                }
                long total = plan.totalBytes();
                serialized.log("Listed " + plan.files().size() + " files" + (total >= 0 ? " (" + total + " bytes)" : "")
                        + ", " + plan.folders().size() + " folders, " + plan.links().size() + " links");
                for (Folder folder : plan.folders()) {
                    snapshot.directory(folder.snapshotPath(), folder.modified());
                }
                for (Link link : plan.links()) {
                    snapshot.symlink(link.snapshotPath(), link.target());
                }
                serialized.begin(total, "bytes");
                int connections = new Downloads(settings, snapshot, serialized, certificates).run(session, plan.files());
                serialized.log(String.format(java.util.Locale.ROOT, "Downloaded %d files, %d bytes in %.1f s over %d connection(s)",
                        plan.files().size(), snapshot.bytesWritten(), (System.nanoTime() - started) / 1e9, connections));
            }
            return DriverResult.success(DeviceIdentity.UNKNOWN);
        } catch (DeviceProblemException e) {
            serialized.log(e.problem().kind() + ": " + e.problem().message());
            return new DriverResult(DeviceIdentity.UNKNOWN, List.of(e.problem()));
        }
    }

    private static String describe(FtpSettings settings, FtpSession session) {
        return "Connected to " + settings.address() + " as '" + settings.user() + "'"
                + (settings.tls() ? " over explicit TLS" : " (plain FTP)") + "; server: " + session.banner()
                + (session.system().isEmpty() ? "" : "; system: " + session.system())
                + (session.usesMlsd() ? "; listing with MLSD" : "; listing with LIST");
    }
}
