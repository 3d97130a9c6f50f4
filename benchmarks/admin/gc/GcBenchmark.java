package org.airgap.server.core.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.airgap.model.CompareResult;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.model.Run;
import org.airgap.model.RunOutcome;
import org.airgap.protocol.AdminImport;
import org.airgap.protocol.CommitResult;
import org.airgap.protocol.GcResult;
import org.airgap.protocol.RetentionPolicy;
import org.airgap.protocol.RetentionSetting;
import org.airgap.server.core.ServerSettings;
import org.airgap.server.core.UploadsInProgress;
import org.airgap.store.ContentStore;
import org.airgap.store.SnapshotWriter;

/**
 * Times gc on a store of its own (docs/benchmarks.md, "Server gc"): COMPONENTS components with VERSIONS
 * versions each, a day apart, each version a snapshot of FILES files of which one changed; a policy that
 * keeps the last KEEP versions and run snapshots for 3 days. Prints the dry run, the gc and a second gc
 * (nothing left to drop: the cost of the mark alone). Runs outside OSGi on the built classes (run.sh).
 */
public final class GcBenchmark {

    private static final int COMPONENTS = Integer.getInteger("components", 500);
    private static final int VERSIONS = Integer.getInteger("versions", 20);
    private static final int FILES = 10;
    private static final int FILE_BYTES = 4096;
    private static final int KEEP = 5;

    /** A clock the benchmark sets: commits are dated in the past, gc runs now. */
    private static final class SetClock extends Clock {
        volatile Instant now;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    public static void main(String[] args) throws Exception {
        Path data = Files.createTempDirectory("airgap-gc-bench");
        SetClock clock = new SetClock();
        Instant start = Instant.now().minus(Duration.ofDays(VERSIONS + 1));
        clock.now = start;
        H2ServerRepository repository = H2ServerRepository.open(new ServerSettings(data, "127.0.0.1", 8080,
                Duration.ofHours(2), Duration.ofHours(48), 600_000, 1L << 30), clock);
        try {
            System.out.printf("java %s, %d processors; %d components x %d versions x %d files of %d bytes in %s%n",
                    Runtime.version(), Runtime.getRuntime().availableProcessors(), COMPONENTS, VERSIONS, FILES,
                    FILE_BYTES, data);
            define(repository);
            long fill = System.nanoTime();
            ContentStore store = repository.store();
            for (int version = 1; version <= VERSIONS; version++) {
                clock.now = start.plus(Duration.ofDays(version));
                for (int c = 0; c < COMPONENTS; c++) {
                    String snapshot = snapshot(store, c, version);
                    String runId = "run-" + c + "-" + version;
                    Run run = new Run(runId, "job-" + c, clock.now, clock.now.plusSeconds(10), 1,
                            RunOutcome.SUCCEEDED, null, snapshot, CompareResult.DIFFERENT, CompareResult.DIFFERENT,
                            List.of());
                    repository.commit(run, "tech", new CommitResult(runId, CompareResult.DIFFERENT,
                            CompareResult.DIFFERENT, null, true), true, "");
                }
            }
            System.out.printf("filled in %d s: %d blobs, %d manifests, %d MiB%n", (System.nanoTime() - fill)
                    / 1_000_000_000, store.blobIds().size(), store.snapshotIds().size(), size(store.root()) >> 20);
            repository.setRetention(RetentionSetting.FOLDER, "plant", new RetentionPolicy(KEEP, null,
                    Duration.ofDays(3)), "admin");
            clock.now = Instant.now().plusSeconds(1); // after every file's time: nothing is too new for gc
            print("dry run", repository.collectGarbage("admin", true, UploadsInProgress.NONE));
            print("gc", repository.collectGarbage("admin", false, UploadsInProgress.NONE));
            print("gc again", repository.collectGarbage("admin", false, UploadsInProgress.NONE));
        } finally {
            repository.deactivate();
            delete(data);
        }
    }

    private static void define(H2ServerRepository repository) throws Exception {
        List<Component> components = new ArrayList<>();
        List<Job> jobs = new ArrayList<>();
        for (int c = 0; c < COMPONENTS; c++) {
            components.add(new Component("plc-" + c, "PLC " + c, "line", "directory", Map.of()));
            jobs.add(new Job("job-" + c, "plc-" + c, "Back up PLC " + c, Map.of(), JobOptions.defaults()));
        }
        repository.importDefinitions(new AdminImport(List.of(new Folder("plant", "Plant", null), new Folder("line",
                "Line", "plant")), components, jobs, List.of()));
    }

    /** FILES files; file 0 changes with every version, the others with the component only. */
    private static String snapshot(ContentStore store, int component, int version) throws Exception {
        try (SnapshotWriter writer = store.newSnapshot()) {
            for (int f = 0; f < FILES; f++) {
                String seed = "component " + component + " file " + f + (f == 0 ? " version " + version : "") + "\n";
                byte[] bytes = seed.repeat(FILE_BYTES / seed.length() + 1).substring(0, FILE_BYTES)
                        .getBytes(StandardCharsets.UTF_8);
                writer.file("program/file-" + f + ".txt", Instant.EPOCH, new ByteArrayInputStream(bytes));
            }
            return writer.commit().id();
        }
    }

    private static void print(String what, GcResult result) {
        System.out.printf("%-9s %6d ms: %d versions and %d run snapshots dropped, %d manifests and %d blobs removed,"
                + " %d MiB reclaimed%n", what, result.millis(), result.versionsDropped(), result.runSnapshotsDropped(),
                result.manifestsRemoved(), result.blobsRemoved(), result.bytesReclaimed() >> 20);
    }

    private static long size(Path folder) throws Exception {
        try (var files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }

    private static void delete(Path folder) throws Exception {
        try (var files = Files.walk(folder)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
        }
    }
}
