package org.airgap.server.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import org.airgap.protocol.AdminImport;
import org.airgap.protocol.ImportSummary;
import org.airgap.protocol.ProtocolJson;
import org.airgap.protocol.UserInfo;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerIni;
import org.airgap.server.core.ServerIniException;
import org.airgap.server.core.ServerKeystore;
import org.airgap.server.core.ServerRepository;
import org.airgap.server.core.ServerSettings;
import org.airgap.server.core.ServerSigningKey;
import org.airgap.server.core.TlsSettings;
import org.airgap.server.internal.ServerOptions.AddUser;
import org.airgap.server.internal.ServerOptions.Fingerprint;
import org.airgap.server.internal.ServerOptions.Import;
import org.airgap.server.internal.ServerOptions.Init;
import org.osgi.framework.BundleContext;

import com.google.gson.JsonParseException;

/**
 * The administration commands, without HTTP: each opens the data directory's repository through the
 * server core's DS services, does its one change, and closes it again. Results go to {@code out},
 * problems to {@code err}; the return value is the exit code.
 */
final class AdminCommands {

    static final int OK = 0;
    static final int FAILED = 1;

    private final BundleContext context;
    private final PrintStream out;
    private final PrintStream err;

    AdminCommands(BundleContext context, PrintStream out, PrintStream err) {
        this.context = context;
        this.out = out;
        this.err = err;
    }

    int init(Init command) {
        Path data = command.dataDirectory();
        if (Files.exists(data.resolve(ServerSettings.INI_FILE))) {
            return addMissingKeystore(command);
        }
        try {
            PrivateFiles.createFolder(data);
            ServerIni.writeDefaults(data);
        } catch (IOException e) {
            return failed("cannot create " + data.resolve(ServerSettings.INI_FILE) + ": " + e);
        }
        int created = withRepository(data, "init", "the airgap admin commands", repository -> OK);
        if (created != OK) {
            return created;
        }
        ServerKeystore keystore;
        ServerSigningKey signingKey;
        try {
            keystore = createKeystore(TlsSettings.generated(data), command);
            signingKey = createSigningKey(data);
        } catch (IOException e) {
            return failed(e.getMessage());
        }
        int restricted = restrict(data);
        if (restricted != OK) {
            return restricted;
        }
        out.println("Created the Airgap data directory " + data + ": " + ServerSettings.INI_FILE
                + " with the defaults, the database, the store, the TLS key with a self-signed certificate"
                + " and the signing key.");
        printFingerprint(keystore);
        printSigningKey(signingKey);
        out.println("Next: airgap-server user add NAME --role admin --data " + data);
        return OK;
    }

    /** init on a set-up data directory: only a generated keystore that is missing (an earlier release's) is added. */
    private int addMissingKeystore(Init command) {
        Path data = command.dataDirectory();
        ServerSettings settings;
        try {
            settings = ServerIni.load(data);
        } catch (ServerIniException e) {
            return failed(e.getMessage());
        }
        if (RunningServer.holds(settings)) {
            return failed(RunningServer.message(data, "init", "the airgap admin commands"));
        }
        TlsSettings tls = settings.tls();
        boolean addKeystore = tls.isGenerated(data) && !Files.exists(tls.keystore());
        boolean addSigningKey = !ServerSigningKey.exists(data);
        if (!addKeystore && !addSigningKey) {
            return failed(data + " has a " + ServerSettings.INI_FILE + " already: it is set up;"
                    + " run the server with airgap-server --data " + data);
        }
        ServerKeystore keystore = null;
        ServerSigningKey signingKey = null;
        try {
            if (addKeystore) {
                keystore = createKeystore(tls, command);
            }
            if (addSigningKey) {
                signingKey = createSigningKey(data);
            }
        } catch (IOException e) {
            return failed(e.getMessage());
        }
        int restricted = restrict(data);
        if (restricted != OK) {
            return restricted;
        }
        if (keystore != null) {
            out.println("Added the TLS key with a self-signed certificate (" + data.relativize(tls.keystore())
                    + ") to the data directory " + data + "; everything else is as it was.");
            printFingerprint(keystore);
        }
        if (signingKey != null) {
            out.println("Added the signing key (" + data.relativize(signingKey.file()) + ") to the data directory "
                    + data + "; everything else is as it was.");
            printSigningKey(signingKey);
        }
        return OK;
    }

    private static ServerKeystore createKeystore(TlsSettings tls, Init command) throws IOException {
        try {
            return ServerKeystore.create(tls.keystore(), tls.passwordFile(), command.certificateNames());
        } catch (IOException e) {
            throw new IOException("cannot create the TLS keystore " + tls.keystore() + ": " + e.getMessage(), e);
        }
    }

    private static ServerSigningKey createSigningKey(Path data) throws IOException {
        try {
            return ServerSigningKey.create(data);
        } catch (IOException e) {
            throw new IOException("cannot create the signing key " + ServerSigningKey.file(data) + ": " + e.getMessage(),
                    e);
        }
    }

    private void printSigningKey(ServerSigningKey key) {
        out.println("The server's signing key (laptops pin it at their first login) has the fingerprint");
        out.println("  " + key.fingerprint());
        out.println("airgap-server fingerprint --signing-key prints it again.");
    }

    private void printFingerprint(ServerKeystore keystore) {
        out.println("The server's certificate (valid until " + keystore.certificate().getNotAfter().toInstant()
                + ") has the fingerprint");
        out.println("  " + keystore.fingerprint());
        out.println("Give it to the technicians to check at their first login (airgap login --trust "
                + keystore.fingerprint() + "); airgap-server fingerprint prints it again.");
    }

    private int restrict(Path data) {
        try {
            PrivateFiles.restrict(data);
            return OK;
        } catch (IOException e) {
            return failed("cannot make " + data + " private to this account (0700, files 0600): " + e);
        }
    }

    /**
     * Prints the fingerprint of the certificate the server presents, or of its signing key, alone on a line (for
     * scripts).
     */
    int fingerprint(Fingerprint command) {
        try {
            ServerSettings settings = ServerIni.load(command.dataDirectory());
            out.println(command.signingKey() ? ServerSigningKey.load(settings.dataDirectory()).fingerprint()
                    : JettyListener.keystore(settings).fingerprint().toString());
            return OK;
        } catch (ServerIniException | JettyListener.RefusedException | IOException e) {
            return failed(e.getMessage());
        }
    }

    int addUser(AddUser command, InputStream stdin) {
        char[] password;
        try {
            String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
            password = line == null ? new char[0] : line.toCharArray();
        } catch (IOException e) {
            return failed("cannot read the password from standard input: " + e.getMessage());
        }
        if (password.length == 0) {
            return failed("no password for " + command.name() + ": give it as the first line of standard input,"
                    + " e.g. read -rs PW && printf '%s\\n' \"$PW\" | airgap-server user add " + command.name() + " ...");
        }
        try {
            return withRepository(command.dataDirectory(), "user add", "airgap admin users add " + command.name()
                    + " --role " + command.role().name().toLowerCase(), repository -> {
                repository.settings().login().checkNewPassword(command.name(), password);
                UserInfo user = repository.addUser(command.name(), command.role(), password);
                out.println("Added user " + user.name() + " (" + user.role().name().toLowerCase() + ")");
                return OK;
            });
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    int importDefinitions(Import command) {
        AdminImport definitions;
        try (Reader json = Files.newBufferedReader(command.file(), StandardCharsets.UTF_8)) {
            definitions = ProtocolJson.read(json, AdminImport.class);
        } catch (NoSuchFileException e) {
            return failed(command.file() + " does not exist");
        } catch (IOException e) {
            return failed("cannot read " + command.file() + ": " + e.getMessage());
        } catch (JsonParseException e) {
            return failed(command.file() + " is not a valid import file: " + e.getMessage());
        }
        return withRepository(command.dataDirectory(), "import", "the airgap admin commands", repository -> {
            // Recorded in the server's audit trail under the account that ran the command.
            String user = ("os:" + System.getProperty("user.name", "unknown"));
            ImportSummary summary = repository.plant().importDefinitions(user.substring(0, Math.min(64,
                    user.length())), definitions, command.prune(), command.dryRun());
            String would = command.dryRun() ? "would " : "";
            if (command.prune() || command.dryRun()) { // a plain import prints only its counts, as it always did
                summary.changes().forEach(change -> out.println(would + change));
            }
            out.println((command.dryRun() ? "Dry run, nothing changed: would have " : "") + summary.created()
                    + " created, " + summary.updated() + " updated, " + summary.unchanged() + " unchanged"
                    + (command.prune() ? ", " + summary.removed() + " removed, " + summary.archived() + " archived" : ""));
            return OK;
        });
    }

    @FunctionalInterface
    private interface RepositoryWork {
        int run(ServerRepository repository) throws ServerException;
    }

    /** Runs {@code work} on the data directory's repository; on a running server says to use {@code instead}. */
    private int withRepository(Path dataDirectory, String command, String instead, RepositoryWork work) {
        ServerSettings settings;
        try {
            settings = ServerIni.load(dataDirectory);
        } catch (ServerIniException e) {
            return failed(e.getMessage());
        }
        if (RunningServer.holds(settings)) {
            return failed(RunningServer.message(dataDirectory, command, instead));
        }
        try (ServerServices services = ServerServices.register(context, settings)) {
            return work.run(services.repository());
        } catch (ServerServices.StartException | ServerException e) {
            return failed(e.getMessage());
        } catch (RuntimeException e) {
            return failed(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    private int failed(String message) {
        err.println("airgap-server: " + message);
        return FAILED;
    }
}
