package org.airgap.server.internal;

import java.nio.file.Path;
import java.util.Map;

import org.airgap.server.internal.ServerOptions.Serve;
import org.airgap.server.internal.ServerOptions.UsageException;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code airgap-server [--data DIR] [--port N] [--host ADDRESS] [--log FILE]}: run the server. */
@Command(name = "airgap-server", synopsisSubcommandLabel = "[COMMAND]",
        description = "Runs the Airgap server on its data directory, or an administration command on it.",
        subcommands = { InitCommand.class, UserCommand.class, ImportCommand.class, FingerprintCommand.class },
        exitCodeListHeading = "Exit codes:%n",
        exitCodeList = { "0:done", "1:failed (the message says why)", "2:bad command line" })
final class ServerCommand implements ServerOptions.Parsed {

    /** Set by {@link CommonOptions} on any command. */
    String data;

    @Mixin
    CommonOptions common;

    @Option(names = "--port", paramLabel = "N", description = "TCP port of the HTTPS API (default: port in "
            + "DIR/server.ini, 8080)")
    String port;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "address to bind (default: host in "
            + "DIR/server.ini, 0.0.0.0 = all interfaces)")
    String host;

    @Option(names = "--log", paramLabel = "FILE", description = "log file (default: DIR/logs/airgap-server.log)")
    String log;

    @Override
    public Serve command(Map<String, String> environment) throws UsageException {
        Integer givenPort = port == null ? null : port(port);
        Path logFile = log == null ? null : Path.of(log).toAbsolutePath();
        return new Serve(ServerOptions.dataDirectory(data, environment), host, givenPort, logFile);
    }

    /** Refuses the options of running the server on an administration command. */
    void onlyForServing(String command) throws UsageException {
        String given = port != null ? "--port" : host != null ? "--host" : log != null ? "--log" : null;
        if (given != null) {
            throw new UsageException(given + " is for running the server, not for '" + command + "'");
        }
    }

    private static int port(String text) throws UsageException {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--port must be a number from 1 to 65535, not '" + text + "'");
    }
}
