package org.airgap.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

import org.airgap.archive.internal.ArchiveExporter;
import org.airgap.archive.internal.ArchiveImporter;
import org.airgap.store.ContentStore;
import org.airgap.store.Manifest;
import org.airgap.store.Snapshot;
import org.eclipse.core.runtime.IProgressMonitor;

/**
 * Exports snapshots to archives and imports them back. Layout: {@code manifest.json} first (the
 * snapshot's canonical manifest, so its SHA-256 is the snapshot id), then {@code files/<path>} for every
 * entry (docs/formats.md).
 */
public final class SnapshotArchives {

    private SnapshotArchives() {
    }

    /**
     * Writes snapshot {@code snapshotId} of {@code store} to {@code archive}, atomically: a partly written
     * archive never carries the final name. Blob hashes are verified while they are read.
     */
    public static void exportSnapshot(ContentStore store, String snapshotId, Path archive, ArchiveFormat format,
            IProgressMonitor monitor) throws IOException {
        new ArchiveExporter(store, archive, format).export(snapshotId, monitor);
    }

    /**
     * Writes snapshot {@code snapshotId} of {@code store} as an archive straight to {@code out} (a
     * download: no temporary file), which is flushed but not closed. The snapshot is checked before the
     * first byte is written; a failure later leaves the archive without its end, which readers detect.
     */
    public static void exportSnapshot(ContentStore store, String snapshotId, OutputStream out, ArchiveFormat format,
            IProgressMonitor monitor) throws IOException {
        new ArchiveExporter(store, format).exportTo(snapshotId, out, monitor);
    }

    /**
     * Why a snapshot with {@code manifest} cannot be exported as an archive, naming the entry, or
     * {@code null} when it can: a symbolic link that is absolute or leads outside the snapshot (the
     * device's link, kept as it is in the snapshot) would make an archive that import refuses and a
     * careless extractor follows outside its folder.
     *
     * @since 0.2
     */
    public static String exportProblem(Manifest manifest) {
        return ArchiveExporter.problem(manifest);
    }

    /** Imports with {@link ImportOptions#defaults()}; the format follows the file name. */
    public static Snapshot importArchive(Path archive, ContentStore store, IProgressMonitor monitor)
            throws IOException {
        return importArchive(archive, ArchiveFormat.of(archive), store, ImportOptions.defaults(), monitor);
    }

    /**
     * Checks and unpacks {@code archive} into {@code store} and stores its manifest last, so the snapshot
     * appears only when every entry passed the safety rules and its hash check.
     *
     * @throws ArchiveRejectedException naming the archive and the entry when it is refused
     */
    public static Snapshot importArchive(Path archive, ArchiveFormat format, ContentStore store, ImportOptions options,
            IProgressMonitor monitor) throws IOException {
        return new ArchiveImporter(archive, format, store, options).run(monitor);
    }
}
