package org.airgap.store.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.airgap.store.ContentStore;
import org.airgap.store.Manifest;
import org.airgap.store.ManifestEntry;
import org.airgap.store.ManifestFormat;
import org.airgap.store.Paths;
import org.airgap.store.Snapshot;
import org.airgap.store.SnapshotWriter;
import org.airgap.store.StoreException;
import org.airgap.store.StoreException.Kind;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;

/**
 * The store on a local file system (layout and protocol: docs/formats.md). Writes go to {@code tmp/},
 * are synced and renamed atomically to their final name, then the folder is synced. Concurrent use
 * inside one process is safe: gc excludes blob and manifest commits by a lock, and blobs of writers
 * not yet committed are pinned. Two processes must not run gc while the other writes (a commit then
 * fails with MISSING_BLOB rather than storing a manifest without its blobs).
 */
public final class FileContentStore implements ContentStore {

    /**
     * Wraps the stream every store file is written through; tests inject write failures (a full disk)
     * with it.
     */
    @FunctionalInterface
    public interface WriteHook {
        WriteHook NONE = (file, out) -> out;

        OutputStream wrap(Path file, OutputStream out) throws IOException;
    }

    static final int READ_BUFFER = 1024 * 1024;

    /** Temporary files younger than this may belong to another process still writing: gc leaves them. */
    static final Duration TEMP_FILE_GRACE = Duration.ofHours(1);

    private final Path root;
    private final Path blobs;
    private final Path manifests;
    private final Path tmp;
    private final WriteHook writeHook;
    private final Duration tempFileGrace;
    private final ReadWriteLock gcLock = new ReentrantReadWriteLock();
    private final Set<Path> activeTempFiles = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> pinnedBlobs = new HashMap<>();

    private FileContentStore(Path root, WriteHook writeHook, Duration tempFileGrace) {
        this.root = root;
        this.blobs = root.resolve("blobs");
        this.manifests = root.resolve("manifests");
        this.tmp = root.resolve("tmp");
        this.writeHook = writeHook;
        this.tempFileGrace = tempFileGrace;
    }

    public static FileContentStore open(Path root, WriteHook writeHook) throws IOException {
        return open(root, writeHook, TEMP_FILE_GRACE);
    }

    public static FileContentStore open(Path root, WriteHook writeHook, Duration tempFileGrace) throws IOException {
        Path absolute = root.toAbsolutePath().normalize();
        FileContentStore store = new FileContentStore(absolute, writeHook, tempFileGrace);
        for (Path folder : List.of(absolute, store.blobs, store.manifests, store.tmp)) {
            if (!Files.isDirectory(folder)) {
                Files.createDirectories(folder);
                syncDirectory(folder.getParent());
            }
        }
        return store;
    }

    @Override
    public Path root() {
        return root;
    }

    WriteHook writeHook() {
        return writeHook;
    }

    // ---- blobs

    @Override
    public String putBlob(InputStream content) throws IOException {
        BlobSink sink = new BlobSink(this, "a blob");
        try {
            byte[] buffer = new byte[READ_BUFFER];
            for (int n; (n = content.read(buffer)) >= 0;) {
                sink.write(buffer, 0, n);
            }
            return sink.finish(false).sha256();
        } finally {
            sink.abort(); // no effect after finish
        }
    }

    @Override
    public boolean hasBlob(String sha256) {
        return Paths.isSha256(sha256) && Files.isRegularFile(blobFile(sha256));
    }

    @Override
    public long blobSize(String sha256) throws IOException {
        Path file = blobFile(requireSha256(sha256));
        try {
            return Files.size(file);
        } catch (NoSuchFileException e) {
            throw missingBlob(sha256, file);
        }
    }

    @Override
    public InputStream openBlob(String sha256) throws IOException {
        Path file = blobFile(requireSha256(sha256));
        try {
            return new VerifyingInputStream(Files.newInputStream(file), sha256, file);
        } catch (NoSuchFileException e) {
            throw missingBlob(sha256, file);
        }
    }

    /** The final file of a blob: {@code blobs/<first two hex digits>/<sha256>}. */
    public Path blobFile(String sha256) {
        return blobs.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    /**
     * Moves a synced temporary file to its blob's name, unless the blob is there already with the same
     * size (content addressing: same name, same bytes; a different size means the stored copy is damaged,
     * and the new copy replaces it).
     */
    void commitBlob(Path temp, String sha256, long size, boolean pin, SyncAction sync) throws IOException {
        gcLock.readLock().lock();
        try {
            if (pin) {
                pin(sha256);
            }
            Path file = blobFile(sha256);
            if (Files.isRegularFile(file) && Files.size(file) == size) {
                return;
            }
            Path folder = file.getParent();
            if (!Files.isDirectory(folder)) {
                Files.createDirectories(folder);
                syncDirectory(blobs);
            }
            sync.run();
            moveAtomically(temp, file);
        } finally {
            gcLock.readLock().unlock();
        }
    }

    /** Makes a temporary file durable before it is renamed. */
    @FunctionalInterface
    interface SyncAction {
        void run() throws IOException;
    }

    private synchronized void pin(String sha256) {
        pinnedBlobs.merge(sha256, 1, Integer::sum);
    }

    synchronized void unpin(String sha256) {
        pinnedBlobs.computeIfPresent(sha256, (key, count) -> count == 1 ? null : count - 1);
    }

    private synchronized Set<String> pinned() {
        return new HashSet<>(pinnedBlobs.keySet());
    }

    // ---- manifests

    @Override
    public Snapshot putManifest(Manifest manifest) throws IOException {
        byte[] json = ManifestFormat.toJson(manifest);
        String id = ManifestFormat.sha256(json);
        gcLock.readLock().lock();
        try {
            // A manifest is only stored with all its blobs: a concurrent gc or a caller's mistake
            // must not leave a snapshot that cannot be restored.
            for (ManifestEntry entry : manifest.entries()) {
                if (entry.sha256() != null && !hasBlob(entry.sha256())) {
                    throw new StoreException(Kind.MISSING_BLOB, blobFile(entry.sha256()), "cannot store the manifest: '"
                            + entry.path() + "' needs blob " + blobFile(entry.sha256()) + ", which is not in the store");
                }
            }
            Path file = manifestFile(id);
            if (!Files.isRegularFile(file)) {
                writeAtomically(file, json, "manifest-");
            }
        } finally {
            gcLock.readLock().unlock();
        }
        return new Snapshot(id, manifest);
    }

    @Override
    public Snapshot readSnapshot(String id) throws IOException {
        if (!Paths.isSha256(id)) {
            throw new StoreException(Kind.INVALID_INPUT, null, "not a snapshot id (64 lower-case hex digits): '" + id + "'");
        }
        Path file = manifestFile(id);
        byte[] json;
        try {
            json = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new StoreException(Kind.MISSING_MANIFEST, file, "snapshot " + id + " is not in the store: no " + file, e);
        }
        Manifest manifest = ManifestFormat.parse(json, file);
        String actual = ManifestFormat.sha256(json);
        if (!actual.equals(id)) {
            throw new StoreException(Kind.CORRUPT_MANIFEST, file,
                    "manifest " + file + " is corrupt: its content hashes to " + actual + ", not to its name");
        }
        return new Snapshot(id, manifest);
    }

    @Override
    public boolean hasSnapshot(String id) {
        return Paths.isSha256(id) && Files.isRegularFile(manifestFile(id));
    }

    @Override
    public List<String> snapshotIds() throws IOException {
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(manifests, "*.json")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String id = name.substring(0, name.length() - ".json".length());
                if (Paths.isSha256(id)) {
                    ids.add(id);
                }
            }
        }
        ids.sort(null);
        return ids;
    }

    public Path manifestFile(String id) {
        return manifests.resolve(id + ".json");
    }

    @Override
    public SnapshotWriter newSnapshot() {
        return new FileSnapshotWriter(this);
    }

    // ---- verify and gc

    @Override
    public VerifyReport verify(IProgressMonitor monitor) throws IOException {
        List<String> ids = snapshotIds();
        List<Path> blobFiles = blobFiles();
        SubMonitor progress = SubMonitor.convert(monitor, "Verifying the snapshot store", ids.size() + blobFiles.size());
        List<String> problems = new ArrayList<>();
        Map<String, ManifestEntry> firstUse = new HashMap<>();
        Map<String, String> firstUser = new HashMap<>();
        for (String id : ids) {
            checkCanceled(progress);
            try {
                for (ManifestEntry entry : readSnapshot(id).manifest().entries()) {
                    if (entry.sha256() != null && firstUse.putIfAbsent(entry.sha256(), entry) == null) {
                        firstUser.put(entry.sha256(), manifestFile(id).toString());
                    }
                }
            } catch (StoreException e) {
                problems.add(e.getMessage());
            }
            progress.worked(1);
        }
        Set<String> present = new HashSet<>();
        byte[] buffer = new byte[READ_BUFFER];
        for (Path file : blobFiles) {
            checkCanceled(progress);
            String name = file.getFileName().toString();
            if (!Paths.isSha256(name) || !file.equals(blobFile(name))) {
                problems.add("unexpected file in the blob folder: " + file);
            } else {
                present.add(name);
                String actual = hashFile(file, buffer, progress);
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
                .forEach(sha256 -> problems.add("missing blob " + blobFile(sha256) + ", referenced by manifest "
                        + firstUser.get(sha256) + " for '" + firstUse.get(sha256).path() + "'"));
        return new VerifyReport(ids.size(), present.size(), problems);
    }

    @Override
    public GcReport gc(IProgressMonitor monitor) throws IOException {
        gcLock.writeLock().lock();
        try {
            List<String> ids = snapshotIds();
            List<Path> blobFiles = blobFiles();
            SubMonitor progress = SubMonitor.convert(monitor, "Removing unreferenced blobs",
                    ids.size() + blobFiles.size() + 1);
            Set<String> keep = pinned();
            for (String id : ids) {
                checkCanceled(progress);
                try {
                    keep.addAll(readSnapshot(id).manifest().blobs());
                } catch (StoreException e) {
                    // An unreadable manifest's blobs are unknown: deleting anything could destroy them.
                    throw new StoreException(e.kind(), e.file(), "gc removed nothing: " + e.getMessage(), e);
                }
                progress.worked(1);
            }
            int removed = 0;
            long freed = 0;
            for (Path file : blobFiles) {
                checkCanceled(progress);
                String name = file.getFileName().toString();
                if (!keep.contains(name)) {
                    long size = Files.size(file);
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
            gcLock.writeLock().unlock();
        }
    }

    private int removeStaleTempFiles() throws IOException {
        Instant limit = Instant.now().minus(tempFileGrace);
        int removed = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(tmp)) {
            for (Path file : files) {
                if (!activeTempFiles.contains(file) && Files.isRegularFile(file)
                        && Files.getLastModifiedTime(file).toInstant().isBefore(limit) && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    private List<Path> blobFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(blobs)) {
            for (Path folder : folders) {
                if (Files.isDirectory(folder)) {
                    try (DirectoryStream<Path> inFolder = Files.newDirectoryStream(folder)) {
                        inFolder.forEach(files::add);
                    }
                } else {
                    files.add(folder);
                }
            }
        }
        files.sort(null);
        return files;
    }

    private static String hashFile(Path file, byte[] buffer, IProgressMonitor monitor) throws IOException {
        MessageDigest digest = ManifestFormat.newSha256();
        try (InputStream in = Files.newInputStream(file)) {
            for (int n; (n = in.read(buffer)) >= 0;) {
                digest.update(buffer, 0, n);
                checkCanceled(monitor);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void checkCanceled(IProgressMonitor monitor) {
        if (monitor.isCanceled()) {
            throw new OperationCanceledException();
        }
    }

    // ---- atomic files

    Path newTempFile(String prefix) throws IOException {
        Path file = Files.createTempFile(tmp, prefix, ".tmp");
        activeTempFiles.add(file);
        return file;
    }

    void discardTempFile(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // left for gc, which removes stale temporary files
        }
        activeTempFiles.remove(file);
    }

    /** Writes {@code content} to {@code target} by the atomic protocol: temp file, fsync, rename, fsync folder. */
    private void writeAtomically(Path target, byte[] content, String prefix) throws IOException {
        Path temp = newTempFile(prefix);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                try (OutputStream out = writeHook.wrap(temp, Channels.newOutputStream(channel))) {
                    out.write(content);
                    channel.force(true);
                }
            } catch (IOException e) {
                throw new StoreException(Kind.NO_SPACE, temp, "cannot write " + target.getFileName() + " to " + temp
                        + " (disk full?): " + e.getMessage() + "; the partial file was removed", e);
            }
            moveAtomically(temp, target);
        } finally {
            discardTempFile(temp);
        }
    }

    private static void moveAtomically(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            // Some platforms refuse to replace; the target is the same content by its name.
            return;
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + target + " cannot rename atomically", e);
        }
        syncDirectory(target.getParent());
    }

    /** Makes a rename or a new entry durable; platforms that cannot open a folder (Windows) skip it. */
    static void syncDirectory(Path folder) throws IOException {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (UnsupportedOperationException | java.nio.file.AccessDeniedException e) {
            // not supported here; the rename itself is still atomic
        }
    }

    // ---- messages

    private static String requireSha256(String sha256) throws StoreException {
        if (!Paths.isSha256(sha256)) {
            throw new StoreException(Kind.INVALID_INPUT, null, "not a SHA-256 (64 lower-case hex digits): '" + sha256 + "'");
        }
        return sha256;
    }

    private StoreException missingBlob(String sha256, Path file) {
        return new StoreException(Kind.MISSING_BLOB, file, "blob " + sha256 + " is not in the store: no " + file);
    }
}
