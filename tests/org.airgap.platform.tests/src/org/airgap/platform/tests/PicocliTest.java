package org.airgap.platform.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * picocli from the target platform reads the annotations of this bundle's classes by reflection under
 * OSGi (no annotation processing): options, positional parameters, subcommands, generated usage.
 */
class PicocliTest {

    @Command(name = "backup", description = "Backs up devices.", subcommands = Run.class)
    static final class Backup {
        @Option(names = "--workspace", paramLabel = "DIR", description = "the workspace folder")
        String workspace;
    }

    @Command(name = "run", description = "Runs jobs now.")
    static final class Run implements Callable<Integer> {
        @Option(names = "--all", description = "every job")
        boolean all;

        @Parameters(paramLabel = "JOB", arity = "0..*")
        List<String> jobs = List.of();

        @Override
        public Integer call() {
            return all ? 10 : jobs.size();
        }
    }

    @Test
    void subcommandOptionsAndParametersAreParsedAndExecuted() {
        CommandLine line = new CommandLine(new Backup());
        assertEquals(2, line.execute("--workspace", "/srv/a", "run", "job-1", "job-2"));
        assertEquals("/srv/a", ((Backup) line.getCommand()).workspace);
        assertEquals(10, new CommandLine(new Backup()).execute("run", "--all"));
    }

    @Test
    void usageIsGeneratedFromTheAnnotations() {
        StringWriter usage = new StringWriter();
        new CommandLine(new Backup()).getSubcommands().get("run").usage(new PrintWriter(usage));
        assertTrue(usage.toString().startsWith("Usage: backup run [--all] [JOB...]"), usage.toString());
        assertTrue(usage.toString().contains("Runs jobs now."), usage.toString());
    }

    @Test
    void anUnknownOptionIsAParameterExceptionThatNamesIt() {
        CommandLine.UnmatchedArgumentException unknown = assertThrows(CommandLine.UnmatchedArgumentException.class,
                () -> new CommandLine(new Backup()).parseArgs("run", "--force"));
        assertTrue(unknown.getMessage().contains("'--force'"), unknown.getMessage());
    }
}
