package org.airgap.driver.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.airgap.store.ManifestEntry;
import org.airgap.store.PathGlob;
import org.airgap.store.Snapshot;
import org.airgap.store.SnapshotWriter;
import org.junit.jupiter.api.Test;

class FileListingTest {

    private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");

    /** Records folders and links; files are the driver's to write. */
    private static final class RecordingWriter implements SnapshotWriter {
        final List<String> calls = new ArrayList<>();

        @Override
        public OutputStream file(String path, Instant modified) {
            throw new AssertionError("file " + path);
        }

        @Override
        public ManifestEntry file(String path, Instant modified, InputStream content) {
            throw new AssertionError("file " + path);
        }

        @Override
        public void directory(String path, Instant modified) {
            calls.add("directory " + path + " " + modified);
        }

        @Override
        public void symlink(String path, String target) {
            calls.add("symlink " + path + " -> " + target);
        }

        @Override
        public long bytesWritten() {
            return 0;
        }

        @Override
        public Snapshot commit() {
            throw new AssertionError("commit");
        }

        @Override
        public void close() {
        }
    }

    private static final class RecordingProgress implements DriverProgress {
        final List<String> worked = new ArrayList<>();

        @Override
        public void begin(long totalWork, String unit) {
        }

        @Override
        public void worked(long work, String currentItem) {
            worked.add(work + " " + currentItem);
        }

        @Override
        public void log(String message) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }
    }

    private static List<String> paths(FileListing<?> listing) {
        return listing.items().stream().map(FileListing.Item::path).toList();
    }

    @Test
    void aFolderIsKeptWhenTheFilterTakesItOrAnythingBelowIt() {
        FileListing<String> listing = new FileListing<>(PathGlob.Filter.of(List.of("programs/**", "empty"), List.of()));

        int programs = listing.beginFolder("programs", T);
        listing.file("programs/main.mod", "/remote/programs/main.mod", 10, T);
        listing.endFolder(programs);
        int logs = listing.beginFolder("logs", T);
        listing.file("logs/today.log", "/remote/logs/today.log", 5, T); // not taken
        listing.endFolder(logs);
        int empty = listing.beginFolder("empty", T);
        listing.endFolder(empty);
        int deep = listing.beginFolder("deep", T);
        int inner = listing.beginFolder("deep/programs", T);
        listing.link("deep/programs/link", "target"); // not taken: deep/programs is not below programs/
        listing.endFolder(inner);
        listing.endFolder(deep);

        assertEquals(List.of("programs", "programs/main.mod", "empty"), paths(listing));
        assertFalse(listing.contains("logs"));
        assertEquals(1, listing.fileCount());
        assertEquals(10, listing.totalBytes());
    }

    @Test
    void eachPathIsListedOnce() {
        FileListing<String> listing = new FileListing<>(PathGlob.Filter.of(List.of(), List.of()));

        int first = listing.beginFolder("a", T);
        listing.file("a/x", "one", 1, T);
        listing.endFolder(first);
        assertEquals(-1, listing.beginFolder("a", T));
        listing.file("a/x", "two", 2, T);
        listing.endFolder(-1);

        assertTrue(listing.contains("a/x"));
        assertEquals(List.of("a", "a/x"), paths(listing));
        assertEquals(1, listing.totalBytes());
    }

    @Test
    void foldersAndLinksAreWrittenFilesAreHandedBack() {
        FileListing<String> listing = new FileListing<>(PathGlob.Filter.of(List.of(), List.of()));
        listing.beginFolder("f", T);
        listing.link("f/l", "../t");
        listing.file("f/x", "remote-x", 3, null);
        RecordingWriter snapshot = new RecordingWriter();
        RecordingProgress progress = new RecordingProgress();

        List<FileListing.Item<String>> items = listing.items();
        assertNull(FileListing.writeUnlessFile(items.get(0), snapshot, progress));
        assertNull(FileListing.writeUnlessFile(items.get(1), snapshot, progress));
        assertSame(items.get(2), FileListing.writeUnlessFile(items.get(2), snapshot, progress));

        assertEquals(List.of("directory f " + T, "symlink f/l -> ../t"), snapshot.calls);
        assertEquals(List.of("0 f", "0 f/l"), progress.worked);
    }
}
