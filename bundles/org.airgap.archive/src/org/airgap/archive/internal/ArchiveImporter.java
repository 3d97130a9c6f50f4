package org.airgap.archive.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import org.airgap.archive.ArchiveFormat;
import org.airgap.archive.ArchiveRejectedException;
import org.airgap.archive.ImportOptions;
import org.airgap.store.ContentStore;
import org.airgap.store.EntryType;
import org.airgap.store.Manifest;
import org.airgap.store.ManifestEntry;
import org.airgap.store.ManifestFormat;
import org.airgap.store.ObservedInputStream;
import org.airgap.store.Paths;
import org.airgap.store.Snapshot;
import org.airgap.store.StoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;

/**
 * Imports an archive into a store. Nothing is written outside the store, and the manifest is stored
 * last: a refused archive leaves at most unreferenced blobs, which gc removes.
 */
public final class ArchiveImporter {

    /** manifest.json is read into memory; a manifest of a million entries stays well below this. */
    static final int MAX_MANIFEST_BYTES = 256 * 1024 * 1024;

    private final Path archive;
    private final ArchiveFormat format;
    private final ContentStore store;
    private final ImportOptions options;

    public ArchiveImporter(Path archive, ArchiveFormat format, ContentStore store, ImportOptions options) {
        this.archive = archive.toAbsolutePath();
        this.format = format;
        this.store = store;
        this.options = options;
    }

    public Snapshot run(IProgressMonitor monitor) throws IOException {
        try (EntryReader reader = format == ArchiveFormat.TAR_GZ ? EntryReader.tarGz(archive) : EntryReader.zip(archive)) {
            return read(reader, monitor);
        } catch (ArchiveRejectedException | StoreException | OperationCanceledException e) {
            throw e;
        } catch (IOException e) {
            // Damaged compression, truncated archive, bad headers: commons-compress names no file.
            throw new ArchiveRejectedException(archive, null, "cannot be read (damaged or not a " + format.suffix()
                    + " archive): " + e.getMessage(), e);
        }
    }

    private Snapshot read(EntryReader reader, IProgressMonitor monitor) throws IOException {
        EntryReader.Entry first = reader.next();
        if (first == null) {
            throw reject(null, "the archive is empty: it has no " + ArchiveLayout.MANIFEST);
        }
        if (first.kind() == EntryReader.Kind.OTHER) {
            throw reject(first.name(), "unsupported entry type: " + first.description());
        }
        if (!first.name().equals(ArchiveLayout.MANIFEST) || first.kind() != EntryReader.Kind.FILE) {
            throw reject(first.name(), "the first entry must be the file " + ArchiveLayout.MANIFEST
                    + ": not a snapshot archive, or its manifest is missing");
        }
        byte[] json = first.content().readNBytes(MAX_MANIFEST_BYTES + 1);
        if (json.length > MAX_MANIFEST_BYTES) {
            throw reject(first.name(), "larger than " + MAX_MANIFEST_BYTES + " bytes");
        }
        Manifest manifest;
        try {
            manifest = ManifestFormat.parse(json, archive.resolve(ArchiveLayout.MANIFEST));
        } catch (StoreException e) {
            throw reject(first.name(), e.getMessage(), e);
        }
        for (ManifestEntry entry : manifest.entries()) {
            String escape = entry.type() == EntryType.SYMLINK ? ArchiveLayout.linkEscapes(entry.path(),
                    entry.linkTarget()) : null;
            if (escape != null) {
                throw reject(ArchiveLayout.FILES + entry.path(), escape);
            }
        }
        long bound = options.maxTotalBytes() == ImportOptions.FROM_MANIFEST ? manifest.totalSize()
                : options.maxTotalBytes();
        if (manifest.totalSize() > bound) {
            throw reject(first.name(), "the manifest declares " + manifest.totalSize()
                    + " bytes of files, more than the limit of " + bound);
        }

        SubMonitor progress = SubMonitor.convert(monitor, "Importing " + archive.getFileName(),
                manifest.entries().size() + 1);
        progress.worked(1);
        Set<String> seen = new HashSet<>();
        long total = 0;
        for (EntryReader.Entry entry; (entry = reader.next()) != null;) {
            checkCanceled(progress);
            String name = entry.name();
            String path = snapshotPath(name, entry.kind());
            ManifestEntry expected = manifest.entry(path)
                    .orElseThrow(() -> reject(name, "the entry is not in the archive's manifest"));
            if (!seen.add(path)) {
                throw reject(name, "the entry appears twice");
            }
            switch (entry.kind()) {
                case FILE -> {
                    requireType(name, expected, EntryType.FILE, "file");
                    total += importFile(name, entry.content(), expected, bound - total, progress);
                }
                case DIRECTORY -> requireType(name, expected, EntryType.DIRECTORY, "directory");
                case SYMLINK -> {
                    requireType(name, expected, EntryType.SYMLINK, "symbolic link");
                    String escape = ArchiveLayout.linkEscapes(path, entry.linkTarget());
                    if (escape != null) {
                        throw reject(name, escape);
                    }
                    if (!entry.linkTarget().equals(expected.linkTarget())) {
                        throw reject(name, "the link points to '" + entry.linkTarget() + "', the manifest says '"
                                + expected.linkTarget() + "'");
                    }
                }
                case OTHER -> throw reject(name, "unsupported entry type: " + entry.description());
            }
            progress.worked(1);
        }
        for (ManifestEntry entry : manifest.entries()) {
            if (!seen.contains(entry.path())) {
                throw reject(ArchiveLayout.FILES + entry.path(), "the manifest lists this entry, the archive lacks it");
            }
        }
        return store.putManifest(manifest);
    }

    /** The snapshot path of an entry name, after the checks that keep extraction inside the snapshot. */
    private String snapshotPath(String name, EntryReader.Kind kind) throws ArchiveRejectedException {
        if (name.indexOf('\\') >= 0) {
            throw reject(name, "backslash in the entry name");
        }
        if (name.startsWith("/") || name.matches("^[A-Za-z]:.*")) {
            throw reject(name, "absolute path");
        }
        for (String segment : name.split("/")) {
            if (segment.equals("..")) {
                throw reject(name, "'..' in the entry name");
            }
        }
        if (!name.startsWith(ArchiveLayout.FILES)) {
            throw reject(name, "the entry lies outside " + ArchiveLayout.FILES + " (not part of a snapshot archive)");
        }
        String path = name.substring(ArchiveLayout.FILES.length());
        if (kind == EntryReader.Kind.DIRECTORY && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (!Paths.isValid(path)) {
            throw reject(name, "not a valid snapshot path");
        }
        return path;
    }

    private long importFile(String name, InputStream content, ManifestEntry expected, long remaining,
            IProgressMonitor monitor) throws IOException {
        long limit = Math.min(expected.size(), remaining);
        BoundedInputStream bounded = new BoundedInputStream(content, limit, monitor);
        String sha256;
        try {
            sha256 = store.putBlob(bounded);
        } catch (BoundExceeded e) {
            throw reject(name, limit < expected.size()
                    ? "the archive unpacks to more than the limit of " + options.maxTotalBytes() + " bytes"
                    : "the entry is larger than the " + expected.size() + " bytes its manifest records");
        }
        if (bounded.count() != expected.size()) {
            throw reject(name, "the entry has " + bounded.count() + " bytes, its manifest records " + expected.size());
        }
        if (!sha256.equals(expected.sha256())) {
            throw reject(name, "the content hashes to " + sha256 + ", its manifest records " + expected.sha256());
        }
        return bounded.count();
    }

    private void requireType(String name, ManifestEntry expected, EntryType type, String what)
            throws ArchiveRejectedException {
        if (expected.type() != type) {
            throw reject(name, "the archive has a " + what + ", the manifest a "
                    + expected.type().name().toLowerCase(java.util.Locale.ROOT));
        }
    }

    private ArchiveRejectedException reject(String entry, String problem) {
        return new ArchiveRejectedException(archive, entry, problem);
    }

    private ArchiveRejectedException reject(String entry, String problem, Throwable cause) {
        return new ArchiveRejectedException(archive, entry, problem, cause);
    }

    private static void checkCanceled(IProgressMonitor monitor) {
        if (monitor.isCanceled()) {
            throw new OperationCanceledException();
        }
    }

    private static final class BoundExceeded extends IOException {
        private static final long serialVersionUID = 1L;

        BoundExceeded() {
            super("bound exceeded");
        }
    }

    /** Fails the moment more than {@code limit} bytes come; checks cancellation. */
    private static final class BoundedInputStream extends ObservedInputStream {
        private final long limit;
        private final IProgressMonitor monitor;

        BoundedInputStream(InputStream in, long limit, IProgressMonitor monitor) {
            super(in);
            this.limit = limit;
            this.monitor = monitor;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            checkCanceled(monitor);
            // Ask for one byte beyond the limit at most, so an oversize entry is noticed without reading it all.
            return super.read(b, off, (int) Math.min(len, limit - count() + 1));
        }

        @Override
        protected void passed(byte[] b, int off, int n) throws IOException {
            if (count() > limit) {
                throw new BoundExceeded();
            }
        }

        @Override
        public void close() {
            // the archive's stream continues with the next entry
        }
    }
}
