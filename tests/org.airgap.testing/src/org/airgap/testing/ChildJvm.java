package org.airgap.testing;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.eclipse.core.runtime.FileLocator;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * The victim of a crash test: a plain JVM (no OSGi) running a test's {@code main} class on the class path of
 * the bundles it needs, whose output lines the test reads as they come, and which the test kills with
 * SIGKILL (no shutdown hook, no flush) at an instant of its choosing. Used by the workspace's crash tests
 * ({@code CrashSafetyTest}) and the sealing migration's ({@code SealingCrashTest}).
 */
public final class ChildJvm implements AutoCloseable {

    /** A line of the child's output (stdout and stderr) and when the test read it. */
    public record Line(String text, long nanoTime) {
    }

    private final Process process;
    private final String name;
    /** Every line read so far. Guarded by itself. */
    private final List<Line> lines = new ArrayList<>();
    /** The lines {@link #awaitLine} has passed. Guarded by {@link #lines}. */
    private int consumed;
    /** Whether the output has ended (the child died). Guarded by {@link #lines}. */
    private boolean ended;

    private ChildJvm(Process process, String name) {
        this.process = process;
        this.name = name;
        Thread reader = new Thread(this::readOutput, "child-jvm-output " + name);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code main} with {@code args} in a new JVM (this JVM's {@code java}) on {@code classpath}, with
     * {@code jvmOptions} (system properties, heap) before the class name.
     */
    public static ChildJvm start(List<String> classpath, List<String> jvmOptions, Class<?> main, String... args)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath));
        command.add(main.getName());
        command.addAll(List.of(args));
        return new ChildJvm(new ProcessBuilder(command).redirectErrorStream(true).start(), main.getSimpleName());
    }

    /**
     * The plain-Java class path of the code a child runs: the jar or class folder of each bundle that one of
     * {@code bundleClasses} comes from, and the class folder of {@code testClass} (a test fragment's classes
     * are loaded by its host, so its own folder is found from its class file).
     */
    public static List<String> classpath(Class<?> testClass, Class<?>... bundleClasses) throws IOException {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> type : bundleClasses) {
            entries.add(location(FrameworkUtil.getBundle(type)));
        }
        URL self = FileLocator.toFileURL(testClass.getResource(testClass.getSimpleName() + ".class"));
        Path root = Path.of(self.getPath());
        for (int i = testClass.getName().split("\\.").length; i > 0; i--) {
            root = root.getParent();
        }
        entries.add(root.toString());
        return new ArrayList<>(entries);
    }

    private static String location(Bundle bundle) throws IOException {
        if (bundle == null) {
            throw new IOException("a class of the child's class path comes from no bundle");
        }
        File file = FileLocator.getBundleFileLocation(bundle).orElseThrow(
                () -> new IOException("no file for bundle " + bundle.getSymbolicName()));
        // A reactor bundle may run from its project folder; its classes are then in target/classes.
        File classes = new File(file, "target/classes");
        return file.isDirectory() && classes.isDirectory() ? classes.getPath() : file.getPath();
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * A new folder for a crash test's files: on a RAM file system ({@code /dev/shm}) when there is one, else in
     * {@code fallback}. SIGKILL ends the process, not the machine: the page cache keeps every write, so fsync
     * plays no part in what a kill leaves, and a disk's fsyncs would only make every kill slower. The test
     * deletes it ({@link #deleteTree}).
     */
    public static Path scratchFolder(Path fallback) throws IOException {
        Path ram = Path.of("/dev/shm");
        Path parent = Files.isDirectory(ram) && Files.isWritable(ram) ? ram : fallback;
        return Files.createTempDirectory(parent, "airgap-crash-");
    }

    /** Deletes {@code folder} and everything in it. */
    public static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /**
     * For the child's {@code main}: ends the child when its standard input ends, that is when the test's JVM
     * died (a build killed), so that no child goes on writing without its test. Call it after reading what
     * the test {@link #send sends}.
     */
    public static void endWithParent(java.io.InputStream stdin) {
        Thread watch = new Thread(() -> {
            try {
                while (stdin.read() >= 0) {
                    // nothing more is sent
                }
            } catch (IOException e) {
                // the pipe broke: the parent is gone as well
            }
            Runtime.getRuntime().halt(3);
        }, "end-with-parent");
        watch.setDaemon(true);
        watch.start();
    }

    private void readOutput() {
        try (BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String text; (text = output.readLine()) != null;) {
                synchronized (lines) {
                    lines.add(new Line(text, System.nanoTime()));
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the child died
        } finally {
            synchronized (lines) {
                ended = true;
                lines.notifyAll();
            }
        }
    }

    /** Writes a line to the child's standard input (a key, which must not appear on its command line). */
    public void send(String line) {
        try {
            OutputStream in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the child " + name, e);
        }
    }

    /**
     * The next line that starts with {@code prefix} (lines before it are passed over).
     *
     * @throws AssertionError when the child ends before it, or after {@code timeout}, with the child's output
     */
    public Line awaitLine(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            while (true) {
                while (consumed < lines.size()) {
                    Line line = lines.get(consumed++);
                    if (line.text().startsWith(prefix)) {
                        return line;
                    }
                }
                long left = deadline - System.nanoTime();
                if (ended || left <= 0) {
                    throw new AssertionError("the child " + name + (ended ? " ended" : " took longer than " + timeout)
                            + " before printing '" + prefix + "'; its output:\n" + output());
                }
                TimeUnit.NANOSECONDS.timedWait(lines, left);
            }
        }
    }

    /** The texts of all lines read so far that start with {@code prefix}, without it. */
    public List<String> linesStartingWith(String prefix) {
        synchronized (lines) {
            return lines.stream().map(Line::text).filter(text -> text.startsWith(prefix))
                    .map(text -> text.substring(prefix.length())).toList();
        }
    }

    /** The child's output so far, one line each. */
    public String output() {
        synchronized (lines) {
            StringBuilder text = new StringBuilder();
            lines.forEach(line -> text.append(line.text()).append('\n'));
            return text.toString();
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the child to end by itself; its exit code. */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the child " + name + " did not end within " + timeout + "; its output:\n"
                    + output());
        }
        awaitOutputEnd();
        return process.exitValue();
    }

    /** After the child's end: until every line it printed has been read. */
    private void awaitOutputEnd() throws InterruptedException {
        synchronized (lines) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!ended && System.nanoTime() < deadline) {
                TimeUnit.NANOSECONDS.timedWait(lines, deadline - System.nanoTime());
            }
        }
    }

    /**
     * Kills the child with SIGKILL now and waits until it is gone; true when it was still running (it did
     * not end by itself before).
     */
    public boolean kill() throws InterruptedException {
        boolean running = process.isAlive();
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the child " + name + " did not die within 30 s of SIGKILL");
        }
        awaitOutputEnd();
        return running;
    }

    /** Kills the child if it still runs (a failed test must not leave it writing). */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
