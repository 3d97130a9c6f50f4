package org.airgap.sync.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;

import org.airgap.protocol.ProtocolJson;
import org.airgap.sync.RemovedJob;
import org.airgap.workspace.AtomicFile;

import com.google.gson.JsonParseException;

/**
 * {@code <workspace>/sync/removed-jobs.json}: the jobs syncs removed from the laptop, so that the laptop
 * can say why a job is gone instead of "unknown job". A job that comes back with a later sync leaves the
 * list; the list keeps the latest {@link #MAX_ENTRIES}.
 */
public final class RemovedJobsFile {

    static final int MAX_ENTRIES = 500;

    private final Path file;

    private RemovedJobsFile(Path file) {
        this.file = file;
    }

    public static RemovedJobsFile of(Path workspace) {
        return new RemovedJobsFile(workspace.resolve("sync").resolve("removed-jobs.json"));
    }

    public List<RemovedJob> read() throws IOException {
        try {
            return ProtocolJson.readList(Files.readString(file, StandardCharsets.UTF_8), RemovedJob.class);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (JsonParseException e) {
            throw new IOException(file + " is damaged (" + e.getMessage() + "): delete it, the next sync writes it"
                    + " again", e);
        }
    }

    /**
     * Adds {@code removed} (replacing older entries of the same jobs) and drops the jobs that are synced again,
     * {@code synced}; written atomically.
     */
    void update(Collection<RemovedJob> removed, Set<String> synced) throws IOException {
        List<RemovedJob> kept = new ArrayList<>();
        Set<String> replaced = new java.util.HashSet<>(synced);
        removed.forEach(job -> replaced.add(job.jobId()));
        for (RemovedJob job : read()) {
            if (!replaced.contains(job.jobId())) {
                kept.add(job);
            }
        }
        kept.addAll(removed);
        List<RemovedJob> bounded = kept.subList(Math.max(0, kept.size() - MAX_ENTRIES), kept.size());
        if (bounded.isEmpty() && !Files.exists(file)) {
            return;
        }
        Files.createDirectories(file.getParent());
        AtomicFile.write(file, (ProtocolJson.write(bounded) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
