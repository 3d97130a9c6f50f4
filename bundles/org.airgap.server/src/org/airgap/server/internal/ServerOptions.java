package org.airgap.server.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.airgap.protocol.Role;

import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The server's command line (docs/server.md, "Administration commands"), parsed by picocli from the
 * command classes ({@link ServerCommand} and its subcommands), each of which checks its own arguments:
 * <pre>
 * airgap-server --data DIR [--port N] [--host ADDRESS] [--log FILE]
 * airgap-server init [--host NAME]... --data DIR
 * airgap-server fingerprint [--signing-key] --data DIR
 * airgap-server user add NAME --role technician|admin --data DIR
 * airgap-server import FILE.json [--prune] [--dry-run] --data DIR
 * </pre>
 * Without {@code --data} the data directory comes from {@code AIRGAP_SERVER_DATA}. Bad input is refused
 * with a message that names the argument.
 */
final class ServerOptions {

    static final String DATA_ENVIRONMENT = "AIRGAP_SERVER_DATA";

    private static final Set<String> SERVING_OPTIONS = Set.of("--port", "--host", "--log");

    /** What the command line asks for; every command works on a data directory. */
    sealed interface Command permits Serve, Init, AddUser, Import, Fingerprint {
        Path dataDirectory();
    }

    /** Runs the server; {@code null} host, port or log file mean the data directory's. */
    record Serve(Path dataDirectory, String host, Integer port, Path logFile) implements Command {
    }

    /** Sets up a data directory; {@code certificateNames} are named by its certificate besides this machine's. */
    record Init(Path dataDirectory, List<String> certificateNames) implements Command {
        Init(Path dataDirectory) {
            this(dataDirectory, List.of());
        }
    }

    /** {@code signingKey}: the signing key's fingerprint instead of the TLS certificate's. */
    record Fingerprint(Path dataDirectory, boolean signingKey) implements Command {
        Fingerprint(Path dataDirectory) {
            this(dataDirectory, false);
        }
    }

    record AddUser(Path dataDirectory, String name, Role role) implements Command {
    }

    /** {@code prune}: remove what the file does not define; {@code dryRun}: only report what would change. */
    record Import(Path dataDirectory, Path file, boolean prune, boolean dryRun) implements Command {
        Import(Path dataDirectory, Path file) {
            this(dataDirectory, file, false, false);
        }
    }

    /** A command class: what it was given, checked, as the {@link Command} to run. */
    interface Parsed {
        Command command(Map<String, String> environment) throws UsageException;
    }

    /**
     * Thrown for a command line the server cannot run with; the message names the problem (empty: help
     * was asked for), the usage is that of the command concerned.
     */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        private final String usage;

        /** A command's refusal; {@link ServerOptions#parse} adds that command's usage. */
        UsageException(String message) {
            this(message, "");
        }

        UsageException(String message, String usage) {
            super(message);
            this.usage = usage;
        }

        String usage() {
            return usage;
        }
    }

    private ServerOptions() {
    }

    static Command parse(List<String> args, Map<String, String> environment) throws UsageException {
        CommandLine line = new CommandLine(new ServerCommand());
        // A repeated option counts once, the last value wins.
        line.setOverwrittenOptionsAllowed(true);
        ParseResult parsed;
        try {
            parsed = line.parseArgs(args.toArray(String[]::new));
        } catch (ParameterException e) {
            throw new UsageException(message(e), e.getCommandLine().getUsageMessage());
        }
        while (parsed.hasSubcommand() && !parsed.isUsageHelpRequested()) {
            parsed = parsed.subcommand();
        }
        CommandLine command = parsed.commandSpec().commandLine();
        if (parsed.isUsageHelpRequested()) {
            throw new UsageException("", command.getUsageMessage());
        }
        try {
            return ((Parsed) command.getCommand()).command(environment);
        } catch (UsageException e) {
            throw new UsageException(e.getMessage(), command.getUsageMessage());
        }
    }

    /** picocli's refusal in the words of this command line. */
    private static String message(ParameterException problem) {
        boolean root = problem.getCommandLine().getParent() == null;
        if (problem instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            if (first.equals("--role")) {
                return "--role is for 'user add'";
            }
            if (!root && SERVING_OPTIONS.contains(first)) {
                return first + " is for running the server, not for '"
                        + topCommand(problem.getCommandLine()).getCommandName() + "'";
            }
            return (first.startsWith("-") || !root ? "unknown argument '" : "unknown command '") + first + "'";
        }
        if (problem instanceof MissingParameterException missing) {
            for (ArgSpec arg : missing.getMissing()) {
                if (arg instanceof OptionSpec option) {
                    return option.longestName() + " needs a value";
                }
            }
        }
        return problem.getMessage();
    }

    /** The subcommand of airgap-server that {@code command} is or belongs to ({@code user} for {@code user add}). */
    private static CommandLine topCommand(CommandLine command) {
        while (command.getParent() != null && command.getParent().getParent() != null) {
            command = command.getParent();
        }
        return command;
    }

    /** The one value a command takes, refused with {@code missing} when absent and named when there are more. */
    static String single(List<String> values, String missing, String onlyOne) throws UsageException {
        if (values.isEmpty()) {
            throw new UsageException(missing);
        }
        if (values.size() > 1) {
            throw new UsageException(onlyOne + ", not '" + values.get(1) + "'");
        }
        return values.get(0);
    }

    static Path dataDirectory(String data, Map<String, String> environment) throws UsageException {
        String directory = data != null ? data : environment.get(DATA_ENVIRONMENT);
        if (directory == null || directory.isBlank()) {
            throw new UsageException("no data directory: give --data DIR or set " + DATA_ENVIRONMENT
                    + " (create one with airgap-server init --data DIR)");
        }
        return Path.of(directory).toAbsolutePath().normalize();
    }
}
