package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.FAILED;
import static org.airgap.cli.internal.CommandLineApplication.OK;
import static org.airgap.cli.internal.Commands.assertExit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.airgap.cli.internal.Commands.Result;
import org.airgap.model.CompareResult;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.model.Run;
import org.airgap.model.RunOutcome;
import org.airgap.protocol.AdminImport;
import org.airgap.protocol.CommitResult;
import org.airgap.protocol.Role;
import org.airgap.store.SnapshotWriter;
import org.airgap.testing.server.ServerFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code airgap admin compare} and {@code airgap admin overview} against the real server over loopback. */
class AdminCompareAndOverviewCommandsTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final Instant TIME = Instant.parse("2026-11-20T08:00:00Z");
    private static final String TABLE = "# airgap-table v1\naddress\ttype\tvalue\n";

    @TempDir
    Path temp;
    private ServerFixture server;
    private Commands commands;

    @BeforeEach
    void start() throws Exception {
        server = ServerFixture.start("airgap-cli-admin-test",
                name -> name.startsWith("org.airgap.server") || name.equals("org.airgap.compare"),
                temp.resolve("server"), Duration.ofHours(2), Duration.ofHours(48));
        server.addUser("root", Role.ADMIN, PASSWORD);
        server.addUser("tech1", Role.TECHNICIAN, PASSWORD);
        server.define(new AdminImport(List.of(new Folder("plant", "Plant", null), new Folder("line", "Line 1", "plant")),
                List.of(new Component("plc-7", "Press PLC", "line", "modbus-tcp", Map.of()),
                        new Component("hmi-2", "HMI", "line", "directory", Map.of())),
                List.of(new Job("job-plc", "plc-7", "Press registers", Map.of(), JobOptions.defaults())), List.of()));
        commit("run-1", Map.of("config.ini", "speed=12\nmode=auto\n", "registers.table", TABLE + "40001\tINT\t17\n"));
        commit("run-2", Map.of("config.ini", "speed=14\nmode=auto\n", "registers.table", TABLE + "40001\tINT\t18\n"));
        commands = new Commands(temp.resolve("workspace"));
    }

    @AfterEach
    void stop() throws Exception {
        try {
            server.close();
        } finally {
            AirgapProcesses.end();
        }
    }

    @Test
    void comparePrintsTheUnifiedDiffAndTheChangedRowsOrTheJson() throws Exception {
        logIn("root");
        Result text = commands.airgap("admin", "compare", "plc-7", "v1", "v2");
        assertExit(OK, text);
        assertTrue(text.out().startsWith("plc-7: v1 ("), text.out());
        assertTrue(text.out().contains(": Different\n  2 changed; ignore rules of job job-plc\n"), text.out());
        assertTrue(text.out().contains("CHANGED  config.ini\nCHANGED  registers.table\n"), text.out());
        assertTrue(text.out().contains("--- v1/config.ini\n+++ v2/config.ini\n@@ -1,2 +1,2 @@\n-speed=12\n+speed=14\n"
                + " mode=auto\n"), text.out());
        assertTrue(text.out().contains("registers.table (table: address, type, value)\n~ 40001 value: 17 -> 18\n"),
                text.out());

        Result json = commands.airgap("--json", "admin", "compare", "plc-7", "v1", "v2");
        assertExit(OK, json);
        assertEquals("DIFFERENT", json.json().get("result").getAsString());
        assertEquals(2, json.json().getAsJsonArray("diffs").size());

        Result onePath = commands.airgap("admin", "compare", "plc-7", "run:run-1", "v2", "--path", "registers.table");
        assertExit(OK, onePath);
        assertFalse(onePath.out().contains("config.ini"), onePath.out());

        Result unknown = commands.airgap("admin", "compare", "plc-7", "v1", "v9");
        assertExit(FAILED, unknown);
        assertTrue(unknown.err().contains("component plc-7 has no version 9"), unknown.err());
    }

    @Test
    void overviewPrintsTheTreeWithStatusesAndTheJobsThatNeedAttention() throws Exception {
        logIn("root");
        Result text = commands.airgap("admin", "overview", "--components");
        assertExit(OK, text);
        assertTrue(text.out().contains("2 components \u2014 1 Different, 1 No job configured"), text.out());
        String columns = text.out().replaceAll("(?<=\\S) {2,}", " | ");
        assertTrue(columns.contains("FOLDER | STATUS | COMPONENTS\nPlant | Different | 2\n  Line 1 | Different | 2\n"
                + "    HMI (hmi-2) | No job configured\n    Press PLC (plc-7) | Different\n"), text.out());
        assertFalse(text.out().contains("Backups older") || text.out().contains("Jobs never run"),
                "nothing needs attention: " + text.out());

        Result json = commands.airgap("--json", "admin", "overview");
        assertExit(OK, json);
        assertEquals(1, json.json().getAsJsonObject("counts").get("DIFFERENT").getAsInt());
        assertEquals("DIFFERENT", json.json().getAsJsonArray("folders").get(0).getAsJsonObject().get("status")
                .getAsString());
    }

    @Test
    void aTechnicianIsRefused() throws Exception {
        logIn("tech1");
        Result refused = commands.airgap("admin", "overview");
        assertExit(FAILED, refused);
        assertTrue(refused.err().contains("administrators only: user tech1 is a technician"), refused.err());
    }

    private void logIn(String user) {
        assertExit(OK, commands.airgapWithInput(PASSWORD + "\n", "login", "--server", server.uri().toString(),
                "--user", user));
    }

    private void commit(String runId, Map<String, String> files) throws Exception {
        String snapshot;
        try (SnapshotWriter writer = server.repository().store().newSnapshot()) {
            for (var file : new TreeMap<>(files).entrySet()) {
                writer.file(file.getKey(), TIME, new ByteArrayInputStream(file.getValue().getBytes(StandardCharsets.UTF_8)));
            }
            snapshot = writer.commit().id();
        }
        Run run = new Run(runId, "job-plc", TIME, TIME.plusSeconds(30), 1, RunOutcome.SUCCEEDED, null, snapshot,
                CompareResult.DIFFERENT, CompareResult.DIFFERENT, List.of());
        server.repository().commit(run, "tech1", new CommitResult(runId, CompareResult.DIFFERENT,
                CompareResult.DIFFERENT, null, false), true, null);
    }
}
