package org.airgap.workspace.internal;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.airgap.model.Run;
import org.airgap.model.RunMessage;
import org.airgap.store.Snapshot;
import org.airgap.testing.ChildJvm;
import org.airgap.workspace.SyncedData;
import org.airgap.workspace.Workspace;

/**
 * The victim of {@link CrashSafetyTest}: a plain JVM (no OSGi) that writes to a workspace as fast as it
 * can — syncs, runs with snapshots, progress, uploads — until it is killed. Arguments: the workspace, a
 * seed, the largest file of most backups in bytes, and {@code sealed} for an encrypted workspace, whose data
 * key (hex) it then reads from its standard input and unlocks the workspace with, as the next process of a
 * logged-in session does. It prints {@link #READY} once the workspace is open and {@link #FINISHED} with
 * the run id when {@code finishRun} has returned.
 */
public final class CrashChild {

    static final String READY = "workspace open";
    static final String FINISHED = "finished ";

    private CrashChild() {
    }

    public static void main(String[] args) throws Exception {
        Path location = Path.of(args[0]);
        Random random = new Random(Long.parseLong(args[1]));
        int largestFile = Integer.parseInt(args[2]);
        boolean sealed = args.length > 3 && args[3].equals("sealed");
        try (Workspace workspace = Workspace.open(location)) {
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            if (sealed) {
                workspace.unlock(HexFormat.of().parseHex(in.readLine().strip()));
            }
            ChildJvm.endWithParent(System.in);
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
                // Now and then a file beyond 1 MiB, which the store streams through a temporary file.
                Snapshot snapshot = Fixtures.backup(workspace, random, 1 + random.nextInt(8),
                        random.nextInt(4) == 0 ? Math.max(largestFile, 1_300_000) : largestFile);
                workspace.finishRun(Fixtures.succeeded(run, snapshot.id(), Instant.now()), Fixtures.USER);
                System.out.println(FINISHED + run.id());
                System.out.flush();
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
