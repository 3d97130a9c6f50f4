package org.airgap.demo.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The properties file a simulated device keeps its state in, read again whenever its modification time
 * changes (looked at every 500 ms), so that editing the file changes the device.
 */
final class WatchedFile implements AutoCloseable {

    /** Takes the file's lines into the device. */
    interface Loader {
        void load(Properties lines);
    }

    private final Path file;
    private final String device;
    private final Loader loader;
    private final ScheduledExecutorService watcher;
    private FileTime loaded = FileTime.fromMillis(0);

    /** Reads the file once; {@link #watch} starts looking for changes. */
    WatchedFile(Path file, String device, Loader loader) throws IOException {
        this.file = file;
        this.device = device;
        this.loader = loader;
        reload();
        watcher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, device + " file");
            thread.setDaemon(true);
            return thread;
        });
    }

    void watch() {
        watcher.scheduleWithFixedDelay(this::reloadQuietly, 500, 500, TimeUnit.MILLISECONDS);
    }

    /** After the device wrote the file itself: what it wrote is what it holds, nothing to read again. */
    synchronized void written() throws IOException {
        loaded = Files.getLastModifiedTime(file);
    }

    private void reloadQuietly() {
        try {
            reload();
        } catch (IOException | RuntimeException e) {
            System.err.println(device + ": cannot read " + file + ": " + e.getMessage());
        }
    }

    private synchronized void reload() throws IOException {
        FileTime modified = Files.getLastModifiedTime(file);
        if (!modified.equals(loaded)) {
            Properties lines = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                lines.load(reader);
            }
            loader.load(lines);
            loaded = modified;
        }
    }

    @Override
    public void close() {
        watcher.shutdownNow();
    }
}
