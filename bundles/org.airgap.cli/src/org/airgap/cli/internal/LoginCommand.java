package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.OK;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.airgap.protocol.CertificateFingerprint;
import org.airgap.session.ClientSession;
import org.airgap.session.SessionException;
import org.airgap.session.SessionService;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "login", description = { "Log in at the Airgap server, or with --offline without it (after a sync "
        + "as NAME). The password is the first line of stdin (asked without echo on a terminal)." })
final class LoginCommand extends WorkspaceCommand {

    @Option(names = "--server", paramLabel = "URL", description = "the server: https (http only on this machine)")
    String server;

    @Option(names = "--user", paramLabel = "NAME", description = "the user name")
    String user;

    @Option(names = "--offline", description = "log in without the server")
    boolean offline;

    @Option(names = "--trust", paramLabel = "SHA256:...", description = "accept exactly this server certificate "
            + "(its fingerprint from airgap-server fingerprint): at the first login without a terminal, or after "
            + "the server's certificate was replaced")
    String trust;

    @Option(names = "--trust-signing-key", paramLabel = "SHA256:...", description = "accept this signing key of "
            + "the server (its fingerprint from airgap-server fingerprint --signing-key) instead of the one pinned at "
            + "the first login: after the server's signing key was replaced")
    String trustSigningKey;

    @Override
    int run(CommandContext context) throws CommandException, IOException {
        URI serverUri = server == null ? null : serverUri(server);
        if (user == null) {
            throw CommandException.usage("login needs --user NAME");
        }
        if (offline == (serverUri != null)) {
            throw CommandException.usage(offline ? "login: --offline logs in without a server; leave out --server"
                    : "login needs --server URL, or --offline for a login without the server");
        }
        CertificateFingerprint trusted = trust == null ? null : fingerprint(trust);
        if (offline && trusted != null) {
            throw CommandException.usage("login: --trust is for a login at the server; leave it out with --offline");
        }
        if (offline && trustSigningKey != null) {
            throw CommandException.usage("login: --trust-signing-key is for a login at the server; leave it out with"
                    + " --offline");
        }
        context.repository();
        SessionService sessions = context.services.require(SessionService.class, "session");
        if (trustSigningKey != null) {
            try {
                sessions.trustSigningKey(serverUri, trustSigningKey);
            } catch (IllegalArgumentException e) {
                throw CommandException.usage("--trust-signing-key: " + e.getMessage());
            }
        }
        char[] password = readPassword(context, "login");
        ClientSession session;
        try {
            session = offline ? sessions.loginOffline(user, password)
                    : new CertificateTrust(context, sessions, trusted).loginOnline(serverUri, user, password,
                            "airgap login --trust TRUST --server " + serverUri + " --user " + user);
        } catch (SessionException e) {
            throw CommandException.failed("login failed: " + e.getMessage());
        } finally {
            Arrays.fill(password, '\0');
        }
        if (context.json) {
            Output.json(context.out, StatusCommand.document(context, session));
        } else {
            context.out.println("Logged in as " + session.user() + " (" + StatusCommand.roleName(session) + "), "
                    + (session.online() ? "online at " + session.server() : "offline") + ".");
            StatusCommand.printLimits(context.out, session);
            if (session.online()) {
                context.out.println("Next: airgap sync (gets your jobs, uploads finished runs).");
            }
            ServerUpdates.printNotice(context, session);
        }
        return OK;
    }

    private static CertificateFingerprint fingerprint(String text) throws CommandException {
        try {
            return CertificateFingerprint.parse(text);
        } catch (IllegalArgumentException e) {
            throw CommandException.usage("--trust: " + e.getMessage());
        }
    }

    private static URI serverUri(String text) throws CommandException {
        try {
            URI uri = new URI(text);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null) {
                throw CommandException.usage("--server needs an http or https URL with a host, for example "
                        + "https://airgap.plant.local:8443; got '" + text + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw CommandException.usage("--server: not a URL: " + e.getMessage());
        }
    }

    /** The first line of stdin for {@code command}; without echo when stdin is the terminal. */
    static char[] readPassword(CommandContext context, String command) throws CommandException, IOException {
        java.io.Console console = System.console();
        if (context.in == System.in && console != null) {
            char[] password = console.readPassword("Password: ");
            if (password != null && password.length > 0) {
                return password;
            }
        } else {
            String line = new BufferedReader(new InputStreamReader(context.in, StandardCharsets.UTF_8)).readLine();
            if (line != null && !line.isEmpty()) {
                return line.toCharArray();
            }
        }
        throw CommandException.usage(command + " reads the password from the first line of stdin, and there was none;"
                + " for example: printf '%s\\n' \"$PASSWORD\" | airgap " + command + " ...");
    }
}
