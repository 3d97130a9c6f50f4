package org.airgap.sync.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.airgap.model.CompareResult;
import org.airgap.model.Run;
import org.airgap.model.RunOutcome;
import org.airgap.session.ClientSession;
import org.airgap.session.internal.LocalSessionService;
import org.airgap.store.Snapshot;
import org.airgap.store.SnapshotWriter;
import org.airgap.workspace.Workspace;

/** A technician's laptop: its own workspace, session service and sync service, as one CLI process has them. */
final class Laptop implements AutoCloseable {

    static final Instant FILE_TIME = Instant.parse("2026-11-01T08:00:00Z");

    final Workspace workspace;
    final LocalSessionService sessions;
    final ServerSync sync;

    Laptop(Path folder) throws IOException {
        workspace = Workspace.open(folder);
        sessions = new LocalSessionService(workspace, Clock.systemUTC());
        sync = new ServerSync(workspace, sessions);
    }

    ClientSession login(URI server, String user, String password) throws IOException {
        return sessions.loginOnline(server, user, password.toCharArray());
    }

    /** A snapshot of {@code files} (path → content) in this laptop's store, as a driver would write it. */
    Snapshot snapshot(Map<String, byte[]> files) throws IOException {
        try (SnapshotWriter writer = workspace.store().newSnapshot()) {
            for (Map.Entry<String, byte[]> file : new TreeMap<>(files).entrySet()) {
                try (OutputStream out = writer.file(file.getKey(), FILE_TIME)) {
                    out.write(file.getValue());
                }
            }
            return writer.commit();
        }
    }

    /** A finished, successful run of {@code jobId} backing up {@code files}: queued for upload. */
    Run backup(String jobId, String user, Map<String, byte[]> files) throws IOException {
        Snapshot snapshot = snapshot(files);
        Run running = workspace.startRun(jobId, user);
        Instant end = Instant.now().isBefore(running.start()) ? running.start() : Instant.now();
        return workspace.finishRun(new Run(running.id(), running.jobId(), running.start(), end, 1,
                RunOutcome.SUCCEEDED, null, snapshot.id(), CompareResult.NOT_AVAILABLE, CompareResult.NOT_AVAILABLE,
                running.messages()), user);
    }

    @Override
    public void close() throws IOException {
        sessions.close();
        workspace.close();
    }
}
