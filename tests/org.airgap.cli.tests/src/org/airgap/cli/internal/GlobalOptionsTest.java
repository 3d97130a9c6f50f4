package org.airgap.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.airgap.cli.internal.Commands.Result;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

/** The global options may stand before or after the command and its arguments. */
class GlobalOptionsTest {

    private final CommandLine line = AirgapCommand.commandLine(new Console(InputStream.nullInputStream(),
            new PrintStream(PrintStream.nullOutputStream()), new PrintStream(PrintStream.nullOutputStream())));

    private AirgapCommand airgap() {
        return line.getCommand();
    }

    @Test
    void globalOptionsBeforeTheCommand() {
        ParseResult parsed = line.parseArgs("--workspace", "/srv/plant-a", "--json", "run", "job-1");
        assertEquals("run", parsed.subcommand().commandSpec().name());
        assertEquals(List.of("job-1"), ((RunCommand) parsed.subcommand().commandSpec().userObject()).jobIds);
        assertEquals(Path.of("/srv/plant-a"), airgap().workspace());
        assertTrue(airgap().json());
    }

    @Test
    void globalOptionsAfterTheCommandAndWithEqualsSign() {
        ParseResult parsed = line.parseArgs("run", "job-1", "--json", "job-2", "--workspace=plant-b");
        assertEquals("run", parsed.subcommand().commandSpec().name());
        assertEquals(List.of("job-1", "job-2"), ((RunCommand) parsed.subcommand().commandSpec().userObject()).jobIds);
        assertEquals(Path.of("plant-b").toAbsolutePath().normalize(), airgap().workspace());
        assertTrue(airgap().json());
    }

    @Test
    void withoutGlobalOptions() {
        line.parseArgs("jobs");
        assertNull(airgap().workspace());
        assertFalse(airgap().json());
        assertFalse(line.parseArgs("--json").hasSubcommand());
    }

    @Test
    void aWorkspaceWithoutFolderOrTwiceIsAUsageError() {
        Result missing = Commands.cli("", "jobs", "--workspace");
        Commands.assertExit(CommandLineApplication.USAGE, missing);
        assertTrue(missing.err().startsWith("airgap: --workspace needs a folder"), missing.err());
        Commands.assertExit(CommandLineApplication.USAGE, Commands.cli("", "--workspace=", "jobs"));
        Result twice = Commands.cli("", "--workspace", "a", "jobs", "--workspace", "b");
        Commands.assertExit(CommandLineApplication.USAGE, twice);
        assertTrue(twice.err().startsWith("airgap: --workspace is given twice"), twice.err());
    }

    @Test
    void anInvocationGetsOnlyTheCommandItNamesSoOtherCommandsBundlesStayAsleep() {
        Console quiet = new Console(InputStream.nullInputStream(), new PrintStream(PrintStream.nullOutputStream()),
                new PrintStream(PrintStream.nullOutputStream()));
        assertEquals(Set.of("version"), AirgapCommand.commandLine(quiet, new String[] { "--workspace", "jobs",
                "--json", "version" }).getSubcommands().keySet());
        assertEquals(Set.of("sync"), AirgapCommand.commandLine(quiet, new String[] { "sync", "--json" })
                .getSubcommands().keySet());
        int all = line.getSubcommands().size();
        assertEquals(16, all); // with trust (signed updates)
        for (String[] args : List.of(new String[0], new String[] { "help", "sync" }, new String[] { "nosuch" },
                new String[] { "--json" })) {
            assertEquals(all, AirgapCommand.commandLine(quiet, args).getSubcommands().size(), String.join(" ", args));
        }
        line.getSubcommands().forEach((name, command) -> assertEquals(name,
                command.getCommand().getClass().getAnnotation(Command.class).name()));
    }
}
