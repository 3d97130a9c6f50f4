package org.airgap.store.internal;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.airgap.store.ContentStore.GcReport;
import org.airgap.store.ContentStore.VerifyReport;
import org.airgap.store.ManifestEntry;
import org.airgap.store.Paths;
import org.airgap.store.StoreException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;

/**
 * The store's upkeep: {@link #verify} re-hashes everything and names what is missing or corrupt;
 * {@link #gc} removes the blobs no manifest references and stale temporary files. Gc holds the gc lock
 * for writing, so no blob or manifest is committed meanwhile, and keeps the blobs writers have pinned.
 */
final class StoreMaintenance {

    private final FileContentStore store;
    private final StoreFiles files;
    private final BlobWriter writer;
    private final Duration tempFileGrace;

    StoreMaintenance(FileContentStore store, StoreFiles files, BlobWriter writer, Duration tempFileGrace) {
        this.store = store;
        this.files = files;
        this.writer = writer;
        this.tempFileGrace = tempFileGrace;
    }

    VerifyReport verify(IProgressMonitor monitor) throws IOException {
        if (files.keys().sealed()) {
            return new SealedVerify(store, files).verify(blobFiles(), monitor);
        }
        List<String> ids = store.snapshotIds();
        List<Path> blobFiles = blobFiles();
        SubMonitor progress = SubMonitor.convert(monitor, "Verifying the snapshot store", ids.size() + blobFiles.size());
        List<String> problems = new ArrayList<>();
        Map<String, ManifestEntry> firstUse = new HashMap<>();
        Map<String, String> firstUser = new HashMap<>();
        for (String id : ids) {
            StoreFiles.checkCanceled(progress);
            try {
                for (ManifestEntry entry : store.readSnapshot(id).manifest().entries()) {
                    if (entry.sha256() != null && firstUse.putIfAbsent(entry.sha256(), entry) == null) {
                        firstUser.put(entry.sha256(), files.manifestFile(id).toString());
                    }
                }
            } catch (StoreException e) {
                problems.add(e.getMessage());
            }
            progress.worked(1);
        }
        Set<String> present = new HashSet<>();
        byte[] buffer = new byte[StoreFiles.READ_BUFFER];
        for (Path file : blobFiles) {
            StoreFiles.checkCanceled(progress);
            String name = file.getFileName().toString();
            if (!Paths.isSha256(name) || !file.equals(files.blobFile(name))) {
                problems.add("unexpected file in the blob folder: " + file);
            } else {
                present.add(name);
                String actual = StoreFiles.hashFile(file, buffer, progress);
                if (!actual.equals(name)) {
                    problems.add("corrupt blob " + file + ": its content hashes to " + actual);
                } else if (firstUse.containsKey(name) && firstUse.get(name).size() != Files.size(file)) {
                    problems.add("manifest " + firstUser.get(name) + " records " + firstUse.get(name).size()
                            + " bytes for '" + firstUse.get(name).path() + "', but blob " + file + " has "
                            + Files.size(file));
                }
            }
            progress.worked(1);
        }
        firstUse.keySet().stream().filter(sha256 -> !present.contains(sha256)).sorted()
                .forEach(sha256 -> problems.add("missing blob " + files.blobFile(sha256) + ", referenced by manifest "
                        + firstUser.get(sha256) + " for '" + firstUse.get(sha256).path() + "'"));
        return new VerifyReport(ids.size(), present.size(), problems);
    }

    GcReport gc(IProgressMonitor monitor) throws IOException {
        files.gcLock().writeLock().lock();
        try {
            List<String> ids = store.snapshotIds();
            List<Path> blobFiles = blobFiles();
            SubMonitor progress = SubMonitor.convert(monitor, "Removing unreferenced blobs",
                    ids.size() + blobFiles.size() + 1);
            Set<String> keep = writer.pinned();
            for (String id : ids) {
                StoreFiles.checkCanceled(progress);
                try {
                    keep.addAll(store.readSnapshot(id).manifest().blobs());
                } catch (StoreException e) {
                    // An unreadable manifest's blobs are unknown: deleting anything could destroy them.
                    throw new StoreException(e.kind(), e.file(), "gc removed nothing: " + e.getMessage(), e);
                }
                progress.worked(1);
            }
            if (files.keys().sealed()) {
                Set<String> names = new HashSet<>();
                for (String sha256 : keep) {
                    names.add(files.storedName(sha256));
                }
                keep = names;
            }
            int removed = 0;
            long freed = 0;
            for (Path file : blobFiles) {
                StoreFiles.checkCanceled(progress);
                String name = file.getFileName().toString();
                if (!keep.contains(name)) {
                    long size = files.contentSize(Files.size(file)); // content bytes, sealed or not
                    if (Files.deleteIfExists(file)) {
                        removed++;
                        freed += size;
                    }
                }
                progress.worked(1);
            }
            int temporaryRemoved = removeStaleTempFiles();
            progress.worked(1);
            return new GcReport(removed, freed, temporaryRemoved);
        } finally {
            files.gcLock().writeLock().unlock();
        }
    }

    List<String> blobIds() throws IOException {
        if (files.keys().sealed()) {
            throw new StoreException(StoreException.Kind.INVALID_INPUT, files.blobs(),
                    "a sealed store names its blobs by HMAC: it lists no SHA-256 ids (gc it with gc)");
        }
        List<String> ids = new ArrayList<>();
        for (Path file : blobFiles()) {
            String name = file.getFileName().toString();
            if (Paths.isSha256(name) && file.equals(files.blobFile(name))) {
                ids.add(name);
            }
        }
        return ids;
    }

    /**
     * One blob, under the gc lock so that no manifest naming it is stored while it goes. A file changed
     * since {@code unchangedBefore} is kept: it may have arrived after the caller looked at what is in use.
     */
    long removeBlob(String sha256, Instant unchangedBefore) throws IOException {
        Path file = files.blobFile(sha256);
        files.gcLock().writeLock().lock();
        try {
            BasicFileAttributes attributes;
            try {
                attributes = Files.readAttributes(file, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                return -1;
            }
            if (!attributes.lastModifiedTime().toInstant().isBefore(unchangedBefore)
                    || writer.pinned().contains(sha256)) {
                return -1;
            }
            try {
                return Files.deleteIfExists(file) ? attributes.size() : -1;
            } catch (AccessDeniedException e) {
                return -1; // open for reading where open files cannot be deleted (Windows): the next gc
            }
        } finally {
            files.gcLock().writeLock().unlock();
        }
    }

    private int removeStaleTempFiles() throws IOException {
        Instant limit = Instant.now().minus(tempFileGrace);
        int removed = 0;
        try (DirectoryStream<Path> tempFiles = Files.newDirectoryStream(files.tmp())) {
            for (Path file : tempFiles) {
                if (!files.isActiveTempFile(file) && Files.isRegularFile(file)
                        && Files.getLastModifiedTime(file).toInstant().isBefore(limit) && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    private List<Path> blobFiles() throws IOException {
        List<Path> blobFiles = new ArrayList<>();
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(files.blobs())) {
            for (Path folder : folders) {
                if (Files.isDirectory(folder)) {
                    try (DirectoryStream<Path> inFolder = Files.newDirectoryStream(folder)) {
                        inFolder.forEach(blobFiles::add);
                    }
                } else {
                    blobFiles.add(folder);
                }
            }
        }
        blobFiles.sort(null);
        return blobFiles;
    }
}
