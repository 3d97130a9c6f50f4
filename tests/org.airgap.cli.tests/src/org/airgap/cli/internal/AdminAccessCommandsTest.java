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
import org.airgap.protocol.Role;
import org.airgap.testing.server.ServerFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonParser;

/**
 * {@code airgap admin users …}, {@code assign}, {@code unassign} and {@code assignments} against the real
 * server in this framework, and what a technician's laptop says about a job whose assignment was removed.
 */
class AdminAccessCommandsTest {

    private static final String PASSWORD = "correct horse battery staple";

    @TempDir
    Path temp;
    private ServerFixture server;
    private Commands admin;
    private Commands laptop;
    /** The workspace the framework's airgap process has open: one per process, as bin/airgap has it. */
    private Commands open;

    @BeforeEach
    void start() throws Exception {
        server = ServerFixture.start("airgap-cli-admin-test", name -> name.startsWith("org.airgap.server"),
                temp.resolve("server"), Duration.ofHours(2), Duration.ofHours(48));
        server.addUser("root", Role.ADMIN, PASSWORD);
        server.addUser("anna", Role.TECHNICIAN, PASSWORD);
        server.addUser("bert", Role.TECHNICIAN, PASSWORD);
        Path share = Files.createDirectories(temp.resolve("share"));
        Files.writeString(share.resolve("project.cfg"), "speed=1450\n");
        JobOptions options = new JobOptions(1, Duration.ZERO, null, true, List.of(), List.of(), List.of());
        server.define(new AdminImport(List.of(new Folder("hall", "Hall", null), new Folder("line-1", "Line 1", "hall")),
                List.of(new Component("hmi", "Line HMI", "line-1", "directory", Map.of("path", share.toString()))),
                List.of(new Job("job-hmi", "hmi", "Backup HMI", Map.of(), options)),
                List.of(new Assignment("job-hmi", "anna"))));
        admin = new Commands(temp.resolve("admin-workspace"));
        laptop = new Commands(temp.resolve("anna-workspace"));
        logIn(admin, "root");
    }

    @AfterEach
    void stop() throws Exception {
        try {
            server.close();
        } finally {
            AirgapProcesses.end();
        }
    }

    private void logIn(Commands commands, String user) throws Exception {
        assertExit(OK, on(commands, PASSWORD + "\n", "login", "--server", server.uri().toString(), "--user", user));
    }

    /** A command in the administrator's process. */
    private Result asAdmin(String... args) throws Exception {
        return on(admin, "", args);
    }

    /** A command in the technician's process. */
    private Result onLaptop(String... args) throws Exception {
        return on(laptop, "", args);
    }

    /** Runs the command on {@code commands}' workspace, ending the other one's process first. */
    private Result on(Commands commands, String stdin, String... args) throws Exception {
        if (open != null && open != commands) {
            AirgapProcesses.end();
        }
        open = commands;
        return commands.airgapWithInput(stdin, args);
    }

    @Test
    void usersAreListedAddedDisabledEnabledResetReroledAndScoped() throws Exception {
        Result list = asAdmin("admin", "users", "list");
        assertExit(OK, list);
        assertTrue(list.out().lines().anyMatch(line -> line.matches("anna +technician +enabled +- +-")), list.out());
        assertTrue(list.out().lines().anyMatch(line -> line.matches("root +admin +enabled +whole plant +\\d{4}-.*")),
                list.out());

        Result added = on(admin, "another fine passphrase\n", "admin", "users", "add", "carl", "--role",
                "admin", "--folder", "line-1");
        assertExit(OK, added);
        assertEquals("Added carl (administrator of line-1).\n", added.out());
        assertExit(OK, asAdmin("admin", "users", "disable", "bert"));
        Result json = asAdmin("--json", "admin", "users", "list");
        assertExit(OK, json);
        JsonArray users = JsonParser.parseString(json.out()).getAsJsonArray();
        assertEquals(4, users.size());
        assertTrue(users.get(1).getAsJsonObject().get("disabled").getAsBoolean(), json.out());
        assertEquals("Enabled bert (technician).\n", asAdmin("admin", "users", "enable", "bert").out());

        Result shortPassword = on(admin, "short\n", "admin", "users", "reset-password", "bert");
        assertExit(FAILED, shortPassword);
        assertTrue(shortPassword.err().contains("minPasswordLength"), shortPassword.err());
        assertExit(OK, on(admin, "a brand new passphrase\n", "admin", "users", "reset-password", "bert"));
        assertTrue(server.repository().checkPassword("bert", "a brand new passphrase".toCharArray()).isPresent());

        assertEquals("Changed bert (administrator of the whole plant).\n",
                asAdmin("admin", "users", "role", "bert", "admin").out());
        assertEquals("Changed carl (administrator of hall, line-1).\n",
                asAdmin("admin", "users", "scope", "carl", "--folder", "hall", "--folder", "line-1").out());
        assertExit(USAGE, asAdmin("admin", "users", "scope", "carl"));
        assertExit(USAGE, asAdmin("admin", "users", "role", "carl", "boss"));
        Result unknown = asAdmin("admin", "users", "disable", "nobody");
        assertExit(FAILED, unknown);
        assertTrue(unknown.err().contains("no user 'nobody'"), unknown.err());
    }

    @Test
    void aTechnicianIsRefused() throws Exception {
        logIn(laptop, "anna");
        Result refused = onLaptop("admin", "users", "list");
        assertExit(FAILED, refused);
        assertTrue(refused.err().contains("administrators only: user anna is a technician"), refused.err());
        assertExit(FAILED, onLaptop("admin", "assign", "job-hmi", "anna"));
    }

    @Test
    void anUnassignedJobLeavesTheLaptopAtItsNextSyncAndRunSaysWhy() throws Exception {
        logIn(laptop, "anna");
        assertExit(OK, onLaptop("sync"));

        assertEquals("Job job-hmi is assigned to anna, bert.\n", asAdmin("admin", "assign", "job-hmi", "bert").out());
        Result listed = asAdmin("admin", "assignments", "--job", "job-hmi");
        assertExit(OK, listed);
        assertEquals(List.of("JOB      USER", "job-hmi  anna", "job-hmi  bert"), listed.out().lines().toList());
        Result removed = asAdmin("--json", "admin", "unassign", "job-hmi", "anna", "bert");
        assertExit(OK, removed);
        assertEquals(0, JsonParser.parseString(removed.out()).getAsJsonArray().size());

        Result sync = onLaptop("sync");
        assertExit(OK, sync);
        assertTrue(sync.out().contains("job job-hmi is no longer assigned to you (anna): removed from this laptop."),
                sync.out());
        Result run = onLaptop("run", "job-hmi");
        assertExit(FAILED, run);
        assertTrue(run.err().contains("job job-hmi is no longer assigned to you (anna): removed from this laptop"),
                run.err());
    }

    @Test
    void anAdministratorListsAndRevokesLaptopsATechnicianIsRefused() throws Exception {
        logIn(laptop, "anna");
        assertExit(OK, onLaptop("sync")); // the sync registers the workspace's laptop key
        assertExit(OK, onLaptop("run", "job-hmi")); // signed by the laptop, queued
        Result refused = onLaptop("admin", "laptops", "list");
        assertExit(FAILED, refused);
        assertTrue(refused.err().contains("administrators only: user anna is a technician"), refused.err());

        Result json = asAdmin("--json", "admin", "laptops", "list");
        assertExit(OK, json);
        JsonArray laptops = JsonParser.parseString(json.out()).getAsJsonArray();
        assertEquals(1, laptops.size(), json.out());
        String laptopId = laptops.get(0).getAsJsonObject().get("laptopId").getAsString();
        assertEquals("anna", laptops.get(0).getAsJsonObject().get("user").getAsString());
        Result list = asAdmin("admin", "laptops", "list");
        assertTrue(list.out().lines().anyMatch(line -> line.matches(laptopId + " +anna +[0-9a-f]{16} +\\d{4}-.* +-")),
                list.out());

        Result revoked = asAdmin("admin", "laptops", "revoke", laptopId);
        assertExit(OK, revoked);
        assertTrue(revoked.out().startsWith("Revoked laptop " + laptopId + ".\n"), revoked.out());
        assertTrue(revoked.out().contains(" by root"), revoked.out());
        Result sync = onLaptop("sync");
        assertExit(FAILED, sync);
        assertTrue(sync.err().contains("laptop " + laptopId + " was revoked by root"), sync.err());
        assertTrue(sync.err().contains("1 run(s) refused by the server and kept on this laptop: run "), sync.err());
        Result status = onLaptop("status");
        assertExit(OK, status);
        assertTrue(status.out().contains("Pending uploads:  1\n"), status.out());
        assertTrue(status.out().contains("    refused by the server at the last upload: run "), status.out());
        assertTrue(status.out().contains("laptop " + laptopId + " was revoked by root"), status.out());
    }
    @Test
    void anAdministratorListsTheOpenSessionsAndEndsThemAllButTheirOwn() throws Exception {
        logIn(laptop, "anna");
        Result refused = onLaptop("admin", "sessions", "end-all");
        assertExit(FAILED, refused);
        assertTrue(refused.err().contains("administrators only: user anna is a technician"), refused.err());

        Result list = asAdmin("admin", "sessions", "list");
        assertExit(OK, list);
        assertTrue(list.out().startsWith("USER"), list.out());
        assertTrue(list.out().lines().anyMatch(line -> line.matches("root \\(you\\) +admin +\\d{4}-.*")), list.out());
        assertTrue(list.out().lines().anyMatch(line -> line.matches("anna +technician +\\d{4}-.*")), list.out());

        Result ended = asAdmin("admin", "sessions", "end-all");
        assertExit(OK, ended);
        assertEquals("Ended 1 session; yours stays open.\n", ended.out());
        Result sync = onLaptop("sync");
        assertExit(CommandLineApplication.NOT_LOGGED_IN, sync);
        assertTrue(sync.err().contains("an administrator ended every session — log in again"), sync.err());
        Result json = asAdmin("--json", "admin", "sessions", "list");
        assertExit(OK, json);
        JsonArray open = JsonParser.parseString(json.out()).getAsJsonArray();
        assertEquals(1, open.size(), json.out());
        assertEquals("root", open.get(0).getAsJsonObject().get("user").getAsString());
        assertTrue(open.get(0).getAsJsonObject().get("yours").getAsBoolean(), json.out());
    }
}
