package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.FAILED;
import static org.airgap.cli.internal.CommandLineApplication.USAGE;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

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
        versionProvider = VersionCommand.class, exitCodeListHeading = "Exit codes:%n",
        exitCodeList = { "0:ok", "1:failed", "2:wrong usage", "3:not logged in or the session ended (log in again)",
                "4:not permitted to change the installation (an administrator must run it)" })
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

    /**
     * The commands, in the order the usage lists them. picocli reflects on every command it is given, and the
     * JVM then loads every type in their signatures — which starts those types' bundles: so an invocation
     * gets only the command it names ({@code airgap version} stays clear of the workspace and sync bundles),
     * and all of them only when it names none, an unknown one or {@code help}.
     */
    private static final Map<String, Supplier<Object>> COMMANDS = commands(Map.entry("help", HelpCommand::new),
            Map.entry("login", LoginCommand::new), Map.entry("sync", SyncCommand::new),
            Map.entry("upload", UploadCommand::new), Map.entry("jobs", JobsCommand::new),
            Map.entry("run", RunCommand::new), Map.entry("check", CheckCommand::new),
            Map.entry("status", StatusCommand::new),
            Map.entry("verify", VerifyCommand::new), Map.entry("logout", LogoutCommand::new),
            Map.entry("version", VersionCommand::new), Map.entry("update", UpdateCommand::new),
            Map.entry("install", InstallCommand::new), Map.entry("drivers", DriversCommand::new),
            Map.entry("admin", AdminCommand::new), Map.entry("trust", TrustCommand::new));

    @SafeVarargs
    private static Map<String, Supplier<Object>> commands(Map.Entry<String, Supplier<Object>>... entries) {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        for (Map.Entry<String, Supplier<Object>> entry : entries) {
            commands.put(entry.getKey(), entry.getValue());
        }
        return Collections.unmodifiableMap(commands);
    }

    /** The command line with every command, printing on {@code console}. */
    static CommandLine commandLine(Console console) {
        return commandLine(console, new String[0]);
    }

    /** The command line of one invocation with {@code args}, printing on {@code console}. */
    static CommandLine commandLine(Console console, String[] args) {
        CommandLine line = new CommandLine(new AirgapCommand(console));
        String named = commandName(args);
        // Each a command line of its own: picocli applies the model transformers of a tree (DefinitionOptions)
        // only when it constructs a command line for it.
        if (named != null && !named.equals("help") && COMMANDS.containsKey(named)) {
            line.addSubcommand(named, new CommandLine(COMMANDS.get(named).get()));
        } else {
            COMMANDS.forEach((name, command) -> line.addSubcommand(name, new CommandLine(command.get())));
        }
        line.setOut(new PrintWriter(console.out(), true, StandardCharsets.UTF_8));
        line.setErr(new PrintWriter(console.err(), true, StandardCharsets.UTF_8));
        // A repeated option counts once, the last value wins; --workspace given twice is refused itself.
        line.setOverwrittenOptionsAllowed(true);
        line.setParameterExceptionHandler(new UsageErrors());
        line.setExecutionExceptionHandler(AirgapCommand::failed);
        return line;
    }

    /** The first argument that is neither an option nor the value of {@code --workspace}, or null. */
    private static String commandName(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals(GlobalOptions.WORKSPACE_OPTION)) {
                i++;
            } else if (!args[i].startsWith("-")) {
                return args[i];
            }
        }
        return null;
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
