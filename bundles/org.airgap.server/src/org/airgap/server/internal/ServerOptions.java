package org.airgap.server.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.airgap.protocol.Role;

/**
 * The server's command line (docs/server.md, "Administration commands"):
 * <pre>
 * airgap-server --data DIR [--port N] [--host ADDRESS] [--log FILE]
 * airgap-server init --data DIR
 * airgap-server user add NAME --role technician|admin --data DIR
 * airgap-server import FILE.json --data DIR
 * </pre>
 * Without {@code --data} the data directory comes from {@code AIRGAP_SERVER_DATA}. Bad input is refused
 * with a message that names the argument.
 */
final class ServerOptions {

    static final String DATA_ENVIRONMENT = "AIRGAP_SERVER_DATA";

    static final String USAGE = """
            Usage: airgap-server --data DIR [--port N] [--host ADDRESS] [--log FILE]
                   airgap-server init --data DIR
                   airgap-server user add NAME --role technician|admin --data DIR   (password: first line of stdin)
                   airgap-server import FILE.json --data DIR
              --data DIR        the server's data directory (default: $AIRGAP_SERVER_DATA); init creates it
              --port N          TCP port of the HTTP API (default: port in DIR/server.ini, 8080)
              --host ADDRESS    address to bind (default: host in DIR/server.ini, 0.0.0.0 = all interfaces)
              --log FILE        log file (default: DIR/logs/airgap-server.log)
            Exit codes: 0 done, 1 failed (the message says why), 2 bad command line.
            """;

    /** What the command line asks for; every command works on a data directory. */
    sealed interface Command permits Serve, Init, AddUser, Import {
        Path dataDirectory();
    }

    /** Runs the server; {@code null} host, port or log file mean the data directory's. */
    record Serve(Path dataDirectory, String host, Integer port, Path logFile) implements Command {
    }

    record Init(Path dataDirectory) implements Command {
    }

    record AddUser(Path dataDirectory, String name, Role role) implements Command {
    }

    record Import(Path dataDirectory, Path file) implements Command {
    }

    /** Thrown for a command line the server cannot run with; the message names the problem (empty: help). */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    private ServerOptions() {
    }

    static Command parse(List<String> args, Map<String, String> environment) throws UsageException {
        List<String> words = new ArrayList<>();
        String data = null;
        String host = null;
        Integer port = null;
        Path log = null;
        String role = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
            case "--data" -> data = value(args, i++, arg);
            case "--port" -> port = port(value(args, i++, arg));
            case "--host" -> host = value(args, i++, arg);
            case "--log" -> log = Path.of(value(args, i++, arg)).toAbsolutePath();
            case "--role" -> role = value(args, i++, arg);
            case "--help", "-h" -> throw new UsageException("");
            default -> {
                if (arg.startsWith("-")) {
                    throw new UsageException("unknown argument '" + arg + "'");
                }
                words.add(arg);
            }
            }
        }
        String command = words.isEmpty() ? "" : words.get(0);
        if (!command.isEmpty() && (host != null || port != null || log != null)) {
            throw new UsageException((port != null ? "--port" : host != null ? "--host" : "--log")
                    + " is for running the server, not for '" + command + "'");
        }
        if (role != null && !command.equals("user")) {
            throw new UsageException("--role is for 'user add'");
        }
        // The command's own arguments are checked first: a mistake there is what the user needs to hear.
        Function<Path, Command> withDirectory = switch (command) {
        case "" -> {
            Integer givenPort = port;
            String givenHost = host;
            Path givenLog = log;
            yield directory -> new Serve(directory, givenHost, givenPort, givenLog);
        }
        case "init" -> {
            expectWords(words, 1, "init takes no other argument");
            yield Init::new;
        }
        case "user" -> {
            if (words.size() < 2 || !words.get(1).equals("add")) {
                throw new UsageException("'user' needs 'add': airgap-server user add NAME --role technician|admin");
            }
            if (words.size() < 3) {
                throw new UsageException("user add needs the user's NAME");
            }
            expectWords(words, 3, "user add takes one NAME");
            if (role == null) {
                throw new UsageException("user add needs --role technician or --role admin");
            }
            Role parsed;
            try {
                parsed = Role.parse(role);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--role: " + e.getMessage());
            }
            String name = words.get(2);
            yield directory -> new AddUser(directory, name, parsed);
        }
        case "import" -> {
            if (words.size() < 2) {
                throw new UsageException("import needs the FILE.json to import");
            }
            expectWords(words, 2, "import takes one FILE.json");
            Path file = Path.of(words.get(1)).toAbsolutePath().normalize();
            yield directory -> new Import(directory, file);
        }
        default -> throw new UsageException("unknown command '" + command + "'");
        };
        return withDirectory.apply(dataDirectory(data, environment));
    }

    private static Path dataDirectory(String data, Map<String, String> environment) throws UsageException {
        String directory = data != null ? data : environment.get(DATA_ENVIRONMENT);
        if (directory == null || directory.isBlank()) {
            throw new UsageException("no data directory: give --data DIR or set " + DATA_ENVIRONMENT
                    + " (create one with airgap-server init --data DIR)");
        }
        return Path.of(directory).toAbsolutePath().normalize();
    }

    private static void expectWords(List<String> words, int count, String problem) throws UsageException {
        if (words.size() > count) {
            throw new UsageException(problem + ", not '" + words.get(count) + "'");
        }
    }

    private static String value(List<String> args, int index, String name) throws UsageException {
        if (index + 1 >= args.size() || args.get(index + 1).startsWith("--")) {
            throw new UsageException(name + " needs a value");
        }
        return args.get(index + 1);
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
