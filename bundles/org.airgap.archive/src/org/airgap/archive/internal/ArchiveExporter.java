package org.airgap.archive.internal;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;

import org.airgap.archive.ArchiveFormat;
import org.airgap.store.ContentStore;
import org.airgap.store.EntryType;
import org.airgap.store.Manifest;
import org.airgap.store.ManifestEntry;
import org.airgap.store.ManifestFormat;
import org.airgap.store.Snapshot;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;

/** Writes one snapshot to a {@code .tar.gz} or {@code .zip} archive in the layout of docs/formats.md. */
public final class ArchiveExporter {

    private static final int BUFFER = 1024 * 1024;

    private final ContentStore store;
    private final Path archive;
    private final ArchiveFormat format;

    public ArchiveExporter(ContentStore store, Path archive, ArchiveFormat format) {
        this.store = store;
        this.archive = archive.toAbsolutePath();
        this.format = format;
    }

    /** For {@link #exportTo}: an archive without a file. */
    public ArchiveExporter(ContentStore store, ArchiveFormat format) {
        this.store = store;
        this.archive = null;
        this.format = format;
    }

    public void export(String snapshotId, IProgressMonitor monitor) throws IOException {
        Snapshot snapshot = safeSnapshot(snapshotId);
        SubMonitor progress = SubMonitor.convert(monitor, "Writing " + archive.getFileName(),
                snapshot.manifest().entries().size() + 1);
        Path folder = archive.getParent();
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, archive.getFileName().toString(), ".part");
        try {
            try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(temp), BUFFER)) {
                write(snapshot, file, progress);
            }
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, archive, StandardCopyOption.ATOMIC_MOVE);
            try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
                channel.force(true);
            } catch (IOException | UnsupportedOperationException e) {
                // folders cannot be synced on every platform (Windows); the rename is atomic regardless
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * Writes the archive straight to {@code out} (a download), which is flushed but not closed. The
     * snapshot is checked before the first byte; a later failure leaves {@code out} without the
     * archive's end, so the reader sees it incomplete.
     */
    public void exportTo(String snapshotId, OutputStream out, IProgressMonitor monitor) throws IOException {
        Snapshot snapshot = safeSnapshot(snapshotId);
        SubMonitor progress = SubMonitor.convert(monitor, "Writing snapshot " + snapshotId,
                snapshot.manifest().entries().size() + 1);
        // The archive's streams close what they write to: here that only flushes.
        OutputStream unclosed = new BufferedOutputStream(new FilterOutputStream(out) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                out.flush();
            }
        }, BUFFER);
        write(snapshot, unclosed, progress);
    }

    /** The snapshot, unless an archive of it is one that import would refuse. */
    private Snapshot safeSnapshot(String snapshotId) throws IOException {
        Snapshot snapshot = store.readSnapshot(snapshotId);
        // An archive that import would refuse is refused here, before it reaches a USB stick.
        String problem = problem(snapshot.manifest());
        if (problem != null) {
            throw new IOException("snapshot " + snapshotId + " cannot be archived safely: " + problem);
        }
        return snapshot;
    }

    /** The first entry an archive cannot carry safely (a link leaving the snapshot), or {@code null}. */
    public static String problem(Manifest manifest) {
        for (ManifestEntry entry : manifest.entries()) {
            String escape = entry.type() == EntryType.SYMLINK ? ArchiveLayout.linkEscapes(entry.path(),
                    entry.linkTarget()) : null;
            if (escape != null) {
                return "symbolic link '" + entry.path() + "': " + escape;
            }
        }
        return null;
    }

    private void write(Snapshot snapshot, OutputStream out, SubMonitor progress) throws IOException {
        byte[] manifestJson = ManifestFormat.toJson(snapshot.manifest());
        if (format == ArchiveFormat.TAR_GZ) {
            writeTarGz(out, snapshot, manifestJson, progress);
        } else {
            writeZip(out, snapshot, manifestJson, progress);
        }
    }

    /**
     * The time of the manifest entry and of entries the device gave no time: the newest time the manifest
     * has, else {@link #NO_TIME}. Not the export time, so that one snapshot always gives the same archive
     * bytes (a downloaded version can be compared with an earlier download of it).
     */
    static Instant entryTime(Snapshot snapshot) {
        return snapshot.manifest().entries().stream().map(ManifestEntry::modified).filter(Objects::nonNull)
                .max(Instant::compareTo).orElse(NO_TIME);
    }

    /** 1980-01-01, the earliest time both containers store (zip's DOS time starts there). */
    static final Instant NO_TIME = Instant.parse("1980-01-01T00:00:00Z");

    private void writeTarGz(OutputStream file, Snapshot snapshot, byte[] manifestJson, SubMonitor progress)
            throws IOException {
        Date now = Date.from(entryTime(snapshot));
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file),
                StandardCharsets.UTF_8.name())) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
            TarArchiveEntry manifest = new TarArchiveEntry(ArchiveLayout.MANIFEST);
            manifest.setSize(manifestJson.length);
            manifest.setModTime(now);
            tar.putArchiveEntry(manifest);
            tar.write(manifestJson);
            tar.closeArchiveEntry();
            progress.worked(1);
            for (ManifestEntry entry : snapshot.manifest().entries()) {
                checkCanceled(progress);
                String name = ArchiveLayout.FILES + entry.path();
                TarArchiveEntry tarEntry = switch (entry.type()) {
                    case FILE -> new TarArchiveEntry(name);
                    case DIRECTORY -> new TarArchiveEntry(name + "/");
                    case SYMLINK -> {
                        TarArchiveEntry link = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
                        link.setLinkName(entry.linkTarget());
                        yield link;
                    }
                };
                tarEntry.setModTime(entry.modified() != null ? Date.from(entry.modified()) : now);
                if (entry.type() == EntryType.FILE) {
                    tarEntry.setSize(entry.size());
                    tar.putArchiveEntry(tarEntry);
                    copyBlob(entry, tar, progress);
                } else {
                    tar.putArchiveEntry(tarEntry);
                }
                tar.closeArchiveEntry();
                progress.worked(1);
            }
            tar.finish();
        }
    }

    private void writeZip(OutputStream file, Snapshot snapshot, byte[] manifestJson, SubMonitor progress)
            throws IOException {
        FileTime now = FileTime.from(entryTime(snapshot));
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file)) {
            // Streaming zip: sizes come after the data, and Zip64 extra fields from the start, so that
            // files above 4 GB work without a seekable output.
            zip.setUseZip64(Zip64Mode.Always);
            ZipArchiveEntry manifest = new ZipArchiveEntry(ArchiveLayout.MANIFEST);
            manifest.setLastModifiedTime(now);
            zip.putArchiveEntry(manifest);
            zip.write(manifestJson);
            zip.closeArchiveEntry();
            progress.worked(1);
            for (ManifestEntry entry : snapshot.manifest().entries()) {
                checkCanceled(progress);
                String name = ArchiveLayout.FILES + entry.path();
                FileTime modified = entry.modified() != null ? FileTime.from(entry.modified()) : now;
                switch (entry.type()) {
                    case FILE -> {
                        ZipArchiveEntry zipEntry = new ZipArchiveEntry(name);
                        zipEntry.setUnixMode(UnixStat.FILE_FLAG | 0644);
                        zipEntry.setLastModifiedTime(modified);
                        zip.putArchiveEntry(zipEntry);
                        copyBlob(entry, zip, progress);
                    }
                    case DIRECTORY -> {
                        ZipArchiveEntry zipEntry = new ZipArchiveEntry(name + "/");
                        zipEntry.setUnixMode(UnixStat.DIR_FLAG | 0755);
                        zipEntry.setLastModifiedTime(modified);
                        zip.putArchiveEntry(zipEntry);
                    }
                    case SYMLINK -> {
                        // Info-ZIP's convention: the link flag in the Unix mode, the target as content.
                        ZipArchiveEntry zipEntry = new ZipArchiveEntry(name);
                        zipEntry.setUnixMode(UnixStat.LINK_FLAG | 0777);
                        zipEntry.setLastModifiedTime(modified);
                        zip.putArchiveEntry(zipEntry);
                        zip.write(entry.linkTarget().getBytes(StandardCharsets.UTF_8));
                    }
                }
                zip.closeArchiveEntry();
                progress.worked(1);
            }
            zip.finish();
        }
    }

    private void copyBlob(ManifestEntry entry, OutputStream out, SubMonitor progress) throws IOException {
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = store.openBlob(entry.sha256())) {
            for (int n; (n = in.read(buffer)) >= 0;) {
                out.write(buffer, 0, n);
                checkCanceled(progress);
            }
        }
    }

    private static void checkCanceled(IProgressMonitor monitor) {
        if (monitor.isCanceled()) {
            throw new OperationCanceledException();
        }
    }
}
