package org.airgap.store.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
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
import java.nio.file.attribute.BasicFileAttributes;
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
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
import org.eclipse.core.runtime.NullProgressMonitor;
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

        /**
         * Called on the finalizing thread just before a temporary blob file is synced; tests delay the
         * background finalization or make it fail (an I/O error at sync) with it.
         */
        default void beforeSync(Path file) throws IOException {
        }
    }

    static final int READ_BUFFER = 1024 * 1024;

    /**
     * Background threads that sync and rename blobs. They mostly wait for the disk, so more threads than
     * cores pay: concurrent syncs are committed together by the file system's journal.
     */
    static final int FINALIZER_THREADS = 8;

    /** Threads writing chunks of large content: one per concurrent writer of a large file pays. */
    static final int WRITER_THREADS = 2;

    /** Finalizations in flight per store, at most: each holds an open file. */
    static final int MAX_PENDING_FINALIZATIONS = 64;

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
    private final ThreadPoolExecutor finalizers;
    /** Creates temporary files ahead ({@link TempFileReserve}): not queued behind the finalizations. */
    private final ThreadPoolExecutor creators;
    /** Writes chunks of large content while the writer's thread reads and hashes the next one. */
    private final ThreadPoolExecutor chunkWriters;
    private final Semaphore finalizationSlots = new Semaphore(MAX_PENDING_FINALIZATIONS);
    /** Blob folders with a rename (or a new sub-folder) not yet made durable by a folder sync. */
    private final Set<Path> unsyncedFolders = ConcurrentHashMap.newKeySet();
    private final Object folderSyncLock = new Object();

    private FileContentStore(Path root, WriteHook writeHook, Duration tempFileGrace) {
        this.root = root;
        this.blobs = root.resolve("blobs");
        this.manifests = root.resolve("manifests");
        this.tmp = root.resolve("tmp");
        this.writeHook = writeHook;
        this.tempFileGrace = tempFileGrace;
        this.finalizers = daemonPool("airgap-store-sync-", FINALIZER_THREADS);
        this.creators = daemonPool("airgap-store-create-", 1);
        this.chunkWriters = daemonPool("airgap-store-write-", WRITER_THREADS);
    }

    /** Threads that end when idle (a store has no close) and never keep the VM alive. */
    private static ThreadPoolExecutor daemonPool(String namePrefix, int threads) {
        AtomicInteger threadNumber = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 10, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, namePrefix + threadNumber.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
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
        PendingWrites pending = new PendingWrites();
        TempFileReserve temps = new TempFileReserve(this, 0, pending); // one file: nothing to create ahead
        BlobSink sink = new BlobSink(this, "a blob", new byte[BlobSink.SMALL_LIMIT], temps, pending);
        String sha256;
        try {
            sink.transferFrom(content, n -> {
            });
            sha256 = sink.finish(false).sha256();
        } finally {
            sink.abort(); // no effect after finish
        }
        // The caller may name the blob in a manifest right away: it must be durable on return.
        pending.awaitAll();
        syncBlobFolders();
        return sha256;
    }

    @Override
    public void moveBlobIn(Path file, String sha256) throws IOException {
        requireSha256(sha256);
        long size;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            String actual = hashFile(file, new byte[READ_BUFFER], new NullProgressMonitor());
            if (!actual.equals(sha256)) {
                throw new StoreException(Kind.INVALID_INPUT, file, "the file " + file + " has SHA-256 " + actual
                        + ", not " + sha256 + "; it was not stored");
            }
            size = channel.size();
            channel.force(true);
        }
        boolean renamed;
        gcLock.readLock().lock();
        try {
            renamed = renameIntoBlobs(file, sha256, size);
        } finally {
            gcLock.readLock().unlock();
        }
        if (!renamed) {
            try (InputStream in = Files.newInputStream(file)) {
                String stored = putBlob(in);
                if (!stored.equals(sha256)) {
                    throw new StoreException(Kind.INVALID_INPUT, file, "the file " + file
                            + " changed while it was stored (now " + stored + ")");
                }
            }
            Files.delete(file);
        }
        syncBlobFolders();
    }

    /**
     * Renames a checked, synced file to the blob's name (or deletes it when the blob is there); false
     * when the file is on another file system and must be copied. Called with the gc lock held.
     */
    private boolean renameIntoBlobs(Path file, String sha256, long size) throws IOException {
        if (hasBlobOfSize(sha256, size)) {
            Files.delete(file);
            return true;
        }
        Path target = blobFile(sha256);
        Path folder = target.getParent();
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder);
            unsyncedFolders.add(blobs);
        }
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException otherFileSystem) {
            return false;
        }
        unsyncedFolders.add(folder);
        return true;
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
     * Stores content known in full (small content, hashed in memory). Nothing is written when the blob
     * is there already with the same size; otherwise the content goes to a temporary file now (so that a
     * full disk fails the caller's write) and is synced and renamed in the background.
     */
    void storeContent(byte[] content, int length, String sha256, String description, boolean pin,
            TempFileReserve temps, PendingWrites pending) throws IOException {
        if (isStored(sha256, length, pin)) {
            return;
        }
        Path temp = null;
        FileChannel channel = null;
        boolean slot = false;
        try {
            acquireFinalizationSlot();
            slot = true;
            temp = temps.take();
            channel = FileChannel.open(temp, StandardOpenOption.WRITE);
            try {
                OutputStream out = writeHook.wrap(temp, Channels.newOutputStream(channel));
                out.write(content, 0, length);
                out.flush();
            } catch (IOException e) {
                throw writeFailed(description, temp, e);
            }
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            if (temp != null) {
                discardTempFile(temp);
            }
            if (slot) {
                finalizationSlots.release();
            }
            if (pin) {
                unpin(sha256); // the caller records no entry, so it will not unpin
            }
            throw e;
        }
        finalizeInBackground(temp, channel, sha256, length, description, pending);
    }

    /**
     * Stores a written, unsynced temporary file (large content). When the blob is there already the
     * file is deleted unsynced; otherwise it is synced and renamed in the background. Either way this
     * store owns {@code channel} and {@code temp} from the call on.
     */
    void storeTempFile(Path temp, FileChannel channel, String sha256, long size, String description, boolean pin,
            PendingWrites pending) throws IOException {
        boolean stored;
        try {
            acquireFinalizationSlot();
        } catch (IOException e) {
            closeQuietly(channel);
            discardTempFile(temp);
            throw e;
        }
        try {
            stored = isStored(sha256, size, pin);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            discardTempFile(temp);
            finalizationSlots.release();
            throw e;
        }
        if (stored) {
            // Deleting a large file that was just written can wait for its write-back: not on the
            // caller's thread.
            pending.started();
            finalizers.execute(() -> {
                try {
                    closeQuietly(channel);
                    discardTempFile(temp);
                } finally {
                    finalizationSlots.release();
                    pending.finished(null);
                }
            });
            return;
        }
        finalizeInBackground(temp, channel, sha256, size, description, pending);
    }

    /** Runs one chunk write of a large blob in the background ({@link BlobSink#transferFrom}). */
    Future<?> writeInBackground(Callable<Void> write) {
        return chunkWriters.submit(write);
    }

    /** Runs a {@link TempFileReserve} refill in the background. */
    void refillInBackground(Runnable refill) {
        creators.execute(refill);
    }

    /** Whether the blob is stored with this size; pins it first when {@code pin}, so gc keeps it. */
    private boolean isStored(String sha256, long size, boolean pin) throws IOException {
        gcLock.readLock().lock();
        try {
            if (pin) {
                pin(sha256);
            }
            return hasBlobOfSize(sha256, size);
        } finally {
            gcLock.readLock().unlock();
        }
    }

    private boolean hasBlobOfSize(String sha256, long size) throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(blobFile(sha256), BasicFileAttributes.class);
            return attributes.isRegularFile() && attributes.size() == size;
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    /**
     * Bounds the finalizations in flight (each holds an open file) and makes a writer that is faster
     * than the disk wait. Never called with the gc lock held: finalizations need it to finish.
     */
    private void acquireFinalizationSlot() throws IOException {
        try {
            finalizationSlots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for blobs to be synced");
        }
    }

    /**
     * Syncs the temporary file and renames it to the blob's name on a background thread, so that the
     * sync latencies of many blobs overlap (the file system commits concurrent syncs together) and the
     * caller reads and hashes the next file meanwhile. The folder the blob lands in is synced later, once
     * for many blobs, by {@link #syncBlobFolders()} before any manifest is written.
     */
    private void finalizeInBackground(Path temp, FileChannel channel, String sha256, long size, String description,
            PendingWrites pending) {
        pending.started();
        finalizers.execute(() -> {
            StoreException failure = null;
            try {
                finalizeBlob(temp, channel, sha256, size);
            } catch (IOException | RuntimeException e) {
                failure = finalizationFailed(description, temp, e);
            } finally {
                closeQuietly(channel);
                discardTempFile(temp); // gone already after the rename; removes a duplicate or a failure
                finalizationSlots.release();
                pending.finished(failure);
            }
        });
    }

    private void finalizeBlob(Path temp, FileChannel channel, String sha256, long size) throws IOException {
        writeHook.beforeSync(temp);
        channel.force(true);
        gcLock.readLock().lock();
        try {
            // Another writer may have stored the same content meanwhile: same name, same bytes.
            if (hasBlobOfSize(sha256, size)) {
                return;
            }
            Path file = blobFile(sha256);
            Path folder = file.getParent();
            if (!Files.isDirectory(folder)) {
                Files.createDirectories(folder);
                unsyncedFolders.add(blobs);
            }
            if (moveAtomically(temp, file)) {
                unsyncedFolders.add(folder);
            }
        } finally {
            gcLock.readLock().unlock();
        }
    }

    /**
     * Makes every rename into {@code blobs/} so far durable: each folder that received one is synced
     * once, which covers all renames into it before the sync. Called before a manifest is written. The
     * lock makes a caller wait for a sync another thread started, instead of taking the folder as done.
     */
    void syncBlobFolders() throws IOException {
        synchronized (folderSyncLock) {
            for (Path folder : List.copyOf(unsyncedFolders)) {
                unsyncedFolders.remove(folder); // a rename after this adds it again
                try {
                    syncDirectory(folder);
                } catch (IOException e) {
                    unsyncedFolders.add(folder);
                    throw new StoreException(Kind.NO_SPACE, folder,
                            "cannot sync the folder " + folder + " after storing blobs in it: " + e.getMessage(), e);
                }
            }
        }
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
        // Renames of blobs into their folders must be durable before a manifest can name them.
        syncBlobFolders();
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
            if (moveAtomically(temp, target)) {
                syncDirectory(target.getParent());
            }
        } finally {
            discardTempFile(temp);
        }
    }

    /** Renames; true when the file moved (its folder then needs a sync), false when the target was there. */
    private static boolean moveAtomically(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } catch (FileAlreadyExistsException e) {
            // Some platforms refuse to replace; the target is the same content by its name.
            return false;
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("the file system of " + target + " cannot rename atomically", e);
        }
    }

    /** Makes a rename or a new entry durable; platforms that cannot open a folder (Windows) skip it. */
    static void syncDirectory(Path folder) throws IOException {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (UnsupportedOperationException | java.nio.file.AccessDeniedException e) {
            // not supported here; the rename itself is still atomic
        }
    }

    static void closeQuietly(FileChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // the file is renamed or deleted next; a failing close changes nothing
        }
    }

    // ---- messages

    static StoreException writeFailed(String description, Path temp, IOException e) {
        return new StoreException(Kind.NO_SPACE, temp, "cannot write " + description + " to " + temp + " (disk full?): "
                + e.getMessage() + "; the partial file was removed", e);
    }

    private static StoreException finalizationFailed(String description, Path temp, Exception e) {
        return new StoreException(Kind.NO_SPACE, temp, "cannot store " + description + ": syncing or renaming " + temp
                + " failed (disk full or I/O error?): " + e.getMessage() + "; the temporary file was removed", e);
    }

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
