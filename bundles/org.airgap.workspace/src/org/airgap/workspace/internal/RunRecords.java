package org.airgap.workspace.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.airgap.model.ModelJson;
import org.airgap.model.Run;
import org.airgap.store.StoreException;
import org.airgap.workspace.AtomicFile;

/**
 * The run records ({@code runs/RUN-ID.json}, sealed in an encrypted workspace) and the upload queue
 * ({@code uploads/RUN-ID}: empty, or the server's refusal) of a workspace, as files (docs/formats.md). A record
 * that cannot be read is left out of the lists and named by {@link #unreadable}, so that one bad file does not
 * hide the others. The caller ({@link LocalWorkspace}) orders the writes and audits them.
 */
final class RunRecords {

    private static final Logger LOG = Logger.getLogger(RunRecords.class.getName());
    /** The unreadable-run warnings logged so far (the reason names the run and its folder). */
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private final Path runs;
    private final Path uploads;
    private final SealedJsonFiles json;

    RunRecords(Path location, SealedJsonFiles json) {
        this.runs = location.resolve("runs");
        this.uploads = location.resolve("uploads");
        this.json = json;
    }

    void write(Run run) throws IOException {
        json.write(file(run.id()), ModelJson.write(run));
    }

    Path file(String runId) {
        if (!isRunId(runId)) {
            throw new IllegalArgumentException("not a run id: '" + runId + "'");
        }
        return runs.resolve(runId + ".json");
    }

    /** Whether {@code name} can be a run id (the names Airgap gives; anything else was put there from outside). */
    static boolean isRunId(String name) {
        return name.matches("[A-Za-z0-9_.-]+");
    }

    Optional<Run> read(String runId) throws IOException {
        Path file = file(runId);
        return Files.exists(file) ? Optional.of(json.read(Run.class, file)) : Optional.empty();
    }

    /** The readable runs, newest first. */
    List<Run> all() throws IOException {
        List<Run> all = new ArrayList<>();
        for (Path file : files()) {
            if (isRunId(runId(file))) {
                read(file, RunRecords::warn).ifPresent(all::add);
            }
        }
        all.sort(Comparator.comparing(Run::start).thenComparing(Run::id).reversed());
        return all;
    }

    /** The readable runs waiting for upload, oldest first. */
    List<Run> queued() throws IOException {
        List<Run> queued = new ArrayList<>();
        try (Stream<Path> markers = Files.list(uploads)) {
            for (Path marker : markers.filter(m -> !AtomicFile.isLeftover(m)).toList()) {
                String runId = marker.getFileName().toString();
                if (isRunId(runId)) {
                    read(file(runId), RunRecords::warn).ifPresent(queued::add);
                }
            }
        }
        queued.sort(Comparator.comparing(Run::start));
        return queued;
    }

    /** Runs that cannot be read, by id with the reason; only those waiting for upload if {@code queuedOnly}. */
    Map<String, String> unreadable(boolean queuedOnly) throws IOException {
        Map<String, String> unreadable = new TreeMap<>();
        for (Path file : files()) {
            String runId = runId(file);
            if (!isRunId(runId)) {
                if (queuedOnly) {
                    continue; // no marker can name it: never queued
                }
                unreadable.put(runId, "run record " + file + " has a name Airgap does not give; it was put there from"
                        + " outside and is left out");
            } else if (!queuedOnly || isQueued(runId)) {
                read(file, unreadable::put);
            }
        }
        return unreadable;
    }

    /** The run's place in the upload queue (its id checked). */
    Path marker(String runId) {
        file(runId);
        return uploads.resolve(runId);
    }

    boolean isQueued(String runId) {
        return Files.exists(marker(runId));
    }

    void queue(String runId) throws IOException {
        AtomicFile.write(marker(runId), new byte[0]);
    }

    /** Leaves the queue; the run stays. */
    void dequeue(String runId) throws IOException {
        AtomicFile.delete(requireQueued(runId));
    }

    /** Stays queued with the server's reason for refusing it as it is. */
    void refused(String runId, String reason) throws IOException {
        AtomicFile.write(requireQueued(runId), reason.getBytes(StandardCharsets.UTF_8));
    }

    Optional<String> refusal(String runId) throws IOException {
        Path marker = marker(runId);
        if (!Files.exists(marker)) {
            return Optional.empty();
        }
        String reason = Files.readString(marker, StandardCharsets.UTF_8);
        return reason.isEmpty() ? Optional.empty() : Optional.of(reason);
    }

    private Path requireQueued(String runId) {
        Path marker = marker(runId);
        if (!Files.exists(marker)) {
            throw new IllegalStateException("Run " + runId + " is not waiting for upload");
        }
        return marker;
    }

    private List<Path> files() throws IOException {
        try (Stream<Path> files = Files.list(runs)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).toList();
        }
    }

    private static String runId(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".json".length());
    }

    /**
     * The run in {@code file}; empty when it is gone or cannot be read, which {@code unreadable} is told (run id,
     * reason). A locked workspace is no damage: that stays an exception.
     */
    private Optional<Run> read(Path file, BiConsumer<String, String> unreadable) throws IOException {
        try {
            return Optional.of(json.read(Run.class, file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            if (e instanceof StoreException locked && locked.kind() == StoreException.Kind.LOCKED) {
                throw locked;
            }
            unreadable.accept(runId(file), "run " + runId(file) + " cannot be read ("
                    + (e.getMessage() == null ? e.toString() : e.getMessage()) + "); it stays in " + runs
                    + " and is left out");
            return Optional.empty();
        }
    }

    /** Logs each unreadable run once per process: the views read the runs at every refresh. */
    private static void warn(String runId, String reason) {
        if (WARNED.add(reason)) {
            LOG.warning(reason);
        }
    }
}
