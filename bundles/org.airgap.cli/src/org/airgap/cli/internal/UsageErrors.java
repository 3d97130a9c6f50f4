package org.airgap.cli.internal;

import java.io.PrintWriter;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * A command line picocli cannot parse: one line {@code airgap: PROBLEM} naming it in our words, then the
 * usage of the command it was meant for, on stderr; exit 2.
 */
final class UsageErrors implements IParameterExceptionHandler {

    /** What an option's value is, for "OPTION needs …" when it is missing. */
    static final Map<String, String> NEEDS = Map.of(
            GlobalOptions.WORKSPACE_OPTION, "a folder, for example --workspace ~/plant-a",
            "--repository", "a URI, for example file:/media/usb/airgap-repository",
            "--server", "a server URL, for example --server https://airgap.plant.local:8443",
            "--user", "a user name, for example --user tech1");

    @Override
    public int handleParseException(ParameterException problem, String[] args) {
        CommandLine command = problem.getCommandLine();
        PrintWriter err = command.getErr();
        err.println("airgap: " + message(problem));
        command.usage(err);
        err.flush();
        return CommandLineApplication.USAGE;
    }

    static String message(ParameterException problem) {
        CommandLine command = problem.getCommandLine();
        boolean root = command.getParent() == null;
        if (problem instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()) {
            String first = unmatched.getUnmatched().get(0);
            if (root) {
                return (first.startsWith("-") ? "unknown option '" : "unknown command '") + first + "'";
            }
            return command.getCommandName() + ": unknown arguments " + unmatched.getUnmatched();
        }
        if (problem instanceof MissingParameterException missing) {
            for (ArgSpec arg : missing.getMissing()) {
                if (arg instanceof OptionSpec option) {
                    String name = option.longestName();
                    return name + " needs " + NEEDS.getOrDefault(name, "a value");
                }
            }
        }
        return problem.getMessage();
    }
}
