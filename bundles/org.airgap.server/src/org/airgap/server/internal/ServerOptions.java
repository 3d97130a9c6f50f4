package org.airgap.server.internal;

import java.nio.file.Path;
import java.util.List;

/**
 * The server's command line: {@code airgap-server [--port N] [--host ADDRESS] [--log FILE]}.
 * Bad input is refused with a message that names the argument.
 */
record ServerOptions(String host, int port, Path logFile) {

    static final int DEFAULT_PORT = 8080;
    static final String DEFAULT_HOST = "0.0.0.0";

    static final String USAGE = """
            Usage: airgap-server [--port N] [--host ADDRESS] [--log FILE]
              --port N          TCP port of the HTTP API (default 8080)
              --host ADDRESS    address to bind (default 0.0.0.0, all interfaces)
              --log FILE        log file (default: logs/airgap-server.log in the installation)
            """;

    /** Thrown for a command line the server cannot run with; the message names the problem. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    static ServerOptions parse(List<String> args, Path defaultLog) throws UsageException {
        String host = DEFAULT_HOST;
        int port = DEFAULT_PORT;
        Path log = defaultLog;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
            case "--port" -> port = port(value(args, i++, arg));
            case "--host" -> host = value(args, i++, arg);
            case "--log" -> log = Path.of(value(args, i++, arg)).toAbsolutePath();
            case "--help", "-h" -> throw new UsageException("");
            default -> throw new UsageException("unknown argument '" + arg + "'");
            }
        }
        return new ServerOptions(host, port, log);
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
