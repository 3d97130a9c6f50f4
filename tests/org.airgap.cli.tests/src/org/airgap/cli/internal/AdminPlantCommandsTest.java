package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.FAILED;
import static org.airgap.cli.internal.CommandLineApplication.OK;
import static org.airgap.cli.internal.CommandLineApplication.USAGE;
import static org.airgap.cli.internal.Commands.assertExit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.airgap.cli.internal.Commands.Result;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.protocol.AdminImport;
import org.airgap.protocol.Assignment;
import org.airgap.protocol.ProtocolJson;
import org.airgap.protocol.Role;
import org.airgap.testing.server.ServerFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** {@code airgap admin folders|components|jobs|import} against the real server in this framework. */
class AdminPlantCommandsTest {

    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path temp;
    private ServerFixture server;
    private Commands admin;

    @BeforeEach
    void startServer() throws Exception {
        server = ServerFixture.start("airgap-cli-admin-plant", name -> name.startsWith("org.airgap.server"),
                temp.resolve("server"), Duration.ofHours(2), Duration.ofHours(48));
        server.addUser("root", Role.ADMIN, PASSWORD);
        server.addUser("tech1", Role.TECHNICIAN, PASSWORD);
        server.define(new AdminImport(List.of(new Folder("hall", "Hall", null)),
                List.of(new Component("hmi", "Line HMI", "hall", "directory", Map.of("path", "/srv/hmi"))),
                List.of(new Job("job-hmi", "hmi", "Backup HMI", Map.of(), JobOptions.documentDefaults())),
                List.of(new Assignment("job-hmi", "tech1"))));
        admin = logIn("root", "admin-workspace");
    }

    @AfterEach
    void stopServer() throws Exception {
        try {
            server.close();
        } finally {
            AirgapProcesses.end();
        }
    }

    private Commands logIn(String user, String workspace) {
        Commands commands = new Commands(temp.resolve(workspace));
        assertExit(OK, commands.airgapWithInput(PASSWORD + "\n", "login", "--server", server.uri().toString(), "--user",
                user));
        return commands;
    }

    private Result ok(String... args) {
        Result result = admin.airgap(args);
        assertExit(OK, result);
        return result;
    }

    private String refused(int exit, String... args) {
        Result result = admin.airgap(args);
        assertExit(exit, result);
        return result.err();
    }

    @Test
    void theAdministratorDefinesAndRearrangesThePlant() {
        assertEquals("Created folder line-2 in folder hall.\n", ok("admin", "folders", "create", "line-2", "--name",
                "Line 2", "--parent", "hall").out());
        ok("admin", "components", "create", "plc-7", "--name", "PLC 7", "--folder", "line-2", "--device-type",
                "modbus-tcp", "--param", "host=10.0.0.7", "--param", "port=502");
        ok("admin", "jobs", "create", "job-plc-7", "--component", "plc-7", "--name", "Back up PLC 7", "--option",
                "maxAttempts=3", "--option", "warnIfBackupOlderThan=PT720H");
        JsonObject job = JsonParser.parseString(ok("admin", "jobs", "show", "job-plc-7", "--json").out())
                .getAsJsonObject().getAsJsonObject("job");
        JsonObject options = job.getAsJsonObject("options");
        assertEquals(3, options.get("maxAttempts").getAsInt());
        assertEquals("PT720H", options.get("warnIfBackupOlderThan").getAsString());
        assertTrue(options.get("createVersionAutomatically").getAsBoolean(), "the default: automatic versions");

        ok("admin", "jobs", "change", "job-plc-7", "--option", "createVersionAutomatically=false", "--param",
                "blocks=OB,DB");
        String shown = ok("admin", "jobs", "show", "job-plc-7").out();
        assertTrue(shown.contains("Versions: checked in by hand"), shown);
        assertTrue(shown.contains("Parameters: {blocks=OB,DB}"), shown);
        ok("admin", "components", "change", "plc-7", "--device-type", "s7", "--remove-param", "port");
        ok("admin", "components", "rename", "plc-7", "Press PLC");
        String components = ok("admin", "components", "list").out();
        assertTrue(components.lines().anyMatch(line -> line.matches("plc-7 +Press PLC +line-2 +s7 +0 +0 +-")), components);

        ok("admin", "folders", "create", "hall-b", "--name", "Hall B");
        ok("admin", "folders", "move", "line-2", "--to", "hall-b");
        ok("admin", "components", "move", "plc-7", "--to", "hall");
        JsonArray folders = JsonParser.parseString(ok("admin", "folders", "list", "--json").out()).getAsJsonArray();
        assertEquals(3, folders.size());
        assertEquals("folder line-2 deleted.\n", ok("admin", "folders", "delete", "line-2").out());
    }

    @Test
    void refusalsNameTheProblem() {
        ok("admin", "folders", "create", "cell", "--name", "Cell", "--parent", "hall");
        assertEquals("airgap: folder 'hall' cannot move into folder 'cell': that is the folder itself or inside it\n",
                refused(FAILED, "admin", "folders", "move", "hall", "--to", "cell"));
        assertTrue(refused(FAILED, "admin", "folders", "delete", "hall").contains("folder 'hall' is not empty: it holds"
                + " folder cell, component hmi"));
        assertEquals("airgap: no component 'nope' on the server (airgap admin components list shows them)\n",
                refused(FAILED, "admin", "components", "show", "nope"));
        assertTrue(refused(USAGE, "admin", "components", "change", "hmi", "--param", "host").contains("--param needs"
                + " key=value, not 'host'"));
        assertTrue(refused(USAGE, "admin", "jobs", "change", "job-hmi", "--option", "maxAttempts=0")
                .contains("maxAttempts must be at least 1, was 0"));
        assertTrue(refused(USAGE, "admin", "jobs", "create", "j2", "--component", "hmi").contains("Job.name is missing"));

        Result usage = admin.airgap("admin", "folders");
        assertExit(USAGE, usage);
        assertTrue(usage.out().contains("move") && usage.out().contains("delete"), usage.out());

        // One process opens one workspace: the technician logs in on the same one, while the administrator's
        // session still holds its data key, so that the technician gets a key slot (docs/security.md).
        Commands technician = logIn("tech1", "admin-workspace");
        Result denied = technician.airgap("admin", "jobs", "list");
        assertExit(FAILED, denied);
        assertEquals("airgap: administrators only: user tech1 is a technician\n", denied.err());
    }

    @Test
    void deletingArchivesWhatHasJobsAndAnImportPrunesAfterADryRun() throws Exception {
        assertEquals("component hmi archived with its 0 versions, 0 runs and 1 job: hidden from syncs and job lists,"
                + " back with restore, removed only by a purge.\n", ok("admin", "components", "delete", "hmi").out());
        assertEquals("", ok("admin", "jobs", "list").out().lines().skip(1).reduce("", String::concat));
        assertTrue(ok("admin", "components", "list", "--archived").out().contains("hmi"));
        ok("admin", "components", "restore", "hmi");

        Path file = temp.resolve("plant.json");
        Files.writeString(file, ProtocolJson.write(new AdminImport(List.of(new Folder("hall", "Hall", null)), List.of(),
                List.of(), List.of())));
        assertEquals("""
                would unassign job job-hmi from tech1
                would remove job job-hmi
                would remove component hmi
                Dry run, nothing changed: would have 0 created, 0 updated, 1 unchanged, 3 removed, 0 archived
                """, ok("admin", "import", file.toString(), "--prune", "--dry-run").out());
        assertTrue(ok("admin", "jobs", "list").out().contains("job-hmi"));
        JsonObject summary = JsonParser.parseString(ok("admin", "import", file.toString(), "--prune", "--json").out())
                .getAsJsonObject();
        assertEquals(3, summary.get("removed").getAsInt());
        assertEquals(List.of(), server.repository().plant().jobs(true));
    }
}
