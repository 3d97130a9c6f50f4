package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.FAILED;
import static org.airgap.cli.internal.CommandLineApplication.USAGE;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The {@code airgap} command line: the global options, the commands (one class each), and how a
 * failure ends (docs/server.md, "Command line"). Without a command it prints the usage and exits 2
 * ({@code bin/airgap} without a command opens the workbench instead).
 */
@Command(name = "airgap", synopsisSubcommandLabel = "[COMMAND [ARGS]]",
        description = "The headless Airgap command line: the workbench's workspace and session, no display needed.",
        subcommands = { HelpCommand.class, LoginCommand.class, SyncCommand.class, UploadCommand.class,
                JobsCommand.class, RunCommand.class, StatusCommand.class, VerifyCommand.class, LogoutCommand.class,
                VersionCommand.class, UpdateCommand.class, InstallCommand.class, DriversCommand.class },
        versionProvider = VersionCommand.class, exitCodeListHeading = "Exit codes:%n",
        exitCodeList = { "0:ok", "1:failed", "2:wrong usage", "3:not logged in or the session ended (log in again)" })
final class AirgapCommand implements Callable<Integer> {

    @Mixin
    GlobalOptions globals;

    @Option(names = "--version", versionHelp = true, description = "the same as the command version")
    boolean version;

    @Spec
    CommandSpec spec;

    private final Console console;
    private Path workspace;
    private boolean json;

    private AirgapCommand(Console console) {
        this.console = console;
    }

    /** The command line of one invocation, printing on {@code console}. */
    static CommandLine commandLine(Console console) {
        CommandLine line = new CommandLine(new AirgapCommand(console));
        line.setOut(new PrintWriter(console.out(), true, StandardCharsets.UTF_8));
        line.setErr(new PrintWriter(console.err(), true, StandardCharsets.UTF_8));
        // A repeated option counts once, the last value wins; --workspace given twice is refused itself.
        line.setOverwrittenOptionsAllowed(true);
        line.setParameterExceptionHandler(new UsageErrors());
        line.setExecutionExceptionHandler(AirgapCommand::failed);
        return line;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return USAGE;
    }

    Console console() {
        return console;
    }

    Path workspace() {
        return workspace;
    }

    void workspace(Path folder) {
        this.workspace = folder;
    }

    boolean json() {
        return json;
    }

    void json(boolean value) {
        this.json = value;
    }

    CommandContext context() {
        return new CommandContext(console, workspace, json);
    }

    private static int failed(Exception e, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        if (e instanceof CommandException problem) {
            err.println("airgap: " + problem.getMessage());
            if (problem.exitCode() == USAGE) {
                err.println("airgap help lists the commands and their options.");
            }
            return problem.exitCode();
        }
        // A bug, not a situation the user can fix: the trace is what a report needs.
        err.println("airgap: " + command.getCommandName() + " failed unexpectedly: " + e
                + "; nothing was lost (runs and uploads are written before they are shown). Please report this with "
                + "the trace below.");
        e.printStackTrace(err);
        return FAILED;
    }
}
