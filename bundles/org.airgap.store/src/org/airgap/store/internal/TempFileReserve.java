package org.airgap.store.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Empty temporary blob files, created ahead on a background thread for one writer. Creating a file is
 * a metadata write that can wait for the file system (measured on a busy ext4: about 0.5 ms per file,
 * the largest cost left on the writer's thread once syncs ran in the background). Writing the content
 * stays on the writer's thread, so a full disk still fails the write that caused it. The writer deletes
 * what is left with {@link #drain()} once it is done.
 */
final class TempFileReserve {

    /** Files a snapshot writer keeps ready; a refill starts when fewer than half of them are left. */
    static final int WRITER_TARGET = 32;

    private final BlobWriter writer;
    private final int target;
    private final PendingWrites pending;
    private final ConcurrentLinkedQueue<Path> ready = new ConcurrentLinkedQueue<>();
    private final AtomicInteger readyCount = new AtomicInteger();
    private final AtomicBoolean refilling = new AtomicBoolean();

    /**
     * @param target  files to keep ready; 0 for none (one-off writes, where each file is created on use)
     * @param pending counts the refills, so that waiting for a writer's blobs waits for them too
     */
    TempFileReserve(BlobWriter writer, int target, PendingWrites pending) {
        this.writer = writer;
        this.target = target;
        this.pending = pending;
    }

    /** A new, empty temporary file in {@code tmp/}, registered with the store; created now if none is ready. */
    Path take() throws IOException {
        Path file = ready.poll();
        int left = file == null ? 0 : readyCount.decrementAndGet();
        if (left < target / 2 && refilling.compareAndSet(false, true)) {
            pending.started();
            writer.refillInBackground(this::refill);
        }
        return file != null ? file : writer.files().newTempFile("blob-");
    }

    private void refill() {
        try {
            while (readyCount.get() < target) {
                ready.add(writer.files().newTempFile("blob-"));
                readyCount.incrementAndGet();
            }
        } catch (IOException | RuntimeException e) {
            // Nothing is lost: take() creates the file itself and reports the problem to its caller.
        } finally {
            refilling.set(false);
            pending.finished(null);
        }
    }

    /** Deletes the files not taken. Call after the refills ended ({@link PendingWrites#awaitAll()}). */
    void drain() {
        for (Path file; (file = ready.poll()) != null;) {
            readyCount.decrementAndGet();
            writer.files().discardTempFile(file);
        }
    }
}
