package org.airgap.workspace.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.airgap.audit.AuditTrail;
import org.airgap.model.ModelJson;
import org.airgap.model.Run;
import org.airgap.model.RunOutcome;
import org.airgap.store.ContentStore;
import org.airgap.store.ContentStores;
import org.airgap.store.ManifestEntry;
import org.airgap.testing.ChildJvm;
import org.airgap.testing.SystemProperty;
import org.airgap.workspace.Workspace;
import org.eclipse.core.runtime.IProgressMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.Gson;

/**
 * Kills a JVM that writes to a workspace at random instants (SIGKILL: no shutdown hook, no flush), many
 * times, and after every kill reopens the workspace and checks that it is consistent: it opens, no finished
 * run was lost (every run the child saw finished is complete), no unfinished run shows as complete, every
 * finished run's snapshot is whole, the store verifies, the audit chain verifies. On an encrypted workspace
 * the child unlocks it with the data key as a logged-in session's next process does, and writes files of
 * several 64 KiB chunks (some streamed through {@code tmp/}), so that kills land inside chunk writes; the
 * workspace must then open locked, verify without the key (structure, CRC32C), unlock, and verify with it
 * (every GCM tag), and no temporary file may hold anything but sealed bytes.
 */
class CrashSafetyTest {

    /** Kills per test; CI runs the default, a soak run raises it with -Dairgap.crash.kills=500. */
    private static final int KILLS = Integer.getInteger("airgap.crash.kills", 20);
    private static final char[] PASSWORD = "Plant-2026!".toCharArray();
    private static final byte[] SEALED_MAGIC = "AGSEAL1\n".getBytes(StandardCharsets.US_ASCII);
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    @RegisterExtension
    static final SystemProperty FEW_ITERATIONS = Fixtures.fewKeySlotIterations();

    @TempDir
    Path temporary;
    /** The workspace, on a RAM file system when there is one ({@link ChildJvm#scratchFolder}). */
    private Path folder;

    @BeforeEach
    void workspaceFolder() throws IOException {
        folder = ChildJvm.scratchFolder(temporary);
    }

    @AfterEach
    void deleteWorkspace() throws IOException {
        ChildJvm.deleteTree(folder);
    }

    @Test
    void killingTheWriterAtAnyInstantLeavesAConsistentWorkspace() throws Exception {
        killRepeatedly(null, 64 * 1024);
    }

    @Test
    void killingTheWriterOfAnEncryptedWorkspaceAtAnyInstantLeavesItConsistentAndSealed() throws Exception {
        byte[] dataKey;
        try (Workspace workspace = Workspace.open(folder)) {
            dataKey = workspace.createDataKey(Fixtures.USER, PASSWORD);
            workspace.unlock(dataKey);
            workspace.replaceSynced(Fixtures.plant(), Fixtures.USER);
        }
        killRepeatedly(dataKey, 256 * 1024);
    }

    /**
     * The kills: each child is killed after 0 or 1 finished run plus a random part of the time its last run
     * took, so that kills fall anywhere in a run also when a loaded machine makes runs slow.
     */
    private void killRepeatedly(byte[] dataKey, int largestFile) throws Exception {
        long seed = Long.getLong("airgap.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        List<String> classpath = ChildJvm.classpath(CrashChild.class, LocalWorkspace.class, ContentStores.class,
                ModelJson.class, AuditTrail.class, Gson.class, IProgressMonitor.class, ChildJvm.class);
        Set<String> finishedBefore = new LinkedHashSet<>();
        Set<String> interrupted = new LinkedHashSet<>();
        long runNanos = TimeUnit.MILLISECONDS.toNanos(300);
        int killedRunning = 0;
        for (int kill = 1; kill <= KILLS; kill++) {
            String context = "after kill " + kill + " (seed " + seed + ", -Dairgap.crash.seed to repeat)";
            List<String> announced;
            try (ChildJvm child = ChildJvm.start(classpath, List.of("-Xmx256m"), CrashChild.class, folder.toString(),
                    Long.toString(random.nextLong()), Integer.toString(largestFile), dataKey == null ? "plain" : "sealed")) {
                if (dataKey != null) {
                    child.send(HexFormat.of().formatHex(dataKey));
                }
                long last = child.awaitLine(CrashChild.READY, PATIENCE).nanoTime();
                for (int runs = random.nextInt(2); runs > 0; runs--) {
                    long finished = child.awaitLine(CrashChild.FINISHED, PATIENCE).nanoTime();
                    runNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(20), finished - last);
                    last = finished;
                }
                TimeUnit.NANOSECONDS.sleep((long) (random.nextDouble() * runNanos));
                assertTrue(child.kill(), context + ": the child ended by itself:\n" + child.output());
                killedRunning++;
                announced = child.linesStartingWith(CrashChild.FINISHED);
            }
            Set<String> finished = checkConsistent(dataKey, finishedBefore, announced, interrupted, context);
            finishedBefore = finished;
        }
        System.out.println("crash test (" + (dataKey == null ? "plain" : "encrypted") + "): " + killedRunning
                + " kills, " + finishedBefore.size() + " finished runs kept, " + interrupted.size()
                + " interrupted runs recovered (seed " + seed + ")");
        assertTrue(finishedBefore.size() > 0, "the child never finished a run: the test proved nothing");
        assertTrue(interrupted.size() > 0, "no kill interrupted a run: the test proved little");
    }

    /** Reopens the workspace (with the key when encrypted) and checks it; returns the finished runs' ids. */
    private Set<String> checkConsistent(byte[] dataKey, Set<String> finishedBefore, List<String> announced,
            Set<String> interrupted, String context) throws IOException {
        try (Workspace workspace = Workspace.open(folder)) {
            if (dataKey != null) {
                assertFalse(workspace.unlocked(), context);
                ContentStore.VerifyReport locked = workspace.store().verify(IProgressMonitor.nullSafe(null));
                assertTrue(locked.ok(), context + ": store without the key " + locked.problems());
                assertNoPlainTemporaryFile(context);
                workspace.unlock(dataKey);
            }
            Set<String> finished = new LinkedHashSet<>();
            for (Run run : workspace.runs()) {
                assertTrue(run.outcome() != RunOutcome.RUNNING, context + ": run " + run.id() + " still running");
                if (run.complete()) {
                    finished.add(run.id());
                    assertNotNull(run.snapshotId(), context);
                    if (!finishedBefore.contains(run.id())) {
                        readWhole(workspace.store(), run.snapshotId(), context);
                    }
                } else {
                    assertTrue(run.end() == null && run.outcome() == RunOutcome.FAILED, context + ": " + run);
                    interrupted.add(run.id());
                }
            }
            assertTrue(finished.containsAll(finishedBefore), context + ": finished runs were lost");
            assertTrue(finished.containsAll(announced), context + ": runs whose finishRun had returned were lost "
                    + "or are not complete: " + announced.stream().filter(id -> !finished.contains(id)).toList());
            for (Run pending : workspace.pendingUploads()) {
                assertTrue(pending.complete(), context + ": unfinished run " + pending.id() + " queued for upload");
            }
            ContentStore.VerifyReport store = workspace.store().verify(IProgressMonitor.nullSafe(null));
            assertTrue(store.ok(), context + ": store " + store.problems());
            assertTrue(workspace.audit().verify().ok(), context + ": audit " + workspace.audit().verify().summary());
            assertEquals(Fixtures.plant(), workspace.synced(), context);
            return finished;
        }
    }

    /** Reads every file of the snapshot to its end: each hash (and, sealed, each chunk's GCM tag) checked. */
    private static void readWhole(ContentStore store, String snapshotId, String context) throws IOException {
        for (ManifestEntry entry : store.readSnapshot(snapshotId).manifest().entries()) {
            if (entry.sha256() != null) {
                try (InputStream in = store.openBlob(entry.sha256())) {
                    assertEquals(entry.size(), in.transferTo(java.io.OutputStream.nullOutputStream()),
                            context + ": " + entry.path());
                }
            }
        }
    }

    /** An encrypted store's temporary files, even half-written ones, hold sealed bytes only. */
    private void assertNoPlainTemporaryFile(String context) throws IOException {
        try (Stream<Path> files = Files.list(folder.resolve("store/tmp"))) {
            for (Path file : files.toList()) {
                byte[] start;
                try (InputStream in = Files.newInputStream(file)) {
                    start = in.readNBytes(SEALED_MAGIC.length);
                }
                assertArrayEquals(Arrays.copyOf(SEALED_MAGIC, start.length), start,
                        context + ": " + file + " does not start as a sealed file");
            }
        }
    }
}
