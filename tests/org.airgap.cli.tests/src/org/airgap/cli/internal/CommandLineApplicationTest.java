package org.airgap.cli.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The airgap command in a runtime that p2 did not install (the test runtime): usage errors, version,
 * and an update that explains why it cannot run. The p2 update itself is tested on the installed
 * product (releng/tests).
 */
class CommandLineApplicationTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CommandLineApplication cli = new CommandLineApplication(InputStream.nullInputStream(),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

    private int run(String... args) {
        return cli.run(List.of(args));
    }

    @Test
    void unknownCommandIsAUsageErrorThatNamesIt() {
        assertEquals(CommandLineApplication.USAGE, run("backup-everything"));
        assertTrue(err().startsWith("airgap: unknown command 'backup-everything'\nUsage: airgap "), err());
        assertTrue(err().contains("\n  update "), err());
    }

    @Test
    void unknownOptionsAndMissingValuesAreUsageErrorsThatNameThem() {
        assertEquals(CommandLineApplication.USAGE, run("login", "--bogus", "--user", "tech1"));
        assertTrue(err().startsWith("airgap: login: unknown arguments [--bogus]\nUsage: airgap login "), err());
        err.reset();
        assertEquals(CommandLineApplication.USAGE, run("login", "--server", "--user", "tech1"));
        assertTrue(err().startsWith("airgap: --server needs a server URL, for example --server https://"), err());
        err.reset();
        assertEquals(CommandLineApplication.USAGE, run("jobs", "now"));
        assertTrue(err().startsWith("airgap: jobs: unknown arguments [now]"), err());
    }

    @Test
    void helpPrintsUsageAndSucceeds() {
        assertEquals(CommandLineApplication.OK, run("help"));
        assertTrue(out().startsWith("Usage: airgap "), out());
        for (String synopsis : List.of("[--json]", "[--workspace=DIR]", "[COMMAND [ARGS]]")) {
            assertTrue(out().lines().findFirst().orElseThrow().contains(synopsis), synopsis + " in\n" + out());
        }
        for (String command : List.of("login", "sync", "upload", "jobs", "run", "status", "verify", "logout", "version",
                "update", "install", "drivers", "trust", "help")) {
            assertTrue(out().contains("\n  " + command + " "), command + " in\n" + out());
        }
        assertTrue(out().contains("Exit codes:\n  0   ok\n  1   failed\n  2   wrong usage\n  3   not logged in"), out());
        assertTrue(out().contains("\n  4   not permitted to change the installation (an administrator must run it)\n"),
                out());
    }

    @Test
    void helpOfACommandShowsItsOptions() {
        assertEquals(CommandLineApplication.OK, run("help", "run"));
        assertTrue(out().startsWith("Usage: airgap run [-h] [--all] [--json] [--workspace=DIR] [JOB...]"), out());
        out.reset();
        assertEquals(CommandLineApplication.OK, run("login", "--help"));
        assertTrue(out().contains("--server=URL"), out());
        assertTrue(out().contains("--offline"), out());
    }

    @Test
    void withoutACommandTheUsageIsPrintedAsAUsageError() {
        assertEquals(CommandLineApplication.USAGE, run("--json"));
        assertTrue(out().startsWith("Usage: airgap "), out());
    }

    @Test
    void versionListsTheRunningAirgapBundles() {
        assertEquals(CommandLineApplication.OK, run("version"));
        assertTrue(out().startsWith("Airgap 0.1.0"), out());
        assertTrue(out().contains("  org.airgap.cli 0.1.0"), out());
        assertTrue(out().contains("  org.airgap.update 0.1.0"), out());
    }

    @Test
    void updateArgumentsAreChecked() {
        assertEquals(CommandLineApplication.USAGE, run("update", "--repository"));
        assertTrue(err().contains("--repository needs a URI"), err());
        assertEquals(CommandLineApplication.USAGE, run("update", "--force"));
        assertTrue(err().contains("update: unknown arguments [--force]"), err());
    }

    @Test
    void trustArgumentsAreChecked() {
        assertEquals(CommandLineApplication.USAGE, run("trust"));
        assertTrue(err().contains("trust needs 'list' or 'add KEYFILE'"), err());
        assertEquals(CommandLineApplication.USAGE, run("trust", "add"));
        assertEquals(CommandLineApplication.FAILED, run("trust", "add", "/nowhere/key.asc"));
        assertTrue(err().contains("the key file /nowhere/key.asc cannot be read"), err());
    }

    @Test
    void updateOutsideAP2InstallationFailsWithAReason() {
        assertEquals(CommandLineApplication.FAILED, run("update", "--check"));
        assertTrue(err().contains("not managed by p2"), err());
    }

    @Test
    void updateAndInstallOutsideAP2InstallationAreNotRefusedForTheAccountButFailWithTheReason() {
        assertEquals(CommandLineApplication.FAILED, run("update"));
        assertTrue(err().contains("not managed by p2"), err());
        assertEquals(CommandLineApplication.FAILED, run("install", "com.example.feature", "--repository", "/nowhere"));
        assertTrue(err().contains("not managed by p2"), err());
    }

    @Test
    void repositoryMayBeAUriOrAPath() throws Exception {
        assertEquals(URI.create("https://updates.example.org/airgap/"), UpdateCommand.toUri(
                "https://updates.example.org/airgap/"));
        assertEquals(URI.create("file:/media/usb/repository"), UpdateCommand.toUri("file:/media/usb/repository"));
        assertEquals(Path.of("/media/usb/repository").toUri(), UpdateCommand.toUri("/media/usb/repository"));
        assertEquals(Path.of("relative/repo").toAbsolutePath().toUri(), UpdateCommand.toUri("relative/repo"));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
