import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.airgap.model.CompareResult;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.model.ModelJson;
import org.airgap.model.Run;
import org.airgap.model.RunOutcome;
import org.airgap.store.ContentStore;
import org.airgap.store.ContentStores;
import org.airgap.store.SnapshotWriter;

/**
 * Fills a stopped server's data directory (made by airgap-server init, so its schema is there) with a
 * large plant, straight into its H2 database with batched SQL: 10 plants x 10 lines x 10 cells, 10,000
 * components (every 50th without a job), 50,000 versions, 200,000 runs, with a fixed seed. Every successful
 * run names a real snapshot in the server's content store, six small files written by {@link PlantSnapshots}
 * (a run equal to the one before names the same snapshot; versions are the snapshots of the runs they came
 * from), so that gc on this plant reads and removes real manifests and blobs. The component "bench-compare"
 * gets two real versions of 10,000 text files each, 100 of them changed, for the compare benchmark. Usage:
 * java [-Dwriters=N] PlantGenerator DATA_DIR
 */
public final class PlantGenerator {

    static final int COMPONENTS = 10_000;
    static final int VERSIONS = 50_000;
    static final int RUNS = 200_000;
    static final int NEVER_RUN = 100;
    static final int COMPARE_FILES = 10_000;
    /** Threads storing snapshots: writing a file mostly waits for its fsync, which overlap. */
    static final int WRITERS = Integer.getInteger("writers", 4);

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]).toAbsolutePath();
        long started = System.nanoTime();
        Random random = new Random(13);
        Instant now = Instant.now();
        String url = "jdbc:h2:file:" + data.resolve("db/airgap") + ";DB_CLOSE_ON_EXIT=FALSE";
        try (Connection db = DriverManager.getConnection(url, "airgap", "")) {
            db.setAutoCommit(false);
            List<String> cells = folders(db);
            List<String> jobComponents = componentsAndJobs(db, cells);
            ContentStore store = ContentStores.open(data.resolve("store"));
            int[] counts = runsAndVersions(db, store, jobComponents, random, now);
            db.commit();
            List<String> manifests = store.snapshotIds();
            System.out.printf("database rows and snapshots written in %.1f s: %d manifests, %d blobs; %d snapshots"
                    + " read back through the store%n", (System.nanoTime() - started) / 1e9, manifests.size(),
                    store.blobIds().size(), PlantSnapshots.check(store, manifests, 1000));
            compareVersions(db, store, now);
            db.commit();
            System.out.printf("generated %d folders, %d components, %d jobs, %d versions, %d runs in %.1f s%n",
                    cells.size() + 110, COMPONENTS + 1, jobComponents.size() + 1, counts[0] + 2, counts[1] + 2,
                    (System.nanoTime() - started) / 1e9);
        }
    }

    /** 10 plants, 10 lines each, 10 cells each; returns the cells. */
    private static List<String> folders(Connection db) throws Exception {
        List<String> cells = new ArrayList<>();
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO folders (id, parent_id, json) VALUES (?, ?, ?)")) {
            for (int p = 0; p < 10; p++) {
                folder(insert, "plant-" + p, "Plant " + p, null);
                for (int l = 0; l < 10; l++) {
                    String line = "plant-" + p + "-line-" + l;
                    folder(insert, line, "Line " + l, "plant-" + p);
                    for (int c = 0; c < 10; c++) {
                        String cell = line + "-cell-" + c;
                        folder(insert, cell, "Cell " + c, line);
                        cells.add(cell);
                    }
                }
            }
            insert.executeBatch();
        }
        return cells;
    }

    private static void folder(PreparedStatement insert, String id, String name, String parent) throws Exception {
        insert.setString(1, id);
        insert.setString(2, parent);
        insert.setString(3, ModelJson.write(new Folder(id, name, parent)));
        insert.addBatch();
    }

    /** Ten components per cell, one job each except every 50th; returns the components with a job. */
    private static List<String> componentsAndJobs(Connection db, List<String> cells) throws Exception {
        List<String> withJob = new ArrayList<>();
        JobOptions plain = new JobOptions(1, Duration.ZERO, null, true, List.of(), List.of(), List.of());
        JobOptions warned = new JobOptions(2, Duration.ofSeconds(10), Duration.ofDays(30), true, List.of(), List.of(),
                List.of());
        try (PreparedStatement component = db.prepareStatement("INSERT INTO components (id, folder_id, json) VALUES (?, ?, ?)");
                PreparedStatement job = db.prepareStatement("INSERT INTO jobs (id, component_id, json) VALUES (?, ?, ?)")) {
            for (int i = 0; i < COMPONENTS; i++) {
                String id = String.format("plc-%05d", i);
                String folder = cells.get(i / 10);
                component.setString(1, id);
                component.setString(2, folder);
                component.setString(3, ModelJson.write(new Component(id, "PLC " + i, folder, "modbus-tcp",
                        Map.of("host", "10." + i / 65536 % 256 + "." + i / 256 % 256 + "." + i % 256, "port", "502"))));
                component.addBatch();
                if (i % 50 != 49) {
                    job.setString(1, "job-" + id);
                    job.setString(2, id);
                    job.setString(3, ModelJson.write(new Job("job-" + id, id, "Registers of PLC " + i,
                            Map.of("unit", "1", "registers", "40001-40200"), i % 3 == 0 ? warned : plain)));
                    job.addBatch();
                    withJob.add(id);
                }
            }
            component.executeBatch();
            job.executeBatch();
        }
        return withJob;
    }

    /**
     * One job's runs as the seed plans them, and the content generation each successful run found (-1 for a
     * run without snapshot): a run equal to the one before found the same files; the runs that made versions
     * and the others found new ones, first seen at {@code generationTimes[g]}.
     */
    private record History(String component, String user, Instant[] starts, RunOutcome[] outcomes,
            CompareResult[] results, int[] versionNumbers, int[] generations, Instant[] generationTimes) {
    }

    /**
     * The runs of the {@code j}th of {@code running} jobs, about every 14 days backwards from a random recent
     * day; the runs before the newest made the versions.
     */
    private static History plan(String component, int j, int running, Random random, Instant now) {
        int runCount = RUNS / running + (j < RUNS % running ? 1 : 0);
        int versionCount = VERSIONS / running + (j < VERSIONS % running ? 1 : 0);
        Instant last = now.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 60)));
        String user = "tech" + random.nextInt(40);
        Instant[] starts = new Instant[runCount];
        RunOutcome[] outcomes = new RunOutcome[runCount];
        CompareResult[] results = new CompareResult[runCount];
        int[] versionNumbers = new int[runCount];
        int[] generations = new int[runCount];
        List<Instant> generationTimes = new ArrayList<>();
        for (int r = 0; r < runCount; r++) {
            starts[r] = last.minus(Duration.ofDays(14L * (runCount - 1 - r)));
            boolean newest = r == runCount - 1;
            int roll = random.nextInt(100);
            outcomes[r] = newest && roll < 3 ? RunOutcome.FAILED
                    : newest && roll < 4 ? RunOutcome.CANCELLED : RunOutcome.SUCCEEDED;
            results[r] = outcomes[r] != RunOutcome.SUCCEEDED ? CompareResult.NOT_COMPARED
                    : r == 0 ? CompareResult.NOT_AVAILABLE
                    : roll < 80 ? CompareResult.EQUAL : roll < 98 ? CompareResult.DIFFERENT : CompareResult.ERROR;
            // The runs before the newest made the versions; the newest (which may fail) compares with them.
            int versionNumber = r - (runCount - 1 - versionCount) + 1;
            versionNumbers[r] = versionNumber >= 1 && !newest ? versionNumber : 0;
            if (versionNumbers[r] > 0 && results[r] == CompareResult.EQUAL) {
                results[r] = CompareResult.DIFFERENT; // a checked-in version differs from the run before it
            }
            if (outcomes[r] != RunOutcome.SUCCEEDED) {
                generations[r] = -1;
            } else if (results[r] == CompareResult.EQUAL) {
                generations[r] = generationTimes.size() - 1;
            } else {
                generations[r] = generationTimes.size();
                generationTimes.add(starts[r]);
            }
        }
        return new History(component, user, starts, outcomes, results, versionNumbers, generations,
                generationTimes.toArray(Instant[]::new));
    }

    /**
     * The runs and versions of every job (none for the first {@link #NEVER_RUN}) with their snapshots, which
     * {@link #WRITERS} threads store while this one inserts the rows; returns {versions, runs}.
     */
    private static int[] runsAndVersions(Connection db, ContentStore store, List<String> components, Random random,
            Instant now) throws Exception {
        int running = components.size() - NEVER_RUN;
        List<History> histories = new ArrayList<>(running);
        for (int j = 0; j < running; j++) {
            histories.add(plan(components.get(NEVER_RUN + j), j, running, random, now));
        }
        PlantSnapshots snapshots = new PlantSnapshots(store);
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        List<Future<String[]>> written = new ArrayList<>(running);
        for (History history : histories) {
            int index = Integer.parseInt(history.component().substring("plc-".length()));
            written.add(writers.submit(() -> snapshots.write(index, history.generationTimes())));
        }
        int versions = 0;
        int runs = 0;
        try (PreparedStatement run = db.prepareStatement("INSERT INTO runs (id, job_id, component_id, user_name,"
                + " run_start, run_json, committed, server_version_result, previous_backup_result, snapshot_id,"
                + " version_number, version_created, outcome, backup_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement version = db.prepareStatement("INSERT INTO versions (component_id, number, time,"
                        + " user_name, comment, snapshot_id, run_id) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (int j = 0; j < running; j++) {
                History history = histories.get(j);
                String[] snapshotIds = written.get(j).get();
                String component = history.component();
                String job = "job-" + component;
                for (int r = 0; r < history.starts().length; r++) {
                    Instant start = history.starts()[r];
                    RunOutcome outcome = history.outcomes()[r];
                    CompareResult result = history.results()[r];
                    String snapshot = history.generations()[r] < 0 ? null : snapshotIds[history.generations()[r]];
                    int versionNumber = history.versionNumbers()[r];
                    boolean makesVersion = versionNumber > 0;
                    String id = "run-" + component + "-" + r;
                    run.setString(1, id);
                    run.setString(2, job);
                    run.setString(3, component);
                    run.setString(4, history.user());
                    run.setObject(5, start.atOffset(ZoneOffset.UTC));
                    run.setString(6, ModelJson.write(new Run(id, job, start, start.plusSeconds(40), 1, outcome, null,
                            snapshot, result, result, List.of())));
                    run.setObject(7, start.plusSeconds(3600).atOffset(ZoneOffset.UTC));
                    run.setString(8, result.name());
                    run.setString(9, result.name());
                    run.setString(10, snapshot);
                    run.setObject(11, makesVersion ? versionNumber : null);
                    run.setBoolean(12, makesVersion);
                    run.setString(13, outcome.name()); // the run list's columns, as a commit writes them
                    run.setObject(14, start.atOffset(ZoneOffset.UTC));
                    run.addBatch();
                    runs++;
                    if (makesVersion) {
                        version.setString(1, component);
                        version.setInt(2, versionNumber);
                        version.setObject(3, start.plusSeconds(3600).atOffset(ZoneOffset.UTC));
                        version.setString(4, history.user());
                        version.setString(5, "");
                        version.setString(6, snapshot);
                        version.setString(7, id);
                        version.addBatch();
                        versions++;
                    }
                }
                if (j % 500 == 499) {
                    run.executeBatch();
                    version.executeBatch();
                    db.commit();
                }
            }
            run.executeBatch();
            version.executeBatch();
        } finally {
            writers.shutdownNow();
        }
        return new int[] { versions, runs };
    }

    /** "bench-compare": versions 1 and 2, each 10,000 files of 40 lines; 100 files differ in one line. */
    private static void compareVersions(Connection db, ContentStore store, Instant now) throws Exception {
        JobOptions options = new JobOptions(1, Duration.ZERO, null, true, List.of(), List.of(), List.of());
        try (PreparedStatement component = db.prepareStatement("INSERT INTO components (id, folder_id, json) VALUES (?, ?, ?)");
                PreparedStatement job = db.prepareStatement("INSERT INTO jobs (id, component_id, json) VALUES (?, ?, ?)")) {
            component.setString(1, "bench-compare");
            component.setString(2, "plant-0-line-0-cell-0");
            component.setString(3, ModelJson.write(new Component("bench-compare", "Compare benchmark", "plant-0-line-0-cell-0",
                    "directory", Map.of())));
            component.executeUpdate();
            job.setString(1, "job-bench-compare");
            job.setString(2, "bench-compare");
            job.setString(3, ModelJson.write(new Job("job-bench-compare", "bench-compare", "Compare benchmark", Map.of(),
                    options)));
            job.executeUpdate();
        }
        for (int number = 1; number <= 2; number++) {
            String snapshot;
            try (SnapshotWriter writer = store.newSnapshot()) {
                for (int f = 0; f < COMPARE_FILES; f++) {
                    StringBuilder text = new StringBuilder();
                    for (int line = 0; line < 40; line++) {
                        boolean changed = number == 2 && f % 100 == 0 && line == 20;
                        text.append("param_").append(line).append(" = ").append(changed ? "changed" : f * 40 + line)
                                .append('\n');
                    }
                    writer.file(String.format("program/unit-%02d/file-%05d.cfg", f / 1000, f), now,
                            new ByteArrayInputStream(text.toString().getBytes(StandardCharsets.UTF_8)));
                }
                snapshot = writer.commit().id();
            }
            String runId = "run-bench-compare-" + number;
            Instant start = now.minus(Duration.ofDays(3 - number));
            try (PreparedStatement run = db.prepareStatement("INSERT INTO runs (id, job_id, component_id, user_name,"
                    + " run_start, run_json, committed, server_version_result, previous_backup_result, snapshot_id,"
                    + " version_number, version_created, outcome, backup_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                    + " TRUE, 'SUCCEEDED', ?)");
                    PreparedStatement version = db.prepareStatement("INSERT INTO versions (component_id, number, time,"
                            + " user_name, comment, snapshot_id, run_id) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                CompareResult result = number == 1 ? CompareResult.NOT_AVAILABLE : CompareResult.DIFFERENT;
                run.setString(1, runId);
                run.setString(2, "job-bench-compare");
                run.setString(3, "bench-compare");
                run.setString(4, "tech1");
                run.setObject(5, start.atOffset(ZoneOffset.UTC));
                run.setString(6, ModelJson.write(new Run(runId, "job-bench-compare", start, start.plusSeconds(60), 1,
                        RunOutcome.SUCCEEDED, null, snapshot, result, result, List.of())));
                run.setObject(7, start.plusSeconds(600).atOffset(ZoneOffset.UTC));
                run.setString(8, result.name());
                run.setString(9, result.name());
                run.setString(10, snapshot);
                run.setInt(11, number);
                run.setObject(12, start.atOffset(ZoneOffset.UTC));
                run.executeUpdate();
                version.setString(1, "bench-compare");
                version.setInt(2, number);
                version.setObject(3, start.plusSeconds(600).atOffset(ZoneOffset.UTC));
                version.setString(4, "tech1");
                version.setString(5, "compare benchmark");
                version.setString(6, snapshot);
                version.setString(7, runId);
                version.executeUpdate();
            }
        }
    }
}
