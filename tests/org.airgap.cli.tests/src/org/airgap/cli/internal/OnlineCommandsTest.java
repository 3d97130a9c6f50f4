package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.FAILED;
import static org.airgap.cli.internal.CommandLineApplication.NOT_LOGGED_IN;
import static org.airgap.cli.internal.CommandLineApplication.OK;
import static org.airgap.cli.internal.Commands.assertExit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.airgap.cli.internal.Commands.Result;
import org.airgap.model.Component;
import org.airgap.model.DeviceIdentity;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.model.Version;
import org.airgap.protocol.AdminImport;
import org.airgap.protocol.Api;
import org.airgap.protocol.Assignment;
import org.airgap.protocol.Role;
import org.airgap.server.core.ServerRepository;
import org.airgap.server.core.ServerSettings;
import org.airgap.server.core.ServerSigningKey;
import org.airgap.testing.drivers.IdentifyingModbusDevice;
import org.airgap.testing.server.ServerFixture;
import org.eclipse.equinox.http.jetty.JettyConfigurator;
import org.eclipse.equinox.http.jetty.JettyConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;
import org.osgi.util.tracker.ServiceTracker;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * The commands with an online session against the real server in this framework: its core services on a
 * data directory in a temporary folder, its HTTP API on Jetty over loopback, the real sync service.
 */
class OnlineCommandsTest {

    private static final String USER = "tech1";
    private static final String PASSWORD = "correct horse battery staple";
    private static final String JETTY_ID = "airgap-cli-test";
    private static final long WAIT_MILLIS = 30_000;

    @TempDir
    Path temp;
    private Path hmi;
    private Path robot;
    private Commands commands;
    private int port;
    private ServiceRegistration<ServerSettings> settings;
    private final List<ServiceTracker<?, ?>> trackers = new ArrayList<>();
    private ServerRepository server;

    @BeforeEach
    void startServer() throws Exception {
        hmi = Files.createDirectories(temp.resolve("hmi-share"));
        Files.writeString(hmi.resolve("project.cfg"), "speed=1450\n");
        robot = Files.createDirectories(temp.resolve("robot"));
        Files.writeString(robot.resolve("main.mod"), "MODULE main\nENDMODULE\n");
        commands = new Commands(temp.resolve("workspace"));
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        start(temp.resolve("server"));
        server.addUser(USER, Role.TECHNICIAN, PASSWORD.toCharArray());
        define(List.of("job-hmi"));
    }

    /** The server as its application starts it: Jetty, then the settings that activate the core services. */
    private void start(Path data) throws Exception {
        BundleContext context = FrameworkUtil.getBundle(OnlineCommandsTest.class).getBundleContext();
        for (Bundle bundle : context.getBundles()) {
            String name = bundle.getSymbolicName();
            if ((name.startsWith("org.airgap.server") || name.startsWith("org.eclipse.equinox.http."))
                    && bundle.getHeaders().get("Fragment-Host") == null) {
                bundle.start(Bundle.START_ACTIVATION_POLICY);
            }
        }
        Hashtable<String, Object> jetty = new Hashtable<>();
        jetty.put(JettyConstants.HTTP_PORT, Integer.valueOf(port));
        jetty.put(JettyConstants.HTTP_HOST, "127.0.0.1");
        JettyConfigurator.startServer(JETTY_ID, jetty);
        if (!ServerSigningKey.exists(data)) { // as airgap-server init makes it: the server signs the syncs
            ServerSigningKey.create(data);
        }
        settings = context.registerService(ServerSettings.class, new ServerSettings(data, "127.0.0.1", port,
                Duration.ofHours(2), Duration.ofHours(48), ServerFixture.PASSWORD_ITERATIONS, 1L << 40), null);
        ServiceTracker<ServerRepository, ServerRepository> repositories = new ServiceTracker<>(context,
                ServerRepository.class, null);
        repositories.open();
        trackers.add(repositories);
        server = repositories.waitForService(WAIT_MILLIS);
        if (server == null) {
            throw new IllegalStateException("the server's repository did not start on " + data);
        }
        awaitServed();
    }

    /** Jetty listens before the whiteboard has registered the servlets: wait for the API. */
    private void awaitServed() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        while (true) {
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create(serverUrl() + Api.JOBS))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 401) {
                    return;
                }
            } catch (IOException notYetListening) {
                if (System.currentTimeMillis() > deadline) {
                    throw notYetListening;
                }
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException(Api.JOBS + " is not served after " + WAIT_MILLIS + " ms");
            }
            Thread.sleep(50);
        }
    }

    private void stop() throws Exception {
        try {
            if (settings != null) {
                settings.unregister();
                settings = null;
            }
            trackers.forEach(ServiceTracker::close);
            trackers.clear();
        } finally {
            JettyConfigurator.stopServer(JETTY_ID);
        }
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            stop();
        } finally {
            AirgapProcesses.end();
        }
    }

    private String serverUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The plant on the server: the HMI and the robot, and of their jobs those assigned to tech1. */
    private void define(List<String> assignedJobs) throws Exception {
        JobOptions versioned = new JobOptions(1, Duration.ZERO, null, true, List.of(), List.of(), List.of());
        server.importDefinitions(new AdminImport(List.of(new Folder("hall", "Hall", null)),
                List.of(new Component("hmi", "Line HMI", "hall", "directory", Map.of("path", hmi.toString())),
                        new Component("robot", "Robot 2", "hall", "directory", Map.of("path", robot.toString()))),
                List.of(new Job("job-hmi", "hmi", "Backup HMI", Map.of(), versioned),
                        new Job("job-robot", "robot", "Backup robot", Map.of(), versioned)),
                assignedJobs.stream().map(job -> new Assignment(job, USER)).toList()));
    }

    private void logIn() {
        Result login = commands.airgapWithInput(PASSWORD + "\n", "login", "--server", serverUrl(), "--user", USER);
        assertExit(OK, login);
        assertTrue(login.out().contains("Logged in as tech1 (technician), online at " + serverUrl()), login.out());
    }

    @Test
    void anAdministratorSetsRetentionAndRunsGcATechnicianIsRefused() throws Exception {
        logIn();
        Result refused = commands.airgap("admin", "gc");
        assertExit(FAILED, refused);
        assertTrue(refused.err().contains("administrators only"), refused.err());

        server.addUser("root", Role.ADMIN, PASSWORD.toCharArray());
        assertExit(OK, commands.airgapWithInput(PASSWORD + "\n", "login", "--server", serverUrl(), "--user", "root"));
        Result set = commands.airgap("admin", "retention", "set", "--folder", "hall", "--keep-versions", "10",
                "--keep-versions-for", "30d", "--keep-runs-for", "90d");
        assertExit(OK, set);
        assertTrue(set.out().startsWith("folder hall: keep the last 10 version(s) and those younger than 30 d; run"
                + " snapshots for 90 d (its own, set by root at "), set.out());
        Result inherited = commands.airgap("admin", "retention", "show", "--component", "hmi");
        assertTrue(inherited.out().startsWith("component hmi: keep the last 10 version(s) and those younger than"
                + " 30 d; run snapshots for 90 d (from folder hall, set by root"), inherited.out());
        Result list = commands.airgap("admin", "retention", "show");
        assertTrue(list.out().startsWith("TARGET       KEEP VERSIONS  VERSIONS YOUNGER THAN  RUN SNAPSHOTS FOR  SET BY"),
                list.out());
        assertTrue(list.out().contains("folder hall  10             30 d                   90 d               root"),
                list.out());
        Result json = commands.airgap("--json", "admin", "retention", "show");
        assertEquals("PT720H", com.google.gson.JsonParser.parseString(json.out()).getAsJsonArray().get(0)
                .getAsJsonObject().getAsJsonObject("policy").get("keepVersionsFor").getAsString());

        Result bad = commands.airgap("admin", "retention", "set", "--folder", "hall", "--keep-versions-for", "soon");
        assertExit(CommandLineApplication.USAGE, bad);
        assertTrue(bad.err().contains("--keep-versions-for takes an age such as 30d or 12h, not 'soon'"), bad.err());
        assertExit(CommandLineApplication.USAGE, commands.airgap("admin", "retention", "set", "--folder", "hall",
                "--component", "hmi"));
        Result unknown = commands.airgap("admin", "retention", "clear", "--component", "nothing");
        assertExit(FAILED, unknown);
        assertTrue(unknown.err().contains("no component 'nothing'"), unknown.err());
        Result cleared = commands.airgap("admin", "retention", "clear", "--folder", "hall");
        assertEquals("folder hall: no retention policy applies: everything is kept", cleared.out().strip());

        Result dryRun = commands.airgap("admin", "gc", "--dry-run");
        assertExit(OK, dryRun);
        assertTrue(dryRun.out().startsWith("Dry run, nothing changed: gc would drop 0 version(s) and 0 run"
                + " snapshot(s), would remove 0 manifest(s) and 0 blob(s): 0 bytes to reclaim in "), dryRun.out());
        Result gc = commands.airgap("--json", "admin", "gc");
        assertExit(OK, gc);
        JsonObject result = com.google.gson.JsonParser.parseString(gc.out()).getAsJsonObject();
        assertFalse(result.get("dryRun").getAsBoolean());
        assertEquals(0, result.get("blobsRemoved").getAsInt());
    }

    @Test
    void syncListRunAndUploadThenTheVersionIsTheBasis() throws Exception {
        assertExit(NOT_LOGGED_IN, commands.airgap("sync"));
        logIn();
        Result sync = commands.airgap("sync");
        assertExit(OK, sync);
        assertTrue(sync.out().contains("Pulled 1 jobs, 1 components"), "only what tech1 is assigned: " + sync.out());
        assertTrue(sync.out().contains("Uploaded 0 runs"), sync.out());
        assertTrue(sync.out().contains("Pre-flight: all 1 jobs can run here."), "checked after the pull: " + sync.out());

        // Assigned after the sync: on the server, not in the workspace yet.
        define(List.of("job-hmi", "job-robot"));
        Result jobs = commands.airgap("--json", "jobs");
        assertExit(OK, jobs);
        assertTrue(jobs.json().get("serverChecked").getAsBoolean());
        JsonArray lines = jobs.json().getAsJsonArray("jobs");
        assertEquals(2, lines.size(), jobs.out());
        assertEquals("NEVER_RUN", lines.get(0).getAsJsonObject().get("state").getAsString());
        JsonObject notSynced = lines.get(1).getAsJsonObject();
        assertEquals("job-robot", notSynced.get("id").getAsString());
        assertEquals("NOT_SYNCED", notSynced.get("state").getAsString());
        assertFalse(notSynced.get("synced").getAsBoolean());
        assertEquals("Robot 2", notSynced.get("component").getAsString());
        assertTrue(commands.airgap("jobs").out().lines().anyMatch(line -> line.matches(
                "job-robot +Backup robot +Robot 2 +directory +not synced +- +- +-")), commands.airgap("jobs").out());

        Result run = commands.airgap("run", "job-hmi");
        assertExit(OK, run);
        Result status = commands.airgap("status");
        assertTrue(status.out().contains("Session:          online, server " + serverUrl()), status.out());
        assertTrue(status.out().contains("Pending uploads:  1"), status.out());

        Result upload = commands.airgap("upload", "--json");
        assertExit(OK, upload);
        JsonObject push = upload.json().getAsJsonObject("push");
        assertFalse(upload.json().has("pull"), "upload does not pull");
        JsonObject committed = push.getAsJsonArray("runs").get(0).getAsJsonObject();
        assertEquals("job-hmi", committed.get("jobId").getAsString());
        assertTrue(committed.getAsJsonObject("result").get("versionCreated").getAsBoolean(), upload.out());
        assertEquals(0, commands.airgap("--json", "status").json().get("pendingUploadCount").getAsInt());
        JsonObject pruned = push.getAsJsonObject("pruned");
        assertEquals(0, pruned.getAsJsonArray("snapshotsRemoved").size(), "the job's latest backup is kept: " + upload.out());
        assertEquals(0, pruned.get("bytesFreed").getAsLong());

        // The next sync brings version 1 as the basis: the unchanged device is Equal to it.
        assertExit(OK, commands.airgap("sync"));
        Result again = commands.airgap("run", "--all");
        assertExit(OK, again);
        assertTrue(again.out().contains("job-hmi (Backup HMI): SUCCEEDED"), again.out());
        assertTrue(again.out().contains("  Server version \u2194 Backup: Equal\n"), again.out());
        assertTrue(again.out().contains("job-robot (Backup robot): SUCCEEDED"), again.out());

        // The sync also stored the offline login: at the plant, without the server.
        assertExit(OK, commands.airgap("logout"));
        Result offline = commands.airgapWithInput(PASSWORD + "\n", "login", "--offline", "--user", USER);
        assertExit(OK, offline);
        assertTrue(offline.out().contains("offline"), offline.out());
    }

    /**
     * The device identity guard end to end: the real Modbus driver reads a device whose identification
     * changes, the real server keeps the identity with each version and brings it back with the baseline.
     */
    @Test
    void aFirmwareChangeStillBecomesAVersionButAnotherDeviceDoesNot() throws Exception {
        try (IdentifyingModbusDevice press = new IdentifyingModbusDevice()) {
            JobOptions versioned = new JobOptions(1, Duration.ZERO, null, true, List.of(), List.of(), List.of());
            server.importDefinitions(new AdminImport(List.of(new Folder("hall", "Hall", null)),
                    List.of(new Component("press", "Press PLC", "hall", "modbus-tcp", Map.of("host", "127.0.0.1",
                            "port", Integer.toString(press.port()), "holdingRegisters", "0-9", "timeout", "PT2S"))),
                    List.of(new Job("job-press", "press", "Press registers", Map.of(), versioned)),
                    List.of(new Assignment("job-press", USER))));
            logIn();
            assertExit(OK, commands.airgap("sync"));
            assertExit(OK, commands.airgap("run", "job-press"));
            assertExit(OK, commands.airgap("upload"));
            Version first = server.latestVersion("press").orElseThrow();
            assertEquals(new DeviceIdentity("Airgap Test Devices", "MB-TCP-1", "V2.07", null), first.device(),
                    "the server keeps the device with the version");

            // A firmware update: reported as such, and still an automatic version.
            assertExit(OK, commands.airgap("sync"));
            press.identify("Airgap Test Devices", "MB-TCP-1", "V2.08");
            Result updated = commands.airgap("run", "job-press");
            assertExit(OK, updated);
            assertTrue(updated.out().contains("  Device:                     firmware changed \u2014 Device firmware"
                    + " changed from version " + first.number() + "'s V2.07 to V2.08.\n"), updated.out());
            Result uploaded = commands.airgap("upload");
            assertTrue(uploaded.out().contains("version " + (first.number() + 1) + " created"), uploaded.out());

            // Another device on the cable: flagged on site, and the server makes no version of it.
            assertExit(OK, commands.airgap("sync"));
            press.identify("Airgap Test Devices", "MB-TCP-9", "V2.08");
            Result swapped = commands.airgap("--json", "run", "job-press");
            assertExit(OK, swapped);
            JsonObject run = swapped.json().getAsJsonArray("runs").get(0).getAsJsonObject();
            assertEquals("DIFFERENT_DEVICE", run.getAsJsonObject("identityCheck").get("kind").getAsString());
            String warning = "Device model MB-TCP-9 differs from version " + (first.number() + 1)
                    + "'s MB-TCP-1: a different device? The backup will not become a version automatically.";
            assertTrue(run.toString().contains(warning), run.toString());
            assertTrue(commands.airgap("jobs").out().contains("succeeded, different device (upload pending)"),
                    commands.airgap("jobs").out());

            Result refused = commands.airgap("upload");
            assertExit(OK, refused);
            assertTrue(refused.out().contains("0 new versions"), refused.out());
            assertTrue(refused.out().contains("    no automatic version: Device model MB-TCP-9 differs from version "
                    + (first.number() + 1) + "'s MB-TCP-1: a different device?"), refused.out());
            assertEquals(first.number() + 1, server.latestVersion("press").orElseThrow().number());
            String refusal = server.committed(run.get("id").getAsString()).orElseThrow().versionRefusal();
            assertTrue(refusal != null && refusal.contains("MB-TCP-9"), refusal);
        }
    }

    @Test
    void anUploadRefusedForATakenRunIdKeepsTheRunAndSaysWhatToDo() throws Exception {
        logIn();
        assertExit(OK, commands.airgap("sync"));
        Result run = commands.airgap("--json", "run", "job-hmi");
        assertExit(OK, run);
        JsonObject backup = run.json().getAsJsonArray("runs").get(0).getAsJsonObject();
        String runId = backup.get("id").getAsString();
        // Another user's run of another job committed under this run's id (issue 11, run-id squatting).
        Instant start = Instant.parse(backup.get("start").getAsString());
        server.addUser("tech2", Role.TECHNICIAN, PASSWORD.toCharArray());
        server.commit(new org.airgap.model.Run(runId, "job-robot", start, start.plusSeconds(1), 1,
                org.airgap.model.RunOutcome.FAILED, null, null, org.airgap.model.CompareResult.ERROR,
                org.airgap.model.CompareResult.ERROR, List.of()), "tech2", new org.airgap.protocol.CommitResult(runId,
                        org.airgap.model.CompareResult.ERROR, org.airgap.model.CompareResult.ERROR, null, false),
                false, null);

        Result upload = commands.airgap("upload");
        assertExit(FAILED, upload);
        assertTrue(upload.err().contains("upload failed: upload of run " + runId + " (job job-hmi): the run id " + runId
                + " is already taken on the server by another upload; this run was not uploaded and stays on the laptop"
                + " — tell the administrator, who can check the server's runs for this id. Nothing is lost: runs stay"
                + " queued; run airgap upload again once that is solved."), upload.err());
        assertEquals(1, commands.airgap("--json", "status").json().get("pendingUploadCount").getAsInt());
    }

    @Test
    void aServerRestartEndsTheSessionWithItsReason() throws Exception {
        logIn();
        assertExit(OK, commands.airgap("sync"));
        stop();
        start(temp.resolve("server"));
        Result sync = commands.airgap("sync");
        assertExit(NOT_LOGGED_IN, sync);
        assertTrue(sync.err().contains("the server was restarted"), sync.err());
        assertTrue(sync.err().contains("airgap login --server URL --user NAME"), sync.err());
        Result jobs = commands.airgap("jobs");
        assertExit(NOT_LOGGED_IN, jobs);
        logIn();
        assertExit(OK, commands.airgap("sync"));
    }
}
