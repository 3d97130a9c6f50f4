package org.airgap.session.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.airgap.model.CompareResult;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.model.Run;
import org.airgap.model.RunMessage;
import org.airgap.model.RunOutcome;
import org.airgap.store.Snapshot;
import org.airgap.store.SnapshotWriter;
import org.airgap.testing.ChildJvm;
import org.airgap.workspace.SyncedData;
import org.airgap.workspace.Workspace;

/**
 * The victim of {@link SealingCrashTest}, a plain JVM (no OSGi) killed at random instants. Mode {@code plain}
 * is the previous version at work: it writes a workspace without encryption (syncs, runs with snapshots,
 * uploads) until it is killed, printing {@link #FINISHED} after each run and {@link #LARGE} before it writes a large
 * file. Mode {@code login} is the first
 * login after the upgrade, as {@code airgap login} runs it offline: it opens the workspace, prints
 * {@link #READY}, logs in with the offline verifier (which creates the data key or unwraps it from the key
 * slot, and seals what is plain), then prints {@link #DONE} and ends.
 */
public final class SealingCrashChild {

    static final String USER = "tech1";
    static final String PASSWORD = "Plant-2026!";
    /** In every file a device sends, every component's parameters and every run's log: never in a sealed workspace. */
    static final String MARKER = "PLAIN-DEVICE-DATA-7f3c";
    static final String READY = "ready";
    static final String FINISHED = "finished ";
    static final String DONE = "done";
    static final String LARGE = "writing a large file";

    private SealingCrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path location = Path.of(args[0]);
        ChildJvm.endWithParent(System.in);
        try (Workspace workspace = Workspace.open(location)) {
            if (args[1].equals("login")) {
                try (LocalSessionService sessions = new LocalSessionService(workspace, Clock.systemUTC(),
                        Verifiers.ITERATIONS)) {
                    say(READY);
                    sessions.loginOffline(USER, PASSWORD.toCharArray());
                }
                say(DONE);
            } else {
                writePlain(workspace, new Random(Long.parseLong(args[2])));
            }
        }
    }

    private static void writePlain(Workspace workspace, Random random) throws IOException {
        if (workspace.synced().jobs().isEmpty()) {
            workspace.replaceSynced(plant(), USER);
        }
        say(READY);
        for (int run = 0;; run++) {
            Run started = workspace.startRun(random.nextBoolean() ? "job-plc-7" : "job-hmi-2", USER);
            Snapshot snapshot = backup(workspace, random, run % 4 == 3);
            workspace.finishRun(new Run(started.id(), started.jobId(), started.start(), Instant.now(), 1,
                    RunOutcome.SUCCEEDED, null, snapshot.id(), CompareResult.NOT_AVAILABLE, CompareResult.NOT_AVAILABLE,
                    List.of(new RunMessage(Instant.now(), RunMessage.Level.INFO, "read " + MARKER))), USER);
            say(FINISHED + started.id());
            if (random.nextInt(3) == 0) {
                workspace.uploaded(workspace.pendingUploads().get(0).id(), USER);
            }
            if (random.nextInt(8) == 0) {
                workspace.replaceSynced(plant(), USER);
            }
        }
    }

    /**
     * 1 to 4 files of up to 96 KiB (one or two sealed chunks), the first of 1.2 MB when {@code large}, which the
     * store streams through a temporary file (announced by {@link #LARGE}). Small: the sealing's duration, which
     * every kill of the test waits for in part, grows with the bytes, its steps with the files.
     */
    private static Snapshot backup(Workspace workspace, Random random, boolean large) throws IOException {
        Instant modified = Instant.parse("2026-11-01T08:00:00Z");
        try (SnapshotWriter writer = workspace.store().newSnapshot()) {
            writer.directory("program", modified);
            int files = 1 + random.nextInt(4);
            for (int i = 0; i < files; i++) {
                byte[] content = new byte[large && i == 0 ? 1_200_000 : random.nextInt(96 * 1024)];
                random.nextBytes(content);
                if (large && i == 0) {
                    say(LARGE);
                }
                try (OutputStream out = writer.file("program/block-" + i + ".bin", modified)) {
                    out.write(MARKER.getBytes(StandardCharsets.UTF_8));
                    out.write(content);
                }
            }
            return writer.commit();
        }
    }

    static SyncedData plant() {
        JobOptions options = new JobOptions(3, Duration.ofSeconds(5), Duration.ofDays(30), true, List.of("**"),
                List.of(), List.of());
        return new SyncedData(List.of(new Folder("hall-1", "Hall 1", null)),
                List.of(new Component("plc-7", "Press line PLC", "hall-1", "modbus-tcp",
                        Map.of("host", "10.0.0.7", "password", MARKER)),
                        new Component("hmi-2", "Press line HMI", "hall-1", "ftp", Map.of("host", "10.0.0.8"))),
                List.of(new Job("job-plc-7", "plc-7", "PLC registers", Map.of("unit", "1"), options),
                        new Job("job-hmi-2", "hmi-2", "HMI project", Map.of("path", "/project"), options)),
                List.of());
    }

    private static void say(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
