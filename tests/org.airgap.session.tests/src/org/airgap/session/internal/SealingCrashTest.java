package org.airgap.session.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.airgap.audit.AuditTrail;
import org.airgap.model.ModelJson;
import org.airgap.model.Run;
import org.airgap.protocol.Api;
import org.airgap.protocol.Role;
import org.airgap.protocol.SessionPolicy;
import org.airgap.store.ContentStore;
import org.airgap.store.ContentStores;
import org.airgap.store.StoreException;
import org.airgap.store.StoreKeys;
import org.airgap.testing.ChildJvm;
import org.airgap.testing.SystemProperty;
import org.airgap.workspace.Workspace;
import org.airgap.workspace.WorkspaceKeys;
import org.eclipse.core.runtime.IProgressMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import com.google.gson.Gson;

/**
 * Kills the first login after the upgrade to encryption — the offline login that creates the workspace's
 * data key (or unwraps it from the key slot a killed attempt left) and seals the plain workspace in place —
 * at random instants, again and again. The workspace is one the previous version wrote (and crashed in: its
 * writer was killed too). After every kill the workspace opens, and every file of the original is either
 * still there plain and unchanged or sealed and whole, and verify without the key names nothing but the
 * plain files still waiting; the next attempt (a child again, or in the end this test's own login) finishes
 * the migration. Then every blob, manifest, run and definition opens to exactly the original bytes, nothing
 * is sealed twice, nothing plain is left anywhere in the workspace, and verify with and without the key
 * passes.
 */
class SealingCrashTest {

    /** Kills per test; CI runs the default, a soak run raises it with -Dairgap.crash.kills=500. */
    private static final int KILLS = Integer.getInteger("airgap.crash.kills", 20);
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static final SessionPolicy POLICY = new SessionPolicy(Duration.ofMinutes(30), Duration.ofHours(8));
    private static final byte[] SEALED_MAGIC = "AGSEAL1\n".getBytes(StandardCharsets.US_ASCII);
    /** Key slots with the fewest PBKDF2 iterations a slot may have, for the tests' speed. */
    @RegisterExtension
    static final SystemProperty FEW_ITERATIONS = new SystemProperty("airgap.keyslot.iterations",
            String.valueOf(WorkspaceKeys.MIN_ITERATIONS));

    @TempDir
    Path temporary;
    /** The workspaces, on a RAM file system when there is one ({@link ChildJvm#scratchFolder}). */
    private Path folder;

    @BeforeEach
    void workspaceFolder() throws IOException {
        folder = ChildJvm.scratchFolder(temporary);
    }

    @AfterEach
    void deleteWorkspaces() throws IOException {
        ChildJvm.deleteTree(folder);
    }

    @Test
    void killingTheFirstLoginWhileItSealsAnOldWorkspaceLosesNothingAndTheNextLoginFinishes() throws Exception {
        long seed = Long.getLong("airgap.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        List<String> classpath = ChildJvm.classpath(SealingCrashChild.class, LocalSessionService.class,
                Workspace.class, ContentStores.class, ModelJson.class, AuditTrail.class, Api.class, Gson.class,
                IProgressMonitor.class, ChildJvm.class);
        List<String> options = List.of("-Xmx256m", "-Dairgap.keyslot.iterations=" + WorkspaceKeys.MIN_ITERATIONS,
                "-Dairgap.runtime.dir=" + UnlockedKeyFile.runtimeFolder());
        Path template = oldWorkspace(classpath, options, random);
        Map<String, byte[]> original = plainFiles(template);

        // An attempt that is not killed: how long the sealing takes, so that kills fall anywhere in it.
        Path calibration = copy(template, folder.resolve("round-0"));
        long sealing;
        try (ChildJvm child = ChildJvm.start(classpath, options, SealingCrashChild.class, calibration.toString(),
                "login")) {
            long ready = child.awaitLine(SealingCrashChild.READY, PATIENCE).nanoTime();
            sealing = child.awaitLine(SealingCrashChild.DONE, PATIENCE).nanoTime() - ready;
            assertEquals(0, child.awaitExit(PATIENCE), child.output());
        }
        assertMigrated(calibration, original, "after an uninterrupted login");

        int kills = 0;
        int rounds = 0;
        while (kills < KILLS) {
            rounds++;
            Path workspace = copy(template, folder.resolve("round-" + rounds));
            for (int attempt = 1 + random.nextInt(3); attempt > 0; attempt--) {
                String context = "round " + rounds + ", after kill " + (kills + 1) + " (seed " + seed
                        + ", -Dairgap.crash.seed to repeat)";
                try (ChildJvm child = ChildJvm.start(classpath, options, SealingCrashChild.class, workspace.toString(),
                        "login")) {
                    child.awaitLine(SealingCrashChild.READY, PATIENCE);
                    TimeUnit.NANOSECONDS.sleep((long) (random.nextDouble() * sealing * 1.1));
                    if (child.kill()) {
                        kills++;
                    } else {
                        assertEquals(0, child.awaitExit(PATIENCE), context + ": the login failed:\n" + child.output());
                    }
                }
                assertNothingLost(workspace, original, context);
            }
            login(workspace); // the next attempt, here, finishes
            assertMigrated(workspace, original, "round " + rounds + " (seed " + seed + ")");
            ChildJvm.deleteTree(workspace);
        }
        System.out.println("sealing crash test: " + kills + " kills in " + rounds + " rounds of the first login on a "
                + "workspace of " + original.size() + " plain files (sealing took " + sealing / 1_000_000
                + " ms uninterrupted; seed " + seed + ")");
    }

    /**
     * A workspace of the previous version: its offline login synced, then written by a writer killed again and
     * again — at the end while it writes a large file, until a kill left that file's temporary copy (plain, as
     * such a crash leaves it) — and opened once more, which recovers the interrupted runs.
     */
    private Path oldWorkspace(List<String> classpath, List<String> options, Random random) throws Exception {
        Path template = folder.resolve("template");
        try (Workspace workspace = Workspace.open(template);
                LocalSessionService sessions = new LocalSessionService(workspace, Clock.systemUTC(), Verifiers.ITERATIONS)) {
            Verifiers.store(sessions, Verifiers.of(SealingCrashChild.USER, Role.TECHNICIAN, SealingCrashChild.PASSWORD),
                    POLICY);
        }
        for (int kill = 0; kill < 2 || !holdsMarker(template.resolve("store/tmp")); kill++) {
            assertTrue(kill < 15, "no kill of the old writer left a temporary file: that case is not tested");
            try (ChildJvm child = ChildJvm.start(classpath, options, SealingCrashChild.class, template.toString(),
                    "plain", Long.toString(random.nextLong()))) {
                long last = child.awaitLine(SealingCrashChild.READY, PATIENCE).nanoTime();
                if (kill < 2) {
                    long run = 0;
                    for (int runs = 0; runs < 3; runs++) {
                        long finished = child.awaitLine(SealingCrashChild.FINISHED, PATIENCE).nanoTime();
                        run = finished - last;
                        last = finished;
                    }
                    TimeUnit.NANOSECONDS.sleep((long) (random.nextDouble() * run));
                } else {
                    child.awaitLine(SealingCrashChild.LARGE, PATIENCE);
                    TimeUnit.MICROSECONDS.sleep(random.nextInt(15_000));
                }
                child.kill();
            }
        }
        try (Workspace workspace = Workspace.open(template)) {
            assertFalse(workspace.encrypted());
            assertTrue(workspace.runs().size() >= 6, "the old version wrote too little: " + workspace.runs().size());
        }
        return template;
    }

    /** Whether a file in {@code folder} holds device data in plain. */
    private static boolean holdsMarker(Path folder) throws IOException {
        byte[] marker = SealingCrashChild.MARKER.getBytes(StandardCharsets.UTF_8);
        for (Path file : listFiles(folder)) {
            if (contains(Files.readAllBytes(file), marker)) {
                return true;
            }
        }
        return false;
    }

    /** The first login, in this process, as the workbench or {@code airgap login} runs it; then a logout. */
    private static void login(Path location) throws IOException {
        try (Workspace workspace = Workspace.open(location);
                LocalSessionService sessions = new LocalSessionService(workspace, Clock.systemUTC(), Verifiers.ITERATIONS)) {
            sessions.loginOffline(SealingCrashChild.USER, SealingCrashChild.PASSWORD.toCharArray());
            assertTrue(workspace.unlocked());
            sessions.logout();
        }
    }

    // ---- the checks

    /**
     * At any instant: the workspace opens; each original file is there plain and unchanged, or sealed (where
     * the sealed format puts it) and opening to the same bytes; verify without the key names only plain
     * files still waiting to be sealed.
     */
    private void assertNothingLost(Path location, Map<String, byte[]> original, String context) throws IOException {
        List<String> plainLeft = new ArrayList<>();
        try (Workspace workspace = Workspace.open(location)) {
            assertFalse(workspace.unlocked(), context);
            if (!workspace.encrypted()) {
                Map<String, byte[]> now = plainFiles(location);
                assertEquals(original.keySet(), now.keySet(), context + ": the key is not made yet, nothing may change");
                original.forEach((path, bytes) -> assertArrayEquals(bytes, now.get(path), context + ": " + path));
                assertTrue(workspace.store().verify(IProgressMonitor.nullSafe(null)).ok(), context);
                return;
            }
            StoreKeys keys = keys(location);
            original.forEach((path, bytes) -> {
                byte[] found = readOrNull(location.resolve(path));
                if (found != null && !isSealed(found)) {
                    assertArrayEquals(bytes, found, context + ": " + path + " changed while plain");
                    plainLeft.add(path);
                } else {
                    assertArrayEquals(bytes, openSealed(location, keys, path), context + ": " + path);
                }
            });
            ContentStore.VerifyReport verify = workspace.store().verify(IProgressMonitor.nullSafe(null));
            for (String problem : verify.problems()) {
                assertTrue(plainLeft.stream().filter(path -> path.startsWith("store/"))
                        .anyMatch(path -> problem.contains(location.resolve(path).toString())),
                        context + ": verify without the key found more than plain files waiting: " + problem);
            }
            assertEquals(plainLeft.stream().filter(path -> path.startsWith("store/")).count(),
                    verify.problems().size(), context + ": verify missed a plain file: " + verify.problems());
        }
    }

    /**
     * Finished: every original file sealed, opening to its bytes, and no longer plain; the store holds no file
     * more than the original (nothing sealed twice); no byte of device data is left readable anywhere in the
     * workspace; verify with and without the key, and the audit chain, pass.
     */
    private void assertMigrated(Path location, Map<String, byte[]> original, String context) throws IOException {
        assertFalse(Files.exists(location.resolve("store/sealing-pending")), context + ": the marker is left");
        StoreKeys keys = keys(location);
        original.forEach((path, bytes) -> {
            byte[] opened = openSealed(location, keys, path);
            assertArrayEquals(bytes, opened, context + ": " + path);
            assertFalse(isSealed(opened), context + ": " + path + " sealed twice");
            if (path.startsWith("store/")) {
                assertFalse(Files.exists(location.resolve(path)), context + ": " + path + " is still there plain");
            }
        });
        assertEquals(count(original, "store/blobs/"), listFiles(location.resolve("store/blobs")).size(), context);
        assertEquals(count(original, "store/manifests/"), listFiles(location.resolve("store/manifests")).size(), context);
        for (Path file : listFiles(location)) {
            assertFalse(holdsMarker(file), context + ": device data readable in " + file);
        }
        try (Workspace workspace = Workspace.open(location)) {
            ContentStore.VerifyReport locked = workspace.store().verify(IProgressMonitor.nullSafe(null));
            assertTrue(locked.ok(), context + ": verify without the key " + locked.problems());
            workspace.unlock(WorkspaceKeys.of(location).unlock(SealingCrashChild.USER,
                    SealingCrashChild.PASSWORD.toCharArray()));
            ContentStore.VerifyReport unlocked = workspace.store().verify(IProgressMonitor.nullSafe(null));
            assertTrue(unlocked.ok(), context + ": verify with the key " + unlocked.problems());
            assertEquals(count(original, "store/manifests/"), unlocked.manifests(), context);
            for (Run run : workspace.runs()) {
                if (run.snapshotId() != null) {
                    workspace.store().readSnapshot(run.snapshotId());
                }
            }
            assertEquals(SealingCrashChild.plant(), workspace.synced(), context);
            assertTrue(workspace.audit().verify().ok(), context + ": " + workspace.audit().verify().summary());
        }
    }

    /**
     * The files the sealing must keep, by their path in the workspace: the store's blobs and manifests, the
     * runs, the current sync generation's definitions (plain in the old workspace).
     */
    private static Map<String, byte[]> plainFiles(Path location) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        String generation = Files.readString(location.resolve("synced/current"), StandardCharsets.UTF_8).strip();
        for (Path folder : List.of(location.resolve("store/blobs"), location.resolve("store/manifests"),
                location.resolve("runs"), location.resolve("synced").resolve(generation))) {
            for (Path file : listFiles(folder)) {
                String name = file.getFileName().toString();
                if (folder.endsWith("blobs") || name.endsWith(".json")) {
                    files.put(location.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                }
            }
        }
        return files;
    }

    /** The sealed file that holds the original {@code path}, opened: where docs/formats.md says it is. */
    private static byte[] openSealed(Path location, StoreKeys keys, String path) {
        try {
            String[] parts = path.split("/");
            String name = parts[parts.length - 1];
            if (path.startsWith("store/blobs/")) {
                String stored = keys.storedName(name);
                Path file = location.resolve("store/blobs").resolve(stored.substring(0, 2)).resolve(stored);
                return keys.open(Files.readAllBytes(file), "", file, StoreException.Kind.CORRUPT_BLOB);
            }
            if (path.startsWith("store/manifests/")) {
                Path file = location.resolve("store/manifests")
                        .resolve(keys.storedName(name.substring(0, name.length() - ".json".length())) + ".sealed");
                return keys.open(Files.readAllBytes(file), "", file, StoreException.Kind.CORRUPT_MANIFEST);
            }
            Path file = location.resolve(path);
            return keys.open(Files.readAllBytes(file), path, file, StoreException.Kind.CORRUPT_MANIFEST);
        } catch (IOException e) {
            throw new AssertionError(path + " is neither plain nor sealed and whole: " + e.getMessage(), e);
        }
    }

    private static StoreKeys keys(Path location) throws IOException {
        StoreKeys keys = StoreKeys.locked();
        keys.unlock(WorkspaceKeys.of(location).unlock(SealingCrashChild.USER, SealingCrashChild.PASSWORD.toCharArray()));
        return keys;
    }

    private static boolean isSealed(byte[] content) {
        return content.length >= SEALED_MAGIC.length
                && java.util.Arrays.equals(content, 0, SEALED_MAGIC.length, SEALED_MAGIC, 0, SEALED_MAGIC.length);
    }

    private static byte[] readOrNull(Path file) {
        try {
            return Files.exists(file) ? Files.readAllBytes(file) : null;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static boolean contains(byte[] content, byte[] part) {
        outer: for (int i = 0; i <= content.length - part.length; i++) {
            for (int j = 0; j < part.length; j++) {
                if (content[i + j] != part[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static long count(Map<String, byte[]> files, String prefix) {
        return files.keySet().stream().filter(path -> path.startsWith(prefix)).count();
    }

    private static List<Path> listFiles(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(Files::isRegularFile).sorted().toList();
        }
    }

    private static Path copy(Path from, Path to) throws IOException {
        List<Path> sources;
        try (Stream<Path> paths = Files.walk(from)) {
            sources = paths.sorted().toList();
        }
        for (Path source : sources) {
            Path target = to.resolve(from.relativize(source).toString());
            if (Files.isDirectory(source)) {
                Files.createDirectories(target);
            } else if (!source.getFileName().toString().equals("workspace.lock")) {
                Files.copy(source, target);
            }
        }
        return to;
    }
}
