package org.airgap.cli.internal;

/** Ends a command with an exit code and a message for stderr that names the problem and what to do. */
final class CommandException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CommandException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    static CommandException usage(String message) {
        return new CommandException(CommandLineApplication.USAGE, message);
    }

    static CommandException failed(String message) {
        return new CommandException(CommandLineApplication.FAILED, message);
    }

    int exitCode() {
        return exitCode;
    }
}
