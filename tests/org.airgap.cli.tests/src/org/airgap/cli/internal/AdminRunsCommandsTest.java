package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.FAILED;
import static org.airgap.cli.internal.CommandLineApplication.OK;
import static org.airgap.cli.internal.Commands.assertExit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.airgap.cli.internal.Commands.Result;
import org.airgap.model.CompareResult;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.model.Run;
import org.airgap.model.RunMessage;
import org.airgap.model.RunOutcome;
import org.airgap.protocol.AdminImport;
import org.airgap.protocol.Assignment;
import org.airgap.protocol.CommitResult;
import org.airgap.protocol.Role;
import org.airgap.server.core.ServerRepository;
import org.airgap.store.SnapshotWriter;
import org.airgap.testing.server.ServerFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.JsonArray;

/**
 * {@code airgap admin runs|checkin|versions} against the real server over HTTPS in this framework: the
 * run table and a run in full, a check-in by hand and its refusal, the version history, a comment edit and
 * an archive download, and a technician refused.
 */
class AdminRunsCommandsTest {

    private static final String PASSWORD = "correct horse battery staple";
    private static final Instant START = Instant.parse("2026-11-25T10:00:00Z");

    @TempDir
    Path temp;
    private ServerFixture server;
    private Commands commands;

    @BeforeEach
    void start() throws Exception {
        server = ServerFixture.startHttps("airgap-cli-admin-test", name -> name.startsWith("org.airgap.server"),
                temp.resolve("server"), Duration.ofHours(2), Duration.ofHours(48));
        server.addUser("alice", Role.ADMIN, PASSWORD);
        server.addUser("tech1", Role.TECHNICIAN, PASSWORD);
        JobOptions byHand = new JobOptions(1, Duration.ZERO, null, false, List.of(), List.of(), List.of());
        server.define(new AdminImport(List.of(new Folder("hall", "Hall", null)),
                List.of(new Component("press", "Press PLC", "hall", "directory", Map.of())),
                List.of(new Job("job-press", "press", "Back up the press", Map.of(), byHand)),
                List.of(new Assignment("job-press", "tech1"))));
        commit("run-1", 0, "program v1");
        commit("run-2", 10, "program v2");
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

    /** A run of the press job as tech1's laptop would have uploaded it, without a version (the job's choice). */
    private void commit(String runId, int minutes, String program) throws Exception {
        ServerRepository repository = server.repository();
        String snapshot;
        try (SnapshotWriter writer = repository.store().newSnapshot()) {
            writer.file("main.prg", START, new ByteArrayInputStream(program.getBytes(StandardCharsets.UTF_8)));
            snapshot = writer.commit().id();
        }
        Instant start = START.plus(Duration.ofMinutes(minutes));
        Run run = new Run(runId, "job-press", start, start.plusSeconds(12), 2, RunOutcome.SUCCEEDED, null, snapshot,
                CompareResult.NOT_AVAILABLE, CompareResult.NOT_AVAILABLE,
                List.of(new RunMessage(start, RunMessage.Level.WARNING, "attempt 1: no answer within 2 s"),
                        new RunMessage(start.plusSeconds(8), RunMessage.Level.INFO, "attempt 2: read main.prg")));
        repository.commit(run, "tech1", Duration.ofSeconds(3), new CommitResult(runId, CompareResult.NOT_AVAILABLE,
                CompareResult.DIFFERENT, null, false), false, null);
    }

    private void logIn(String user) {
        assertExit(OK, commands.airgapWithInput(PASSWORD + "\n", "login", "--server", server.uri().toString(),
                "--user", user, "--trust", server.fingerprint().value()));
    }

    @Test
    void anAdministratorListsRunsChecksOneInAndDownloadsTheVersion() throws Exception {
        logIn("alice");
        Result runs = commands.airgap("admin", "runs", "--component", "press");
        assertExit(OK, runs);
        List<String> lines = runs.out().lines().toList();
        assertTrue(lines.get(0).startsWith("RUN    JOB        USER   BACKUP TIME"), runs.out());
        assertTrue(lines.get(1).matches("run-2 +job-press +tech1 +\\S+ \\S+ +SUCCEEDED +2 +Not available +Different"
                + " +\\+3 s +-"), runs.out());
        assertTrue(lines.get(2).startsWith("run-1 "), runs.out());

        Result page = commands.airgap("admin", "runs", "--limit", "1");
        assertTrue(page.out().endsWith("More runs: repeat with --after run-2\n"), page.out());
        JsonArray rest = commands.airgap("--json", "admin", "runs", "--limit", "1", "--after", "run-2").json()
                .getAsJsonArray("runs");
        assertEquals("run-1", rest.get(0).getAsJsonObject().get("id").getAsString());

        Result show = commands.airgap("admin", "runs", "show", "run-1");
        assertExit(OK, show);
        assertTrue(show.out().contains("Outcome:      SUCCEEDED after 2 attempts\n"), show.out());
        assertTrue(show.out().contains("laptop's clock 3 s fast)"), show.out());
        assertTrue(show.out().contains("Version:      none\n"), show.out());
        assertTrue(show.out().contains("WARNING  attempt 1: no answer within 2 s\n"), show.out());

        Result checkin = commands.airgap("admin", "checkin", "run-2", "--comment", "after the retrofit");
        assertExit(OK, checkin);
        assertEquals("Run run-2 is version 1 of press now: after the retrofit\n", checkin.out());
        Result again = commands.airgap("admin", "checkin", "run-2", "--comment", "twice");
        assertExit(FAILED, again);
        assertTrue(again.err().contains("run run-2 is version 1 of component press already"), again.err());
        Result stale = commands.airgap("admin", "checkin", "run-1", "--comment", "older");
        assertExit(FAILED, stale);
        assertTrue(stale.err().contains("the server version is newer"), stale.err());

        assertExit(OK, commands.airgap("admin", "versions", "comment", "press", "1", "approved by quality"));
        Result versions = commands.airgap("admin", "versions", "press");
        assertExit(OK, versions);
        assertTrue(versions.out().lines().anyMatch(line -> line.matches("1 +\\S+ \\S+ +alice +run-2 +approved by"
                + " quality")), versions.out());

        Path archive = temp.resolve("press-1.tar.gz");
        Result download = commands.airgap("admin", "versions", "download", "press", "1", "-o", archive.toString());
        assertExit(OK, download);
        byte[] bytes = Files.readAllBytes(archive);
        assertArrayEquals(new byte[] { 0x1f, (byte) 0x8b }, Arrays.copyOf(bytes, 2), "a gzip archive");
        assertTrue(download.out().startsWith("Saved version 1 of press to " + archive + " (" + bytes.length),
                download.out());
        Path missing = temp.resolve("press-9.tar.gz");
        assertExit(FAILED, commands.airgap("admin", "versions", "download", "press", "9", "-o", missing.toString()));
        assertFalse(Files.exists(missing));
        try (var left = Files.list(temp)) {
            assertEquals(List.of(), left.filter(file -> file.getFileName().toString().endsWith(".part")).toList(),
                    "no partial file stays");
        }
    }

    @Test
    void badFiltersAndATechnicianAreRefused() throws Exception {
        logIn("alice");
        Result tooMany = commands.airgap("admin", "runs", "--limit", "501");
        assertExit(FAILED, tooMany);
        assertTrue(tooMany.err().contains("limit 501 is outside 1"), tooMany.err());
        Result unknown = commands.airgap("admin", "runs", "show", "run-9");
        assertExit(FAILED, unknown);
        assertTrue(unknown.err().contains("no run run-9 on the server"), unknown.err());
        // The technician logs in while the administrator's session holds the encrypted workspace's data key,
        // which gives the technician a key slot (docs/security.md); the login ends the administrator's session.
        logIn("tech1");
        Result refused = commands.airgap("admin", "runs");
        assertExit(FAILED, refused);
        assertTrue(refused.err().contains("administrators only: user tech1 is a technician"), refused.err());
        assertExit(FAILED, commands.airgap("admin", "checkin", "run-1", "--comment", "mine"));
        assertEquals(0, server.repository().versionHistory("press").size());
    }
}
