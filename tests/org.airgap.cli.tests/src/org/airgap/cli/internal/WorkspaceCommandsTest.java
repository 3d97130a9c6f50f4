package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.FAILED;
import static org.airgap.cli.internal.CommandLineApplication.NOT_LOGGED_IN;
import static org.airgap.cli.internal.CommandLineApplication.OK;
import static org.airgap.cli.internal.CommandLineApplication.USAGE;
import static org.airgap.cli.internal.Commands.assertExit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.airgap.cli.internal.Commands.Result;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.model.Run;
import org.airgap.session.SessionService;
import org.airgap.store.StoreKeys;
import org.airgap.workspace.JobRepository;
import org.airgap.workspace.SyncedData;
import org.airgap.workspace.Workspace;
import org.airgap.workspace.WorkspaceKeys;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * The workspace commands as a technician uses them, in OSGi with the real services: the DS job
 * repository on a workspace in a temporary folder (chosen with --workspace), the real session service
 * with an offline login against a verifier, the real job runner with the directory driver on folders
 * that play the devices.
 */
class WorkspaceCommandsTest {

    private static final String USER = "tech1";
    private static final String PASSWORD = "correct horse 7";

    @TempDir
    Path temp;
    private Path workspace;
    private Path hmi;
    private Path robot;

    @AfterEach
    void endProcess() throws Exception {
        AirgapProcesses.end();
    }

    @BeforeEach
    void setUp() throws IOException {
        hmi = Files.createDirectories(temp.resolve("hmi-share"));
        Files.writeString(hmi.resolve("project.cfg"), "speed=1450\n");
        robot = Files.createDirectories(temp.resolve("robot"));
        Files.writeString(robot.resolve("main.mod"), "MODULE main\nENDMODULE\n");
        workspace = temp.resolve("workspace");
        sync(Map.of("job-hmi", hmi, "job-robot", robot));
    }

    /** What a sync would bring: one directory component and job per device folder. */
    private void sync(Map<String, Path> devices) throws IOException {
        List<Component> components = new ArrayList<>();
        List<Job> jobs = new ArrayList<>();
        devices.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(device -> {
            String component = device.getKey().replace("job-", "");
            components.add(new Component(component, "Line " + component, "hall", "directory",
                    Map.of("path", device.getValue().toString())));
            jobs.add(new Job(device.getKey(), component, "Backup " + component, Map.of(), JobOptions.defaults()));
        });
        try (Workspace opened = Workspace.open(workspace)) {
            opened.replaceSynced(new SyncedData(List.of(new Folder("hall", "Hall", null)), components, jobs, List.of()),
                    USER);
        }
    }

    private Result cli(String stdin, String... args) {
        return Commands.cli(stdin, args);
    }

    private Result airgap(String... args) {
        return new Commands(workspace).airgap(args);
    }

    private void storeVerifier(String user, String password) throws Exception {
        OfflineLogins.storeVerifier(workspace, user, password);
    }

    /** The name under which the encrypted workspace stores content of SHA-256 {@code sha256}. */
    private String storedName(String sha256) throws IOException {
        StoreKeys keys = StoreKeys.locked();
        keys.unlock(WorkspaceKeys.of(workspace).unlock(USER, PASSWORD.toCharArray()));
        return keys.storedName(sha256);
    }

    private void logInOffline() throws Exception {
        storeVerifier(USER, PASSWORD);
        Result login = cli(PASSWORD + "\n", "login", "--offline", "--user", USER, "--workspace", workspace.toString());
        assertExit(OK, login);
        assertTrue(login.out().contains("Logged in as tech1 (technician), offline."), login.out());
    }

    // ---- session

    @Test
    void everyWorkspaceCommandNeedsASession() {
        for (List<String> command : List.of(List.of("jobs"), List.of("run", "--all"), List.of("run", "job-hmi"),
                List.of("status"), List.of("sync"), List.of("upload"), List.of("verify"), List.of("logout"))) {
            Result result = airgap(command.toArray(String[]::new));
            assertExit(NOT_LOGGED_IN, result);
            assertTrue(result.err().startsWith("airgap: "), result.err());
            assertTrue(result.err().contains("log in first"), command + ": " + result.err());
            assertTrue(result.err().contains("airgap login --server URL --user NAME"), result.err());
            assertEquals("", result.out(), command.toString());
        }
    }

    @Test
    void offlineLoginChecksThePasswordAgainstTheVerifier() throws Exception {
        storeVerifier(USER, PASSWORD);
        Result wrong = cli("not the password\n", "--workspace", workspace.toString(), "login", "--offline", "--user",
                USER);
        assertExit(FAILED, wrong);
        assertTrue(wrong.err().startsWith("airgap: login failed: "), wrong.err());
        Result unknown = cli(PASSWORD + "\n", "--workspace", workspace.toString(), "login", "--offline", "--user",
                "tech2");
        assertExit(FAILED, unknown);
        assertTrue(unknown.err().contains("tech2"), unknown.err());
        assertExit(NOT_LOGGED_IN, airgap("jobs"));

        Result login = cli(PASSWORD + "\n", "--workspace", workspace.toString(), "--json", "login", "--offline",
                "--user", USER);
        assertExit(OK, login);
        assertEquals(USER, login.json().get("user").getAsString());
        assertFalse(login.json().get("online").getAsBoolean());
        assertExit(OK, airgap("jobs"));

        Result logout = airgap("logout");
        assertExit(OK, logout);
        assertTrue(logout.out().contains("Logged out tech1"), logout.out());
        assertExit(NOT_LOGGED_IN, airgap("jobs"));
    }

    @Test
    void loginArgumentsAreChecked() {
        Result noUser = cli("pw\n", "login", "--offline");
        assertExit(USAGE, noUser);
        assertTrue(noUser.err().contains("login needs --user NAME"), noUser.err());
        assertExit(USAGE, cli("pw\n", "login", "--user", USER));
        Result both = cli("pw\n", "login", "--offline", "--server", "http://localhost:1", "--user", USER);
        assertExit(USAGE, both);
        assertTrue(both.err().contains("leave out --server"), both.err());
        Result notUrl = cli("pw\n", "login", "--server", "localhost", "--user", USER);
        assertExit(USAGE, notUrl);
        assertTrue(notUrl.err().contains("--server needs an http or https URL"), notUrl.err());
        Result noPassword = cli("", "--workspace", workspace.toString(), "login", "--offline", "--user", USER);
        assertExit(USAGE, noPassword);
        assertTrue(noPassword.err().contains("first line of stdin"), noPassword.err());
    }

    @Test
    void anOnlineLoginNamesAServerItCannotReach() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        String server = "http://127.0.0.1:" + port;
        Result result = cli(PASSWORD + "\n", "--workspace", workspace.toString(), "login", "--server", server,
                "--user", USER);
        assertExit(FAILED, result);
        assertTrue(result.err().startsWith("airgap: login failed: "), result.err());
        assertTrue(result.err().contains(server), result.err());
        assertExit(NOT_LOGGED_IN, airgap("status"));
    }

    @Test
    void aWorkspaceHeldByAnotherProcessIsRefusedAtOnceNamingTheHolder() throws Exception {
        try (Workspace held = Workspace.open(workspace)) {
            long start = System.nanoTime();
            Result result = airgap("jobs");
            assertExit(FAILED, result);
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 10, "no wait for a failed activation");
            assertTrue(result.err().startsWith("airgap: cannot open workspace " + workspace), result.err());
            assertTrue(result.err().contains("PID " + ProcessHandle.current().pid()), result.err());
            assertTrue(result.err().contains("close the workbench or the other airgap command"), result.err());
        }
        logInOffline();
        assertExit(OK, airgap("jobs"));
    }

    @Test
    void syncAndUploadNeedAnOnlineSession() throws Exception {
        logInOffline();
        for (String command : List.of("sync", "upload")) {
            Result result = airgap(command);
            assertExit(FAILED, result);
            assertTrue(result.err().contains(command + " needs the server, and tech1 is logged in offline"),
                    result.err());
        }
    }

    @Test
    void statusShowsTheSessionTimeLeftAndPendingUploads() throws Exception {
        logInOffline();
        Result before = airgap("status");
        assertExit(OK, before);
        assertTrue(before.out().contains("User:             tech1 (technician)"), before.out());
        assertTrue(before.out().contains("Session:          offline"), before.out());
        assertTrue(before.out().contains("Idle limit:       1 h 59 min left")
                || before.out().contains("Idle limit:       2 h 0 min left"), before.out());
        assertTrue(before.out().contains("Absolute limit:   47 h 59 min left")
                || before.out().contains("Absolute limit:   48 h 0 min left"), before.out());
        assertTrue(before.out().contains("Pending uploads:  0"), before.out());

        assertExit(OK, airgap("run", "job-hmi"));
        Result after = airgap("status", "--json");
        assertExit(OK, after);
        JsonObject status = after.json();
        assertEquals(USER, status.get("user").getAsString());
        assertEquals("technician", status.get("role").getAsString());
        assertFalse(status.get("online").getAsBoolean());
        assertEquals(workspace.toString(), status.get("workspace").getAsString());
        long idleLeft = status.get("idleSecondsLeft").getAsLong();
        assertTrue(idleLeft > 7_100 && idleLeft <= 7_200, "touched by every command: " + idleLeft);
        assertEquals(1, status.get("pendingUploadCount").getAsInt());
        JsonObject pending = status.getAsJsonArray("pendingUploads").get(0).getAsJsonObject();
        assertEquals("job-hmi", pending.get("jobId").getAsString());
        assertEquals("SUCCEEDED", pending.get("outcome").getAsString());
        Result text = airgap("status");
        assertTrue(text.out().contains("Pending uploads:  1\n  " + pending.get("id").getAsString()
                + "  job-hmi (Backup hmi)"), text.out());
    }

    @Test
    void aCommandCountsAsActivityWhenItEndsNotOnlyWhenItStarts() throws Exception {
        logInOffline();
        PrintStream discard = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Console console = new Console(new ByteArrayInputStream(new byte[0]), discard, discard,
                Terminal.of(new ByteArrayInputStream(new byte[0])));
        Instant commandEnd;
        try (CommandContext command = new CommandContext(console, workspace, false)) {
            Instant start = command.session().lastActivity();
            Thread.sleep(1_500); // a long sync or run: the technician waits for it
            commandEnd = Instant.now();
            assertTrue(start.isBefore(commandEnd.minusMillis(1_000)), start + " " + commandEnd);
        }
        // The next command (a new process in real life) finds the end of the last one as the last activity.
        try (CommandContext next = new CommandContext(console, workspace, false)) {
            next.repository();
            Instant lastActivity = next.services.require(SessionService.class, "session").current().orElseThrow()
                    .lastActivity();
            assertFalse(lastActivity.isBefore(commandEnd), "last activity " + lastActivity + ", the command ended "
                    + commandEnd + ": an idle limit shorter than a sync would end the session after it");
        }
    }

    @Test
    void aRunRecordWrittenPlainIntoTheEncryptedWorkspaceIsNamedByStatusAndTheOtherCommandsGoOn() throws Exception {
        logInOffline();
        assertExit(OK, airgap("run", "job-hmi"));
        Result ran = airgap("status", "--json");
        String runId = ran.json().getAsJsonArray("pendingUploads").get(0).getAsJsonObject().get("id").getAsString();
        Path record = workspace.resolve("runs").resolve(runId + ".json");
        Files.writeString(record, "{\"id\":\"" + runId + "\",\"jobId\":\"job-robot\"}");

        Result status = airgap("status");
        assertExit(OK, status);
        assertTrue(status.out().contains("Pending uploads:  0\nUnreadable runs waiting for upload (not sent): 1\n  run "
                + runId + " cannot be read (" + record + " is plain in an encrypted workspace"), status.out());
        assertEquals(1, airgap("status", "--json").json().getAsJsonObject("unreadablePendingUploads").size());
        assertExit(OK, airgap("jobs"));
        assertExit(OK, airgap("run", "job-robot"));
    }

    // ---- jobs and run

    @Test
    void jobsListsStateLastRunAndBothResults() throws Exception {
        logInOffline();
        Result fresh = airgap("jobs");
        assertExit(OK, fresh);
        List<String> lines = fresh.out().lines().toList();
        assertEquals(3, lines.size(), fresh.out());
        assertTrue(lines.get(0).matches("ID +NAME +COMPONENT +DEVICE TYPE +STATE +LAST RUN +"
                + "Server version \u2194 Backup +Prev\\. backup \u2194 Backup"), lines.get(0));
        assertTrue(lines.get(1).matches("job-hmi +Backup hmi +Line hmi +directory +never run +- +- +-"), lines.get(1));

        assertExit(OK, airgap("run", "job-hmi"));
        Result ran = airgap("jobs");
        assertTrue(ran.out().lines().anyMatch(line -> line.matches("job-hmi +Backup hmi +Line hmi +directory +"
                + "succeeded \\(upload pending\\) +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +"
                + "Not available +Not available")),
                ran.out());

        Result json = airgap("--json", "jobs");
        assertExit(OK, json);
        JsonObject document = json.json();
        assertEquals(workspace.toString(), document.get("workspace").getAsString());
        assertFalse(document.get("serverChecked").getAsBoolean(), "offline: the server is not asked");
        JsonArray jobs = document.getAsJsonArray("jobs");
        assertEquals(2, jobs.size());
        JsonObject job = jobs.get(0).getAsJsonObject();
        assertEquals("job-hmi", job.get("id").getAsString());
        assertEquals("Line hmi", job.get("component").getAsString());
        assertEquals("directory", job.get("deviceType").getAsString());
        assertEquals("SUCCEEDED", job.get("state").getAsString());
        assertTrue(job.get("synced").getAsBoolean());
        assertTrue(job.get("uploadPending").getAsBoolean());
        assertNotNull(job.get("lastRun").getAsString());
        assertEquals("NOT_AVAILABLE", job.get("serverVersionResult").getAsString());
        assertEquals("NOT_AVAILABLE", job.get("previousBackupResult").getAsString());
        JsonObject neverRun = jobs.get(1).getAsJsonObject();
        assertEquals("NEVER_RUN", neverRun.get("state").getAsString());
        assertFalse(neverRun.has("lastRun"));
    }

    @Test
    void jobsWarnsOfABackupOlderThanTheJobAllowsAsTheJobsViewDoes() throws Exception {
        JobOptions monthly = new JobOptions(1, Duration.ZERO, Duration.ofDays(30), false, List.of(), List.of(),
                List.of());
        try (Workspace opened = Workspace.open(workspace)) {
            SyncedData synced = opened.synced();
            opened.replaceSynced(new SyncedData(synced.folders(), synced.components(), synced.jobs().stream()
                    .map(job -> new Job(job.id(), job.componentId(), job.name(), job.parameters(), monthly)).toList(),
                    List.of()), USER);
        }
        logInOffline();
        String warning = "No backup of this device yet; the job asks for one at least every 30 days. Run it.";
        Result fresh = airgap("jobs");
        assertExit(OK, fresh);
        assertTrue(fresh.out().contains("\n\u26a0 job-hmi: " + warning + "\n\u26a0 job-robot: " + warning + "\n"),
                fresh.out());
        assertEquals(warning, airgap("--json", "jobs").json().getAsJsonArray("jobs").get(0).getAsJsonObject()
                .get("ageWarning").getAsString());

        assertExit(OK, airgap("run", "job-hmi"));
        Result ran = airgap("jobs");
        assertFalse(ran.out().contains("job-hmi: No backup"), ran.out());
        assertTrue(ran.out().contains("\u26a0 job-robot: " + warning), ran.out());
        assertFalse(airgap("--json", "jobs").json().getAsJsonArray("jobs").get(0).getAsJsonObject().has("ageWarning"));
    }

    @Test
    void jobsShowsGentleModeAndARunSaysSo() throws Exception {
        JobOptions gentle = JobOptions.defaults().withGentleMode(Duration.ofMillis(20), 1L << 20);
        try (Workspace opened = Workspace.open(workspace)) {
            SyncedData synced = opened.synced();
            opened.replaceSynced(new SyncedData(synced.folders(), synced.components(), synced.jobs().stream()
                    .map(job -> job.id().equals("job-robot") ? new Job(job.id(), job.componentId(), job.name(),
                            job.parameters(), gentle) : job).toList(), List.of()), USER);
        }
        logInOffline();
        Result jobs = airgap("jobs");
        assertExit(OK, jobs);
        assertTrue(jobs.out().contains("\nGentle mode for job-robot: at least 20 ms between requests, at most 1 MiB/s\n"),
                jobs.out());
        assertFalse(jobs.out().contains("Gentle mode for job-hmi"), jobs.out());
        JsonArray listed = airgap("--json", "jobs").json().getAsJsonArray("jobs");
        for (int i = 0; i < listed.size(); i++) {
            JsonObject job = listed.get(i).getAsJsonObject();
            assertEquals(job.get("id").getAsString().equals("job-robot"), job.has("gentleMode"), job.toString());
        }
        Result ran = airgap("run", "job-robot");
        assertExit(OK, ran);
        assertTrue(ran.err().contains("Gentle mode for a fragile device: at least 20 ms between requests, at most 1 MiB/s."),
                ran.err());
    }

    @Test
    void runOneJobThenAllWithProgressOnStderrAndResultsOnStdout() throws Exception {
        logInOffline();
        Result one = airgap("run", "job-hmi");
        assertExit(OK, one);
        assertTrue(one.out().startsWith("job-hmi (Backup hmi): SUCCEEDED in "), one.out());
        assertTrue(one.out().contains("  Server version \u2194 Backup: Not available\n"), one.out());
        assertTrue(one.out().contains("  Prev. backup \u2194 Backup:   Not available\n"), one.out());
        assertTrue(one.err().contains("job-hmi: running Backup hmi"), one.err());
        assertTrue(one.err().contains("job-hmi: Backing up Line hmi with directory"), one.err());

        Files.writeString(robot.resolve("main.mod"), "MODULE main\n  MoveJ p10;\nENDMODULE\n");
        Result all = airgap("run", "--all", "--json");
        assertExit(OK, all);
        assertFalse(all.out().contains("running"), "stdout is only the JSON: " + all.out());
        JsonObject document = all.json();
        assertEquals(0, document.get("failed").getAsInt());
        JsonArray runs = document.getAsJsonArray("runs");
        assertEquals(2, runs.size());
        JsonObject hmiRun = runs.get(0).getAsJsonObject();
        assertEquals("job-hmi", hmiRun.get("jobId").getAsString());
        assertEquals("SUCCEEDED", hmiRun.get("outcome").getAsString());
        assertEquals("EQUAL", hmiRun.get("previousBackupResult").getAsString(), "unchanged since the first run");
        assertEquals("NOT_AVAILABLE", hmiRun.get("serverVersionResult").getAsString());
        assertEquals("job-robot", runs.get(1).getAsJsonObject().get("jobId").getAsString());
        assertEquals("NOT_AVAILABLE", runs.get(1).getAsJsonObject().get("previousBackupResult").getAsString());

        Files.writeString(hmi.resolve("project.cfg"), "speed=1500\n");
        Result changed = airgap("run", "job-hmi");
        assertTrue(changed.out().contains("  Prev. backup \u2194 Backup:   Different\n"), changed.out());
    }

    @Test
    void aFailedRunExitsWithOneAndShowsWhy() throws Exception {
        Path missing = temp.resolve("unplugged");
        sync(Map.of("job-hmi", hmi, "job-gone", missing));
        logInOffline();
        Result result = airgap("run", "--all");
        assertExit(FAILED, result);
        assertTrue(result.out().contains("job-gone (Backup gone): FAILED"), result.out());
        assertTrue(result.out().contains("  ERROR: ") && result.out().contains(missing.toString()), result.out());
        assertTrue(result.out().contains("  Prev. backup \u2194 Backup:   Error"), result.out());
        assertTrue(result.out().contains("job-hmi (Backup hmi): SUCCEEDED"), "the other job still runs: "
                + result.out());
        assertTrue(result.err().contains("airgap: 1 of 2 runs did not succeed"), result.err());
    }

    @Test
    void anUnknownJobIsAUsageErrorNamingItAndNothingRuns() throws Exception {
        logInOffline();
        Result result = airgap("run", "job-hmi", "job-nope");
        assertExit(USAGE, result);
        assertTrue(result.err().startsWith("airgap: unknown job job-nope: not in workspace " + workspace),
                result.err());
        assertTrue(result.err().contains("airgap sync"), result.err());
        assertEquals("", result.out());
        assertTrue(airgap("--json", "jobs").json().getAsJsonArray("jobs").get(0).getAsJsonObject().get("state")
                .getAsString().equals("NEVER_RUN"), "job-hmi did not run either");
        assertExit(USAGE, airgap("run"));
        assertExit(USAGE, airgap("run", "--all", "job-hmi"));
    }

    @Test
    void aRunCutOffByACrashIsShownAsFailedWithANote() throws Exception {
        String runId;
        try (Workspace crashed = Workspace.open(workspace)) {
            runId = crashed.startRun("job-hmi", USER).id(); // the process "dies" here, the run never finishes
        }
        logInOffline();
        Result jobs = airgap("jobs");
        assertExit(OK, jobs);
        assertTrue(jobs.err().contains("airgap: note: Run " + runId + " of job job-hmi was interrupted and is marked "
                + "failed."), jobs.err());
        assertTrue(jobs.out().lines().anyMatch(line -> line.matches(
                "job-hmi +Backup hmi +Line hmi +directory +failed .*")), jobs.out());
    }

    // ---- verify

    @Test
    void verifyCountsBackupsPrunedAfterUploadAndNamesARunWhoseSnapshotIsMissingOtherwise() throws Exception {
        logInOffline();
        assertExit(OK, airgap("run", "job-hmi"));
        Files.writeString(hmi.resolve("project.cfg"), "speed=1500\n");
        assertExit(OK, airgap("run", "job-hmi"));
        String pruned;
        String latest;
        AirgapProcesses.end(); // the workspace is this test's until the next command
        try (Workspace opened = Workspace.open(workspace)) {
            opened.unlock(WorkspaceKeys.of(workspace).unlock(USER, PASSWORD.toCharArray())); // encrypted since the login
            for (Run run : opened.pendingUploads()) {
                opened.uploaded(run.id(), USER);
            }
            pruned = opened.runs().get(1).snapshotId();
            latest = opened.runs().get(0).snapshotId();
            assertEquals(List.of(pruned), opened.pruneUploadedSnapshots(USER, null).snapshotsRemoved());
        }

        Result ok = airgap("verify");
        assertExit(OK, ok);
        assertTrue(ok.out().contains("Store: 1 manifests, 1 blobs, all intact"), ok.out());
        assertTrue(ok.out().contains("Runs: 1 backups pruned from this laptop after their upload"), ok.out());
        JsonObject document = airgap("verify", "--json").json();
        assertTrue(document.get("ok").getAsBoolean());
        assertEquals(1, document.get("prunedSnapshots").getAsInt());

        Files.delete(workspace.resolve("store").resolve("manifests").resolve(storedName(latest) + ".sealed"));
        Result missing = airgap("verify");
        assertExit(FAILED, missing);
        assertTrue(missing.err().contains("names snapshot " + latest + ", which is not in the store and was not "
                + "pruned after upload"), missing.err());
    }

    @Test
    void verifyPassesOnAnIntactWorkspaceAndNamesACorruptBlob() throws Exception {
        logInOffline();
        assertExit(OK, airgap("run", "job-hmi"));
        Result ok = airgap("verify");
        assertExit(OK, ok);
        assertTrue(ok.out().contains("Store: 1 manifests, 1 blobs, all intact"), ok.out());
        assertTrue(ok.out().contains("chain intact"), ok.out());
        assertTrue(airgap("verify", "--json").json().get("ok").getAsBoolean());

        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest("speed=1450\n".getBytes(StandardCharsets.UTF_8)));
        // The encrypted workspace names a blob by an HMAC of its SHA-256, never by the hash itself.
        String name = storedName(sha256);
        Path blob;
        try (Stream<Path> files = Files.walk(workspace.resolve("store"))) {
            assertFalse(files.anyMatch(file -> file.getFileName().toString().equals(sha256)));
        }
        try (Stream<Path> files = Files.walk(workspace.resolve("store"))) {
            blob = files.filter(file -> file.getFileName().toString().equals(name)).findFirst().orElseThrow();
        }
        Files.writeString(blob, "speed=9999\n");
        Result corrupt = airgap("verify");
        assertExit(FAILED, corrupt);
        assertTrue(corrupt.out().contains("corrupt blob " + blob), corrupt.out());
        assertTrue(corrupt.err().contains("airgap: verify found 1 problem in " + workspace), corrupt.err());
        assertTrue(corrupt.err().contains(name), corrupt.err());

        Result json = airgap("verify", "--json");
        assertExit(FAILED, json);
        JsonObject document = json.json();
        assertFalse(document.get("ok").getAsBoolean());
        assertTrue(document.getAsJsonArray("problems").get(0).getAsString().contains(name), json.out());
        assertTrue(document.getAsJsonObject("audit").get("problem") == null, "the audit chain is intact");
    }

    @Test
    void theWorkspaceOptionSelectsTheRepositoryAndIsRestoredAfterTheCommand() throws Exception {
        logInOffline();
        Result status = airgap("status", "--json");
        assertEquals(workspace.toString(), status.json().get("workspace").getAsString());
        assertEquals(null, System.getProperty(JobRepository.WORKSPACE_PROPERTY));
        assertTrue(Files.isDirectory(workspace.resolve("session")), "the session lives in the chosen workspace");
    }
}
