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
import java.util.Arrays;

import org.airgap.protocol.AdminImport;
import org.airgap.protocol.ImportReport;
import org.airgap.protocol.ProtocolJson;
import org.airgap.protocol.UserInfo;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerIni;
import org.airgap.server.core.ServerIniException;
import org.airgap.server.core.ServerRepository;
import org.airgap.server.core.ServerSettings;
import org.airgap.server.internal.ServerOptions.AddUser;
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
        if (Files.exists(command.dataDirectory().resolve(ServerSettings.INI_FILE))) {
            return failed(command.dataDirectory() + " has a " + ServerSettings.INI_FILE + " already: it is set up;"
                    + " run the server with airgap-server --data " + command.dataDirectory());
        }
        try {
            PrivateFiles.createFolder(command.dataDirectory());
            ServerIni.writeDefaults(command.dataDirectory());
        } catch (IOException e) {
            return failed("cannot create " + command.dataDirectory().resolve(ServerSettings.INI_FILE) + ": " + e);
        }
        int created = withRepository(command.dataDirectory(), repository -> OK);
        if (created != OK) {
            return created;
        }
        try {
            PrivateFiles.restrict(command.dataDirectory());
        } catch (IOException e) {
            return failed("cannot make " + command.dataDirectory() + " private to this account (0700, files 0600): "
                    + e);
        }
        out.println("Created the Airgap data directory " + command.dataDirectory() + ": "
                + ServerSettings.INI_FILE + " with the defaults, the database and the store.");
        out.println("Next: airgap-server user add NAME --role admin --data " + command.dataDirectory());
        return OK;
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
            return withRepository(command.dataDirectory(), repository -> {
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
        return withRepository(command.dataDirectory(), repository -> {
            ImportReport report = repository.importDefinitions(definitions);
            out.println(report.created() + " created, " + report.updated() + " updated, " + report.unchanged()
                    + " unchanged");
            return OK;
        });
    }

    @FunctionalInterface
    private interface RepositoryWork {
        int run(ServerRepository repository) throws ServerException;
    }

    private int withRepository(java.nio.file.Path dataDirectory, RepositoryWork work) {
        ServerSettings settings;
        try {
            settings = ServerIni.load(dataDirectory);
        } catch (ServerIniException e) {
            return failed(e.getMessage());
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
