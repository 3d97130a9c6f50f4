package org.airgap.workspace.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.airgap.audit.AuditTrail;
import org.airgap.model.ModelJson;
import org.airgap.model.Run;
import org.airgap.model.RunOutcome;
import org.airgap.store.ContentStore;
import org.airgap.store.ContentStores;
import org.airgap.workspace.Workspace;
import org.eclipse.core.runtime.FileLocator;
import org.eclipse.core.runtime.IProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import com.google.gson.Gson;

/**
 * Kills a JVM that writes to a workspace at random instants (SIGKILL: no shutdown hook, no flush),
 * many times, and after every kill reopens the workspace and checks that it is consistent: it opens,
 * no finished run was lost, no unfinished run shows as complete, every finished run's snapshot is whole,
 * the store verifies, the audit chain verifies.
 */
class CrashSafetyTest {

    /** Kills per run; CI runs the default, a soak run raises it with -Dairgap.crash.kills=500. */
    private static final int KILLS = Integer.getInteger("airgap.crash.kills", 40);

    @TempDir
    Path folder;

    @Test
    void killingTheWriterAtAnyInstantLeavesAConsistentWorkspace() throws Exception {
        long seed = Long.getLong("airgap.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        List<String> classpath = classpath();
        Set<String> finishedBefore = new LinkedHashSet<>();
        Set<String> interrupted = new LinkedHashSet<>();
        for (int kill = 1; kill <= KILLS; kill++) {
            Process child = new ProcessBuilder(javaBinary(), "-cp", String.join(File.pathSeparator, classpath),
                    CrashChild.class.getName(), folder.toString(), Long.toString(random.nextLong()))
                    .redirectErrorStream(true).start();
            awaitReady(child, "kill " + kill + " (seed " + seed + ")");
            Thread.sleep(random.nextInt(250));
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS), "the child did not die");

            String context = "after kill " + kill + " (seed " + seed + ", -Dairgap.crash.seed to repeat)";
            try (Workspace workspace = Workspace.open(folder)) {
                Set<String> finished = new LinkedHashSet<>();
                for (Run run : workspace.runs()) {
                    assertTrue(run.outcome() != RunOutcome.RUNNING, context + ": run " + run.id() + " still running");
                    if (run.complete()) {
                        finished.add(run.id());
                        assertNotNull(run.snapshotId(), context);
                        workspace.store().readSnapshot(run.snapshotId()); // whole and checked
                    } else {
                        interrupted.add(run.id());
                    }
                }
                assertTrue(finished.containsAll(finishedBefore), context + ": finished runs were lost");
                for (Run pending : workspace.pendingUploads()) {
                    assertTrue(pending.complete(), context + ": unfinished run " + pending.id() + " queued for upload");
                }
                ContentStore.VerifyReport store = workspace.store().verify(IProgressMonitor.nullSafe(null));
                assertTrue(store.ok(), context + ": store " + store.problems());
                assertTrue(workspace.audit().verify().ok(), context + ": audit " + workspace.audit().verify().summary());
                assertEquals(Fixtures.plant(), workspace.synced(), context);
                finishedBefore = finished;
            }
        }
        System.out.println("crash test: " + KILLS + " kills, " + finishedBefore.size() + " finished runs kept, "
                + interrupted.size() + " interrupted runs recovered (seed " + seed + ")");
        assertTrue(finishedBefore.size() > 0, "the child never finished a run: the test proved nothing");
    }

    private static void awaitReady(Process child, String context) throws IOException {
        BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        String line;
        while ((line = output.readLine()) != null) {
            if (line.equals(CrashChild.READY)) {
                drain(child.getInputStream());
                return;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError(context + ": the child ended before opening the workspace:\n" + seen);
    }

    /** Keeps the child's output pipe empty, so that it never blocks on a full pipe. */
    private static void drain(InputStream output) {
        Thread drain = new Thread(() -> {
            try {
                output.transferTo(OutputStreamSink.INSTANCE);
            } catch (IOException e) {
                // the child died
            }
        }, "crash-child-output");
        drain.setDaemon(true);
        drain.start();
    }

    private static final class OutputStreamSink extends java.io.OutputStream {
        static final OutputStreamSink INSTANCE = new OutputStreamSink();

        @Override
        public void write(int b) {
            // discard
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString());
    }

    /** The plain-Java class path of the code the child runs: these bundles' jars or class folders. */
    private static List<String> classpath() throws IOException {
        List<String> entries = new ArrayList<>();
        for (Class<?> type : List.of(LocalWorkspace.class, ContentStores.class, ModelJson.class, AuditTrail.class,
                Gson.class, IProgressMonitor.class)) {
            entries.add(location(FrameworkUtil.getBundle(type)));
        }
        // This test fragment runs from its project folder: find the folder its classes were loaded from.
        URL self = FileLocator.toFileURL(CrashChild.class.getResource(CrashChild.class.getSimpleName() + ".class"));
        Path classFile = Path.of(self.getPath());
        int depth = CrashChild.class.getName().split("\\.").length;
        Path root = classFile;
        for (int i = 0; i < depth; i++) {
            root = root.getParent();
        }
        entries.add(root.toString());
        return entries;
    }

    private static String location(Bundle bundle) throws IOException {
        File file = FileLocator.getBundleFileLocation(bundle).orElseThrow(
                () -> new IOException("no file for bundle " + bundle.getSymbolicName()));
        // A reactor bundle may run from its project folder; its classes are then in target/classes.
        File classes = new File(file, "target/classes");
        return file.isDirectory() && classes.isDirectory() ? classes.getPath() : file.getPath();
    }
}
