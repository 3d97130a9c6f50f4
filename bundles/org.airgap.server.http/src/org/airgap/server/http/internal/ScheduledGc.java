package org.airgap.server.http.internal;

import java.io.IOException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.airgap.protocol.GcResult;
import org.airgap.server.core.GcSchedule;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerIni;
import org.airgap.server.core.ServerIniException;
import org.airgap.server.core.ServerRepository;

/**
 * Garbage collection on the schedule of server.ini {@code [Retention] gcSchedule}, on a thread of its own,
 * beside the uploads ({@link UploadGuard}). Recorded in the audit trail under the user {@value #USER}.
 */
final class ScheduledGc {

    static final String USER = "(gcSchedule)";
    private static final Logger LOG = Logger.getLogger("org.airgap.server.http");

    private final ServerRepository repository;
    private final UploadGuard uploads;
    private final GcSchedule schedule;
    private final ScheduledExecutorService executor;

    private ScheduledGc(ServerRepository repository, UploadGuard uploads, GcSchedule schedule) {
        this.repository = repository;
        this.uploads = uploads;
        this.schedule = schedule;
        this.executor = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "airgap-scheduled-gc");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts the schedule the data directory's server.ini names (it was checked when the server started). */
    static ScheduledGc start(ServerRepository repository, UploadGuard uploads) throws IOException {
        GcSchedule schedule;
        try {
            schedule = ServerIni.gcSchedule(repository.settings().dataDirectory());
        } catch (ServerIniException e) {
            throw new IOException(e.getMessage(), e);
        }
        ScheduledGc gc = new ScheduledGc(repository, uploads, schedule);
        gc.scheduleNext();
        return gc;
    }

    private void scheduleNext() {
        Optional<Duration> delay = schedule.delayFrom(ZonedDateTime.now());
        if (delay.isPresent() && !executor.isShutdown()) {
            executor.schedule(this::run, delay.get().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void run() {
        try {
            GcResult result = repository.collectGarbage(USER, false, uploads);
            LOG.info("scheduled gc: " + result.versionsDropped() + " version(s) and " + result.runSnapshotsDropped()
                    + " run snapshot(s) dropped, " + result.blobsRemoved() + " blob(s) removed, "
                    + result.bytesReclaimed() + " bytes reclaimed in " + result.millis() + " ms");
        } catch (ServerException | IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "scheduled gc failed (the next one is at its time): " + e.getMessage(), e);
        } finally {
            scheduleNext();
        }
    }

    void stop() {
        executor.shutdownNow();
    }
}
