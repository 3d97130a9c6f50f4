package org.airgap.store.internal;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
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

import org.airgap.store.StoreException;
import org.airgap.store.StoreException.Kind;

/**
 * Brings blobs under their final names in {@code blobs/}. A writer's thread writes the content to a
 * temporary file ({@link BlobSink}); this class syncs and renames it on background threads, bounded by
 * finalization slots, and syncs the blob folders once for many renames before a manifest may name
 * them. Blobs of writers not yet committed are pinned, so that gc keeps them.
 */
final class BlobWriter {

    /**
     * Background threads that sync and rename blobs. They mostly wait for the disk, so more threads than
     * cores pay: concurrent syncs are committed together by the file system's journal.
     */
    static final int FINALIZER_THREADS = 8;

    /** Threads writing chunks of large content: one per concurrent writer of a large file pays. */
    static final int WRITER_THREADS = 2;

    /** Finalizations in flight per store, at most: each holds an open file. */
    static final int MAX_PENDING_FINALIZATIONS = 64;

    private final StoreFiles files;
    private final Map<String, Integer> pinnedBlobs = new HashMap<>();
    private final ThreadPoolExecutor finalizers = daemonPool("airgap-store-sync-", FINALIZER_THREADS);
    /** Creates temporary files ahead ({@link TempFileReserve}): not queued behind the finalizations. */
    private final ThreadPoolExecutor creators = daemonPool("airgap-store-create-", 1);
    /** Writes chunks of large content while the writer's thread reads and hashes the next one. */
    private final ThreadPoolExecutor chunkWriters = daemonPool("airgap-store-write-", WRITER_THREADS);
    private final Semaphore finalizationSlots = new Semaphore(MAX_PENDING_FINALIZATIONS);
    /** Blob folders with a rename (or a new sub-folder) not yet made durable by a folder sync. */
    private final Set<Path> unsyncedFolders = ConcurrentHashMap.newKeySet();
    private final Object folderSyncLock = new Object();

    BlobWriter(StoreFiles files) {
        this.files = files;
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

    StoreFiles files() {
        return files;
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
                OutputStream out = files.writeHook().wrap(temp, Channels.newOutputStream(channel));
                byte[] sealed = files.sealBytes(content, length);
                if (sealed == null) {
                    out.write(content, 0, length);
                } else {
                    out.write(sealed);
                }
                out.flush();
            } catch (IOException e) {
                throw writeFailed(description, temp, e);
            }
        } catch (IOException | RuntimeException e) {
            StoreFiles.closeQuietly(channel);
            if (temp != null) {
                files.discardTempFile(temp);
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
            StoreFiles.closeQuietly(channel);
            files.discardTempFile(temp);
            throw e;
        }
        try {
            stored = isStored(sha256, size, pin);
        } catch (IOException | RuntimeException e) {
            StoreFiles.closeQuietly(channel);
            files.discardTempFile(temp);
            finalizationSlots.release();
            throw e;
        }
        if (stored) {
            // Deleting a large file that was just written can wait for its write-back: not on the
            // caller's thread.
            pending.started();
            finalizers.execute(() -> {
                try {
                    StoreFiles.closeQuietly(channel);
                    files.discardTempFile(temp);
                } finally {
                    finalizationSlots.release();
                    pending.finished(null);
                }
            });
            return;
        }
        finalizeInBackground(temp, channel, sha256, size, description, pending);
    }

    /**
     * Renames a checked, synced file to the blob's name (or deletes it when the blob is there); false
     * when the file is on another file system and must be copied. Called with the gc lock held.
     */
    boolean renameIn(Path file, String sha256, long size) throws IOException {
        if (files.keys().sealed()) {
            return false; // plain content: the caller copies it in, sealed
        }
        if (files.hasBlobOfSize(sha256, size)) {
            Files.delete(file);
            return true;
        }
        Path target = files.blobFile(sha256);
        Path folder = target.getParent();
        if (!Files.isDirectory(folder)) {
            Files.createDirectories(folder);
            unsyncedFolders.add(files.blobs());
        }
        try {
            Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException otherFileSystem) {
            return false;
        }
        unsyncedFolders.add(folder);
        return true;
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
        files.gcLock().readLock().lock();
        try {
            if (pin) {
                pin(sha256);
            }
            return files.hasBlobOfSize(sha256, size);
        } finally {
            files.gcLock().readLock().unlock();
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
                StoreFiles.closeQuietly(channel);
                files.discardTempFile(temp); // gone already after the rename; removes a duplicate or a failure
                finalizationSlots.release();
                pending.finished(failure);
            }
        });
    }

    private void finalizeBlob(Path temp, FileChannel channel, String sha256, long size) throws IOException {
        files.writeHook().beforeSync(temp);
        channel.force(true);
        files.gcLock().readLock().lock();
        try {
            // Another writer may have stored the same content meanwhile: same name, same bytes.
            if (files.hasBlobOfSize(sha256, size)) {
                return;
            }
            Path file = files.blobFile(sha256);
            Path folder = file.getParent();
            if (!Files.isDirectory(folder)) {
                Files.createDirectories(folder);
                unsyncedFolders.add(files.blobs());
            }
            if (StoreFiles.moveAtomically(temp, file)) {
                unsyncedFolders.add(folder);
            }
        } finally {
            files.gcLock().readLock().unlock();
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
                    StoreFiles.syncDirectory(folder);
                } catch (IOException e) {
                    unsyncedFolders.add(folder);
                    throw new StoreException(Kind.NO_SPACE, folder,
                            "cannot sync the folder " + folder + " after storing blobs in it: " + e.getMessage(), e);
                }
            }
        }
    }

    // ---- pins: blobs of writers not yet committed, which gc keeps

    private synchronized void pin(String sha256) {
        pinnedBlobs.merge(sha256, 1, Integer::sum);
    }

    synchronized void unpin(String sha256) {
        pinnedBlobs.computeIfPresent(sha256, (key, count) -> count == 1 ? null : count - 1);
    }

    synchronized Set<String> pinned() {
        return new HashSet<>(pinnedBlobs.keySet());
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
}
