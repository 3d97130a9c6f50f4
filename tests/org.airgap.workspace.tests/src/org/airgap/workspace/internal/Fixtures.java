package org.airgap.workspace.internal;

import java.io.IOException;
import java.io.OutputStream;
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
import org.airgap.model.RunOutcome;
import org.airgap.store.Snapshot;
import org.airgap.store.SnapshotWriter;
import org.airgap.testing.SystemProperty;
import org.airgap.workspace.JobRepository;
import org.airgap.workspace.SyncedData;
import org.airgap.workspace.WorkspaceKeys;

/** A small plant: one folder, two devices, a job each; and a backup that writes real files. */
final class Fixtures {

    static final String USER = "tech1";

    private Fixtures() {
    }

    /** Key slots with the fewest PBKDF2 iterations a slot may have, for the tests' speed (a JUnit extension). */
    static SystemProperty fewKeySlotIterations() {
        return new SystemProperty("airgap.keyslot.iterations", String.valueOf(WorkspaceKeys.MIN_ITERATIONS));
    }

    static SyncedData plant() {
        Folder hall = new Folder("hall-1", "Hall 1", null);
        Component plc = new Component("plc-7", "Press line PLC", "hall-1", "modbus-tcp", Map.of("host", "10.0.0.7"));
        Component hmi = new Component("hmi-2", "Press line HMI", "hall-1", "ftp", Map.of("host", "10.0.0.8"));
        JobOptions options = new JobOptions(3, Duration.ofSeconds(5), Duration.ofDays(30), true, List.of("**"),
                List.of(), List.of());
        return new SyncedData(List.of(hall), List.of(plc, hmi),
                List.of(new Job("job-plc-7", "plc-7", "PLC registers", Map.of("unit", "1"), options),
                        new Job("job-hmi-2", "hmi-2", "HMI project", Map.of("path", "/project"), options)),
                List.of());
    }

    /** Writes {@code files} files of pseudo-random content (seeded) into a new snapshot of the repository. */
    static Snapshot backup(JobRepository repository, Random random, int files) throws IOException {
        return backup(repository, random, files, 64 * 1024);
    }

    /** The same with files of 1 to {@code largestFile} bytes. */
    static Snapshot backup(JobRepository repository, Random random, int files, int largestFile) throws IOException {
        try (SnapshotWriter writer = repository.store().newSnapshot()) {
            writer.directory("config", Instant.parse("2026-11-01T08:00:00Z"));
            for (int i = 0; i < files; i++) {
                try (OutputStream out = writer.file("config/part-" + i + ".bin", Instant.parse("2026-11-01T08:00:00Z"))) {
                    byte[] chunk = new byte[1 + random.nextInt(largestFile)];
                    random.nextBytes(chunk);
                    out.write(chunk);
                }
            }
            return writer.commit();
        }
    }

    /** Ends a running run as a success with its snapshot. */
    static Run succeeded(Run running, String snapshotId, Instant end) {
        return new Run(running.id(), running.jobId(), running.start(), end, 1, RunOutcome.SUCCEEDED, null, snapshotId,
                CompareResult.NOT_AVAILABLE, CompareResult.NOT_AVAILABLE, running.messages());
    }
}
