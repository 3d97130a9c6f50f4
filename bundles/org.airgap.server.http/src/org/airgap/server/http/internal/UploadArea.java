package org.airgap.server.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.airgap.protocol.BlobStatus;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.airgap.store.ContentStore;
import org.airgap.store.ManifestFormat;
import org.airgap.store.StoreException;

/**
 * Uploads in progress, on disk under the server's uploads folder so that they survive a restart:
 * {@code runs/<run id>.json}, a run whose upload was planned but not committed, and
 * {@code blobs/<sha256>-<hash of the user name>.part}, the bytes of a blob one user sent so far. Parts are
 * per user: another user uploading the same hash is told nothing of them and cannot continue or
 * complete them (and so count as having sent bytes they never had). Every answered chunk is whole in its
 * part (a crash during a chunk may leave some of its bytes, a power loss may lose or damage unsynced ones:
 * the blob's hash check covers both); a complete part is verified, synced and moved into the content store. Parts should be on the
 * store's file system, so that moving a part in is a rename. A part is charged to its uploader
 * ({@link PendingParts}) and deleted {@code partExpiry} after its last chunk; a pending run expires
 * alike. {@code tmp/} held archives being sent by older servers; it is emptied at start.
 */
final class UploadArea {

    /** How long a chunk waits for another upload of the same blob before it is answered 409. */
    private static final long BLOB_LOCK_SECONDS = 30;
    private static final int BUFFER_BYTES = 256 * 1024;
    private static final int RUN_LOCK_STRIPES = 64;

    private final Path runs;
    private final Path parts;
    private final Path temporary;
    private final ContentStore store;
    private final Duration partExpiry;
    private final Clock clock;
    private final PendingParts pendingParts;
    /** One per part being received (by its name without ".part"), for its lock. */
    private final ConcurrentHashMap<String, PartialBlob> partials = new ConcurrentHashMap<>();
    private final ReentrantLock[] runLocks = new ReentrantLock[RUN_LOCK_STRIPES];

    UploadArea(Path directory, ContentStore store, Duration partExpiry, long maxPendingBytesPerUser, Clock clock)
            throws IOException {
        this.runs = Files.createDirectories(directory.resolve("runs"));
        this.parts = Files.createDirectories(directory.resolve("blobs"));
        this.temporary = Files.createDirectories(directory.resolve("tmp"));
        this.store = store;
        this.partExpiry = partExpiry;
        this.clock = clock;
        this.pendingParts = new PendingParts(maxPendingBytesPerUser);
        for (int i = 0; i < runLocks.length; i++) {
            runLocks[i] = new ReentrantLock();
        }
        removeLeftovers();
        expireAbandoned();
    }

    /** Archives being sent and pending runs being written when the server stopped are of no use now. */
    private void removeLeftovers() throws IOException {
        try (DirectoryStream<Path> archives = Files.newDirectoryStream(temporary);
                DirectoryStream<Path> unfinished = Files.newDirectoryStream(runs, "pending-*.tmp")) {
            for (Path file : archives) {
                Files.deleteIfExists(file);
            }
            for (Path file : unfinished) {
                Files.deleteIfExists(file);
            }
        }
    }

    /**
     * Deletes the parts and pending runs untouched for {@code partExpiry}: uploads that were abandoned.
     * A part whose blob is being received just now is left for the next round. Cheap: one listing of
     * each folder.
     *
     * @return how many files were deleted
     */
    int expireAbandoned() throws IOException {
        Instant oldest = clock.instant().minus(partExpiry);
        int deleted = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(parts, "*.part")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String part = name.substring(0, name.length() - ".part".length());
                PartialBlob partial = partials.computeIfAbsent(part, key -> new PartialBlob());
                if (!partial.lock.tryLock()) {
                    continue;
                }
                try {
                    if (partials.get(part) == partial && olderThan(file, oldest)) {
                        discardPart(part, partial);
                        deleted++;
                    } else {
                        partials.remove(part, partial);
                    }
                } finally {
                    partial.lock.unlock();
                }
            }
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(runs, "*.json")) {
            for (Path file : files) {
                if (olderThan(file, oldest) && Files.deleteIfExists(file)) {
                    deleted++;
                }
            }
        }
        return deleted;
    }

    private static boolean olderThan(Path file, Instant oldest) throws IOException {
        try {
            return Files.getLastModifiedTime(file).toInstant().isBefore(oldest);
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    // ---- pending runs

    /** Serializes plan and commit of one run. */
    ReentrantLock runLock(String runId) {
        return runLocks[Math.floorMod(runId.hashCode(), runLocks.length)];
    }

    /** Saves the run's upload request atomically: a crash leaves the old one or the new one. */
    void savePending(String runId, String requestJson) throws IOException {
        Path target = pendingFile(runId);
        Path temp = Files.createTempFile(runs, "pending-", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(requestJson.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            moveAtomically(temp, target);
            syncFolder(runs);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    Optional<String> pending(String runId) throws IOException {
        try {
            return Optional.of(Files.readString(pendingFile(runId), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    void deletePending(String runId) throws IOException {
        Files.deleteIfExists(pendingFile(runId));
    }

    /** Every planned run not committed yet, as saved (the overview counts them, gc keeps the blobs they name); one committed or expired meanwhile is left out. */
    List<String> allPending() throws IOException {
        List<String> pending = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(runs, "*.json")) {
            for (Path file : files) {
                try {
                    pending.add(Files.readString(file, StandardCharsets.UTF_8));
                } catch (NoSuchFileException committedMeanwhile) {
                    // nothing to report
                }
            }
        }
        return pending;
    }

    /** Run ids are the client's: ids that are not plain file names are stored under their hash. */
    private Path pendingFile(String runId) {
        String name = runId.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}") ? runId
                : "sha256-" + ManifestFormat.sha256(runId.getBytes(StandardCharsets.UTF_8));
        return runs.resolve(name + ".json");
    }

    // ---- blobs

    /**
     * How much of a blob of {@code size} bytes the server has for {@code user}: all when stored and
     * {@code storedCounts} (the user may name it, {@link BlobClaims}), else the length of the user's part.
     */
    BlobStatus status(String user, String sha256, long size, boolean storedCounts) throws IOException {
        if (storedCounts && store.hasBlob(sha256)) {
            long stored = store.blobSize(sha256);
            return new BlobStatus(sha256, stored, stored);
        }
        long received = partLength(partName(user, sha256));
        return new BlobStatus(sha256, size, received <= size ? received : 0);
    }

    /**
     * Appends one chunk at {@code offset} to the user's part of the blob; stores the blob when the part is
     * complete.
     *
     * @param user          who sends the chunk: the part is theirs and counts against their limit
     * @param storedCounts  whether a blob the store has counts as received; if not, its bytes are taken
     *                      and checked as a new blob's (the store keeps one copy)
     * @param chunkSha256   the chunk's SHA-256 as the client computed it, or {@code null}
     * @param contentLength the chunk's declared length, or -1 when unknown
     * @throws OffsetMismatchException when {@code offset} is not what the server received so far
     * @throws ServerException         BAD_REQUEST for a chunk or blob with other bytes than announced
     *                                 (nothing of it is kept), TOO_LARGE for a chunk reaching beyond
     *                                 {@code size}, CONFLICT when another upload of the part holds it,
     *                                 INSUFFICIENT_STORAGE beyond the user's limit of unfinished uploads
     */
    BlobStatus receive(String user, String sha256, long offset, long size, boolean storedCounts, String chunkSha256,
            long contentLength, InputStream body) throws ServerException, IOException {
        if (storedCounts && store.hasBlob(sha256)) {
            return status(user, sha256, size, true);
        }
        String part = partName(user, sha256);
        PartialBlob partial = lockPartial(part, sha256);
        try {
            if (storedCounts && store.hasBlob(sha256)) {
                return status(user, sha256, size, true);
            }
            long received = partLength(part);
            if (received > size) {
                // Left by an upload that announced another size for this hash: it cannot be this blob.
                Files.deleteIfExists(partFile(part));
                received = 0;
            }
            if (offset != received) {
                throw new OffsetMismatchException(new BlobStatus(sha256, size, received));
            }
            if (contentLength > size - offset) {
                throw beyondSize(sha256, offset, size);
            }
            pendingParts.charge(user, part, sha256, size);
            // Even a whole blob in one chunk goes through its part: bytes that are not the blob are deleted.
            return append(part, sha256, offset, size, chunkSha256, body, partial);
        } finally {
            partial.lock.unlock();
        }
    }

    /**
     * The blob's entry, locked. An entry is dropped once its blob is stored or its part discarded; a
     * waiter that got a dropped one tries again, so that one lock guards each part.
     */
    private PartialBlob lockPartial(String part, String sha256) throws ServerException {
        while (true) {
            PartialBlob partial = partials.computeIfAbsent(part, key -> new PartialBlob());
            try {
                if (!partial.lock.tryLock(BLOB_LOCK_SECONDS, TimeUnit.SECONDS)) {
                    throw new ServerException(Kind.CONFLICT, "another upload of blob " + sha256
                            + " by you is still in progress: retry later");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServerException(Kind.CONFLICT, "interrupted while waiting for another upload of blob "
                        + sha256);
            }
            if (partials.get(part) == partial) {
                return partial;
            }
            partial.lock.unlock();
        }
    }

    private BlobStatus append(String part, String sha256, long offset, long size, String chunkSha256,
            InputStream body, PartialBlob partial) throws ServerException, IOException {
        Path file = partFile(part);
        long end;
        boolean failed = false;
        MessageDigest blobDigest = partial.digest.forChunkAt(offset);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            // A chunk at offset 0 is the start of the part: the part's hash so far is the chunk's too.
            boolean chunkIsPart = offset == 0 && blobDigest != null;
            MessageDigest chunkDigest = chunkSha256 == null || chunkIsPart ? null : ManifestFormat.newSha256();
            ClientInput input = new ClientInput(body);
            channel.position(offset);
            long limit = size - offset;
            try {
                byte[] buffer = new byte[BUFFER_BYTES];
                int n;
                // Filled before it is hashed and written: a TLS body arrives in pieces of 16 KiB or less,
                // and a write (a system call) per piece costs more than the copy.
                while ((n = input.readNBytes(buffer, 0, buffer.length)) > 0) {
                    if (input.count > limit) {
                        throw beyondSize(sha256, offset, size);
                    }
                    if (chunkDigest != null) {
                        chunkDigest.update(buffer, 0, n);
                    }
                    if (blobDigest != null) {
                        blobDigest.update(buffer, 0, n);
                    }
                    ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
                    while (bytes.hasRemaining()) {
                        channel.write(bytes);
                    }
                }
                if (chunkSha256 != null) {
                    String actual = chunkIsPart ? PartDigest.hexSoFar(blobDigest) : hex(chunkDigest);
                    if (!actual.equals(chunkSha256)) {
                        throw chunkMismatch(chunkSha256, actual);
                    }
                }
                // Not synced per chunk: the store syncs the whole blob once before it is renamed in, and a
                // part cut short or damaged by a power loss is caught by the blob's hash check (the laptop then
                // resumes or starts over). A sync per chunk stopped the transfer for the disk 128 times per GiB.
            } catch (ServerException | IOException | RuntimeException e) {
                // Only whole, checked chunks stay: the next attempt resumes at this chunk's start.
                failed = true;
                try {
                    channel.truncate(offset);
                    channel.force(false);
                } catch (IOException cleanup) {
                    e.addSuppressed(cleanup); // the original failure (a full disk, say) is what to report
                }
                throw e;
            }
            end = offset + input.count;
            partial.digest.kept(blobDigest, end);
        } finally {
            if (failed && offset == 0) {
                discardPart(part, partial);
            }
        }
        if (end < size) {
            return new BlobStatus(sha256, size, end);
        }
        if (blobDigest != null && !hex(blobDigest).equals(sha256)) {
            discardPart(part, partial);
            throw blobMismatch(sha256);
        }
        try {
            // Renamed into the store: no second copy of a large blob. Hashed from the file by the store
            // only when its chunks did not all come in order to this server (a restart between them).
            if (blobDigest == null) {
                store.moveBlobIn(file, sha256);
            } else {
                store.moveHashedBlobIn(file, sha256);
            }
        } catch (StoreException e) {
            if (e.kind() != StoreException.Kind.INVALID_INPUT) {
                throw e;
            }
            discardPart(part, partial);
            throw blobMismatch(sha256);
        }
        partials.remove(part, partial);
        pendingParts.release(part);
        return new BlobStatus(sha256, size, size);
    }

    private long partLength(String part) throws IOException {
        try {
            return Files.size(partFile(part));
        } catch (NoSuchFileException e) {
            return 0;
        }
    }

    private void discardPart(String part, PartialBlob partial) throws IOException {
        Files.deleteIfExists(partFile(part));
        partials.remove(part, partial);
        pendingParts.release(part);
    }

    /** The user's part of the blob; user names are any text, so the part is named by their hash. */
    static String partName(String user, String sha256) {
        return sha256 + "-" + ManifestFormat.sha256(user.getBytes(StandardCharsets.UTF_8));
    }

    private Path partFile(String part) {
        return parts.resolve(part + ".part");
    }

    private static ServerException beyondSize(String sha256, long offset, long size) {
        return new ServerException(Kind.TOO_LARGE, "the chunk at offset " + offset + " reaches beyond the size "
                + size + " of blob " + sha256 + "; nothing of it was kept");
    }

    private static ServerException chunkMismatch(String expected, String actual) {
        return new ServerException(Kind.BAD_REQUEST, "the chunk's bytes have SHA-256 " + actual + ", not " + expected
                + " as announced: the chunk was damaged on the way and was discarded; send it again");
    }

    private static ServerException blobMismatch(String expected) {
        return new ServerException(Kind.BAD_REQUEST, "the blob's bytes do not have the SHA-256 " + expected
                + ": the received bytes were discarded; upload the blob again from offset 0");
    }

    static String hex(MessageDigest digest) {
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void moveAtomically(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void syncFolder(Path folder) {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some platforms cannot open folders; the rename is then as durable as they make it.
        }
    }

    /** The answer to a chunk at another offset than the server's: 409 with the server's {@link BlobStatus}. */
    static final class OffsetMismatchException extends ServerException {
        private static final long serialVersionUID = 1L;
        final transient BlobStatus status;

        OffsetMismatchException(BlobStatus status) {
            super(Kind.CONFLICT, "the server has " + status.received() + " bytes of blob " + status.sha256()
                    + ": send the chunk at offset " + status.received());
            this.status = status;
        }
    }

    /** The lock of a blob being received, and the hash of its part so far. */
    private static final class PartialBlob {
        final ReentrantLock lock = new ReentrantLock();
        final PartDigest digest = new PartDigest();
    }

    /** The request body, counted; a failing read is the client's doing. */
    private static final class ClientInput extends InputStream {
        private final InputStream body;
        long count;

        ClientInput(InputStream body) {
            this.body = body;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n;
            try {
                n = body.read(buffer, offset, length);
            } catch (IOException e) {
                throw new ClientGoneException("the client stopped sending the chunk after " + count + " bytes", e);
            }
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
