package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.FAILED;
import static org.airgap.cli.internal.CommandLineApplication.NOT_LOGGED_IN;
import static org.airgap.cli.internal.CommandLineApplication.OK;
import static org.airgap.cli.internal.CommandLineApplication.USAGE;
import static org.airgap.cli.internal.Commands.assertExit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.airgap.cli.internal.Commands.Result;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.workspace.SyncedData;
import org.airgap.workspace.Workspace;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * {@code airgap check} with the real check service and the directory driver: a folder that exists is a
 * reachable device, a missing one is not found, and a PLC whose driver is not installed cannot run here.
 */
class CheckCommandTest {

    private static final String USER = "tech1";
    private static final String PASSWORD = "correct horse 7";

    @TempDir
    Path temp;
    private Path workspace;
    private Commands commands;

    @AfterEach
    void endProcess() throws Exception {
        AirgapProcesses.end();
    }

    @BeforeEach
    void setUp() throws Exception {
        Path hmi = Files.createDirectories(temp.resolve("hmi-share"));
        Files.writeString(hmi.resolve("project.cfg"), "speed=1450\n");
        workspace = temp.resolve("workspace");
        commands = new Commands(workspace);
        try (Workspace opened = Workspace.open(workspace)) {
            opened.replaceSynced(new SyncedData(List.of(new Folder("hall", "Hall", null)), List.of(
                    new Component("hmi", "Line HMI", "hall", "directory", Map.of("path", hmi.toString())),
                    new Component("robot", "Robot 2", "hall", "directory",
                            Map.of("path", temp.resolve("unplugged").toString())),
                    new Component("press", "Press PLC", "hall", "s7", Map.of("host", "192.168.10.7"))),
                    List.of(job("job-hmi", "hmi"), job("job-robot", "robot"), job("job-press", "press")), List.of()),
                    USER);
        }
    }

    private static Job job(String id, String component) {
        return new Job(id, component, "Backup " + component, Map.of(), JobOptions.defaults());
    }

    private void logInOffline() throws Exception {
        OfflineLogins.storeVerifier(workspace, USER, PASSWORD);
        assertExit(OK, Commands.cli(PASSWORD + "\n", "login", "--offline", "--user", USER, "--workspace",
                workspace.toString()));
    }

    @Test
    void theTableSaysWhichDevicesAnswerAndTheExitCodeFailsWhenOneDoesNot() throws Exception {
        assertExit(NOT_LOGGED_IN, commands.airgap("check"));
        logInOffline();

        Result all = commands.airgap("check");
        assertExit(FAILED, all);
        List<String> lines = all.out().lines().toList();
        assertTrue(lines.get(0).matches("JOB +REACHABLE +IDENTITY +TIME +PROBLEM"), all.out());
        assertTrue(lines.get(1).matches("job-hmi +yes +- +\\d+ ms +-"), all.out());
        assertTrue(lines.get(2).matches("job-robot +no +- +\\d+ ms +NOT_FOUND: .*unplugged.*"), all.out());
        assertTrue(lines.get(3).matches("job-press +no +- +0 ms +CANNOT_RUN: No driver for device type 's7' is "
                + "installed\\..*"), all.out());
        assertTrue(all.err().contains("airgap: 2 of 3 devices did not pass the connection test"), all.err());

        Result one = commands.airgap("--json", "check", "job-hmi");
        assertExit(OK, one);
        assertEquals(0, one.json().get("unreachable").getAsInt());
        JsonObject hmi = one.json().getAsJsonArray("jobs").get(0).getAsJsonObject();
        assertEquals("job-hmi", hmi.get("id").getAsString());
        assertTrue(hmi.get("reachable").getAsBoolean());
        assertFalse(hmi.has("problemKind"), one.out());

        Result unknown = commands.airgap("check", "job-hmi", "nosuch");
        assertExit(USAGE, unknown);
        assertTrue(unknown.err().contains("unknown job nosuch"), unknown.err());
    }

    @Test
    void offlineTheJobsThatCannotRunHereAndTheNetworksTheLaptopNeeds() throws Exception {
        logInOffline();

        Result preflight = commands.airgap("check", "--offline");
        assertExit(FAILED, preflight);
        assertTrue(preflight.out().lines().anyMatch(line -> line.matches("job-hmi +Line HMI +directory +yes +- +-")),
                preflight.out());
        assertTrue(preflight.out().lines().anyMatch(line -> line.matches("job-robot +Robot 2 +directory +yes +- +-")),
                "a missing folder is the device's problem, not this laptop's: " + preflight.out());
        assertTrue(preflight.out().lines().anyMatch(line -> line.matches(
                "job-press +Press PLC +s7 +no +192\\.168\\.10\\.7 +No driver for device type 's7' is installed\\..*")),
                preflight.out());
        assertTrue(preflight.out().lines().anyMatch(line -> line.matches("192\\.168\\.10\\.0/24 +192\\.168\\.10\\.7 +"
                + "job-press")), preflight.out());

        Result json = commands.airgap("check", "--offline", "--json");
        assertExit(FAILED, json);
        assertEquals(1, json.json().get("cannotRun").getAsInt());
        JsonArray networks = json.json().getAsJsonArray("networks");
        assertEquals(1, networks.size(), json.out());
        assertEquals("192.168.10.0/24", networks.get(0).getAsJsonObject().get("network").getAsString());

        assertExit(USAGE, commands.airgap("check", "--offline", "job-hmi"));
    }

    @Test
    void withoutSyncedJobsThereIsNothingToCheck() throws Exception {
        try (Workspace opened = Workspace.open(workspace)) {
            opened.replaceSynced(SyncedData.NONE, USER);
        }
        logInOffline();
        Result result = commands.airgap("check");
        assertExit(FAILED, result);
        assertTrue(result.err().contains("no jobs to check"), result.err());
        Result offline = commands.airgap("check", "--offline");
        assertExit(OK, offline);
        assertTrue(offline.out().contains("No synced jobs"), offline.out());
    }
}
