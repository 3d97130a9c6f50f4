package org.airgap.client.admin.tests;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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

/**
 * The real server in this test runtime with a small plant an administrator looks after: Plant Nord with
 * Line 1 (press and robot) and Line 2 (filler, and a spare drive without a job); the technician {@value #TECH}
 * uploaded two runs of the press (the second different from the first) and a failed run of the robot; the
 * filler never ran. {@value #ADMIN} is the administrator.
 */
final class AdminTestServer implements AutoCloseable {

    static final String ADMIN = "ada";
    static final String TECH = "tom";
    static final String PASSWORD = "correct horse battery staple";
    static final Instant START = Instant.parse("2026-12-01T08:00:00Z");

    private final ServerFixture server;

    private AdminTestServer(ServerFixture server) {
        this.server = server;
    }

    static AdminTestServer start(Path data) throws Exception {
        ServerFixture server = ServerFixture.start("airgap-admin-client-test", ServerFixture.ALL_AIRGAP_BUNDLES, data,
                Duration.ofHours(1), Duration.ofHours(8));
        server.addUser(ADMIN, Role.ADMIN, PASSWORD);
        server.addUser(TECH, Role.TECHNICIAN, PASSWORD);
        JobOptions options = new JobOptions(1, Duration.ZERO, Duration.ofDays(30), true, List.of(), List.of(),
                List.of());
        server.define(new AdminImport(
                List.of(new Folder("plant", "Plant Nord", null), new Folder("line-1", "Line 1", "plant"),
                        new Folder("line-2", "Line 2", "plant")),
                List.of(new Component("press", "Press PLC", "line-1", "directory", Map.of()),
                        new Component("robot", "Robot 1", "line-1", "directory", Map.of()),
                        new Component("filler", "Filler 1", "line-2", "directory", Map.of()),
                        new Component("spare", "Spare drive", "line-2", "directory", Map.of())),
                List.of(new Job("job-press", "press", "Back up the press", Map.of(), options),
                        new Job("job-robot", "robot", "Back up the robot", Map.of(), options),
                        new Job("job-filler", "filler", "Back up the filler", Map.of(), options)),
                List.of(new Assignment("job-press", TECH), new Assignment("job-robot", TECH),
                        new Assignment("job-filler", TECH))));
        AdminTestServer plant = new AdminTestServer(server);
        plant.commit("run-1", "job-press", 0, RunOutcome.SUCCEEDED, "program v1", CompareResult.NOT_AVAILABLE, true);
        plant.commit("run-2", "job-press", 60, RunOutcome.SUCCEEDED, "program v2", CompareResult.DIFFERENT, false);
        plant.commit("run-3", "job-robot", 90, RunOutcome.FAILED, null, CompareResult.NOT_COMPARED, false);
        return plant;
    }

    /** A run as the technician's laptop would have uploaded it, its log in two lines. */
    void commit(String runId, String jobId, int minutes, RunOutcome outcome, String program,
            CompareResult serverResult, boolean version) throws Exception {
        ServerRepository repository = server.repository();
        String snapshot = null;
        if (program != null) {
            try (SnapshotWriter writer = repository.store().newSnapshot()) {
                writer.file("main.prg", START, new ByteArrayInputStream(program.getBytes(StandardCharsets.UTF_8)));
                snapshot = writer.commit().id();
            }
        }
        Instant start = START.plus(Duration.ofMinutes(minutes));
        String last = outcome == RunOutcome.SUCCEEDED ? "attempt 2: read main.prg" : "attempt 2: connection refused";
        Run run = new Run(runId, jobId, start, start.plusSeconds(12), 2, outcome, null, snapshot, serverResult,
                serverResult, List.of(new RunMessage(start, RunMessage.Level.WARNING, "attempt 1: no answer within 2 s"),
                        new RunMessage(start.plusSeconds(8), outcome == RunOutcome.SUCCEEDED ? RunMessage.Level.INFO
                                : RunMessage.Level.ERROR, last)));
        repository.commit(run, TECH, Duration.ofSeconds(3),
                new CommitResult(runId, serverResult, serverResult, null, false), version, null);
    }

    URI uri() {
        return server.uri();
    }

    ServerFixture fixture() {
        return server;
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
