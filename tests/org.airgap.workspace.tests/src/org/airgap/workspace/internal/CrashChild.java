package org.airgap.workspace.internal;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.airgap.model.Run;
import org.airgap.model.RunMessage;
import org.airgap.store.Snapshot;
import org.airgap.workspace.SyncedData;
import org.airgap.workspace.Workspace;

/**
 * The victim of {@link CrashSafetyTest}: a plain JVM (no OSGi) that writes to a workspace as fast as it
 * can — syncs, runs with snapshots, progress, uploads — until it is killed.
 */
public final class CrashChild {

    static final String READY = "workspace open";

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path location = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        try (Workspace workspace = Workspace.open(location)) {
            if (workspace.synced().jobs().isEmpty()) {
                workspace.replaceSynced(Fixtures.plant(), Fixtures.USER);
            }
            System.out.println(READY);
            System.out.flush();
            while (true) {
                String job = random.nextBoolean() ? "job-plc-7" : "job-hmi-2";
                Run run = workspace.startRun(job, Fixtures.USER);
                run = new Run(run.id(), run.jobId(), run.start(), null, 1, run.outcome(), null, null,
                        run.serverVersionResult(), run.previousBackupResult(),
                        List.of(new RunMessage(Instant.now(), RunMessage.Level.INFO, "connected")));
                workspace.saveRun(run);
                Snapshot snapshot = Fixtures.backup(workspace, random, 1 + random.nextInt(8));
                workspace.finishRun(Fixtures.succeeded(run, snapshot.id(), Instant.now()), Fixtures.USER);
                if (random.nextInt(3) == 0) {
                    workspace.uploaded(workspace.pendingUploads().get(0).id(), Fixtures.USER);
                }
                if (random.nextInt(10) == 0) {
                    SyncedData plant = Fixtures.plant();
                    workspace.replaceSynced(new SyncedData(plant.folders(), plant.components(), plant.jobs(),
                            plant.baselines()), Fixtures.USER);
                }
            }
        }
    }
}
