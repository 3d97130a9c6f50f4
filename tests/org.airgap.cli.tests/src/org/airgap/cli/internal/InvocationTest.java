package org.airgap.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The global options may stand before or after the command and its arguments. */
class InvocationTest {

    @Test
    void globalOptionsBeforeTheCommand() throws CommandException {
        Invocation invocation = Invocation.parse(List.of("--workspace", "/srv/plant-a", "--json", "run", "job-1"));
        assertEquals("run", invocation.command());
        assertEquals(List.of("job-1"), invocation.arguments());
        assertEquals(Path.of("/srv/plant-a"), invocation.workspace());
        assertTrue(invocation.json());
    }

    @Test
    void globalOptionsAfterTheCommandAndWithEqualsSign() throws CommandException {
        Invocation invocation = Invocation.parse(List.of("run", "job-1", "--json", "job-2", "--workspace=plant-b"));
        assertEquals("run", invocation.command());
        assertEquals(List.of("job-1", "job-2"), invocation.arguments());
        assertEquals(Path.of("plant-b").toAbsolutePath().normalize(), invocation.workspace());
    }

    @Test
    void withoutGlobalOptions() throws CommandException {
        Invocation invocation = Invocation.parse(List.of("jobs"));
        assertNull(invocation.workspace());
        assertFalse(invocation.json());
        assertNull(Invocation.parse(List.of("--json")).command());
    }

    @Test
    void aWorkspaceWithoutFolderOrTwiceIsAUsageError() {
        CommandException missing = assertThrows(CommandException.class, () -> Invocation.parse(List.of("jobs",
                "--workspace")));
        assertEquals(CommandLineApplication.USAGE, missing.exitCode());
        assertTrue(missing.getMessage().contains("--workspace needs a folder"), missing.getMessage());
        assertThrows(CommandException.class, () -> Invocation.parse(List.of("--workspace=", "jobs")));
        CommandException twice = assertThrows(CommandException.class, () -> Invocation.parse(List.of("--workspace",
                "a", "jobs", "--workspace", "b")));
        assertTrue(twice.getMessage().contains("given twice"), twice.getMessage());
    }
}
