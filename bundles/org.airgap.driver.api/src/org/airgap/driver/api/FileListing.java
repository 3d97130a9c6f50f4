package org.airgap.driver.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.airgap.store.PathGlob;
import org.airgap.store.SnapshotWriter;

/**
 * What a backup of a device's files found, listed before anything is read (so that progress has a total
 * and a missing path is reported before any reading), in the order it is written to the snapshot. The
 * job's filter decides: links and files are listed when it accepts them; a folder is kept when it accepts
 * the folder or anything listed below it; each snapshot path is listed once.
 *
 * @param <S> where a file's content is read from (a local path, a remote name)
 * @since 0.2
 */
public final class FileListing<S> {

    /** A listed entry, named by its snapshot path. */
    public sealed interface Item<S> permits Folder, Link, File {
        String path();
    }

    public record Folder<S>(String path, Instant modified) implements Item<S> {
    }

    public record Link<S>(String path, String target) implements Item<S> {
    }

    /**
     * A file to read.
     *
     * @param modified as listed, or {@code null} when the driver reads it with the content
     */
    public record File<S>(String path, S source, long size, Instant modified) implements Item<S> {
    }

    private final PathGlob.Filter filter;
    private final List<Item<S>> items = new ArrayList<>();
    private final Set<String> paths = new HashSet<>();

    public FileListing(PathGlob.Filter filter) {
        this.filter = filter;
    }

    /** Whether {@code path} is listed already (configured paths may overlap). */
    public boolean contains(String path) {
        return paths.contains(path);
    }

    /**
     * Lists a folder before what is below it; returns the mark to give to {@link #endFolder} after them,
     * or -1 when the path was listed already.
     */
    public int beginFolder(String path, Instant modified) {
        return add(new Folder<>(path, modified)) ? items.size() - 1 : -1;
    }

    /** After what is below a folder: drops the folder when nothing below it was listed and the filter does not take it. */
    public void endFolder(int mark) {
        if (mark >= 0 && items.size() == mark + 1 && !filter.accepts(items.get(mark).path())) {
            paths.remove(items.remove(mark).path());
        }
    }

    /** Lists a link (recorded as a link, its target not read) when the filter accepts it. */
    public void link(String path, String target) {
        if (filter.accepts(path)) {
            add(new Link<>(path, target));
        }
    }

    /** Lists a file when the filter accepts it. */
    public void file(String path, S source, long size, Instant modified) {
        if (filter.accepts(path)) {
            add(new File<>(path, source, size, modified));
        }
    }

    private boolean add(Item<S> item) {
        if (!paths.add(item.path())) {
            return false;
        }
        items.add(item);
        return true;
    }

    public List<Item<S>> items() {
        return Collections.unmodifiableList(items);
    }

    public long fileCount() {
        return items.stream().filter(File.class::isInstance).count();
    }

    /** The size of all listed files, the total of a backup's progress in bytes. */
    public long totalBytes() {
        return items.stream().mapToLong(item -> item instanceof File<S> file ? file.size() : 0).sum();
    }

    /**
     * Writes a folder or a link into the snapshot (progress: no bytes, its path) and returns {@code null};
     * returns a file unwritten, for the driver to read.
     */
    public static <S> File<S> writeUnlessFile(Item<S> item, SnapshotWriter snapshot, DriverProgress progress) {
        switch (item) {
        case Folder<S> folder -> snapshot.directory(folder.path(), folder.modified());
        case Link<S> link -> snapshot.symlink(link.path(), link.target());
        case File<S> file -> {
            return file;
        }
        }
        progress.worked(0, item.path());
        return null;
    }
}
