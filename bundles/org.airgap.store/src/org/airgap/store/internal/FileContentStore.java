package org.airgap.store.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.airgap.store.ContentStore;
import org.airgap.store.Manifest;
import org.airgap.store.ManifestEntry;
import org.airgap.store.ManifestFormat;
import org.airgap.store.Paths;
import org.airgap.store.Snapshot;
import org.airgap.store.SnapshotWriter;
import org.airgap.store.StoreException;
import org.airgap.store.StoreException.Kind;
import org.airgap.store.StoreKeys;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;

/**
 * The store on a local file system (layout and protocol: docs/formats.md): the {@link ContentStore}
 * façade over its parts — {@link StoreFiles} (folders, temporary files, atomic writes, the gc lock),
 * {@link BlobWriter} (blobs synced and renamed in the background), {@link StoreMaintenance} (verify,
 * gc) — with the manifests and the reads here. Writes go to {@code tmp/}, are synced and renamed
 * atomically to their final name, then the folder is synced. Concurrent use inside one process is safe:
 * gc excludes blob and manifest commits by a lock, and blobs of writers not yet committed are pinned.
 * Two processes must not run gc while the other writes (a commit then fails with MISSING_BLOB rather
 * than storing a manifest without its blobs).
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

    /** Temporary files younger than this may belong to another process still writing: gc leaves them. */
    public static final Duration TEMP_FILE_GRACE = Duration.ofHours(1);

    private final StoreFiles files;
    private final BlobWriter writer;
    private final StoreMaintenance maintenance;

    private FileContentStore(StoreFiles files, Duration tempFileGrace) {
        this.files = files;
        this.writer = new BlobWriter(files);
        this.maintenance = new StoreMaintenance(this, files, writer, tempFileGrace);
    }

    public static FileContentStore open(Path root, WriteHook writeHook) throws IOException {
        return open(root, writeHook, TEMP_FILE_GRACE);
    }

    public static FileContentStore open(Path root, WriteHook writeHook, Duration tempFileGrace) throws IOException {
        return open(root, writeHook, tempFileGrace, StoreKeys.plain());
    }

    /** A store sealed or plain as {@code keys} says (docs/formats.md, "Sealed files"). */
    public static FileContentStore open(Path root, WriteHook writeHook, Duration tempFileGrace, StoreKeys keys)
            throws IOException {
        return new FileContentStore(StoreFiles.open(root, writeHook, keys), tempFileGrace);
    }

    @Override
    public Path root() {
        return files.root();
    }

    // ---- blobs

    @Override
    public String putBlob(InputStream content) throws IOException {
        PendingWrites pending = new PendingWrites();
        TempFileReserve temps = new TempFileReserve(writer, 0, pending); // one file: nothing to create ahead
        BlobSink sink = new BlobSink(writer, "a blob", new byte[BlobSink.SMALL_LIMIT], temps, pending);
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
        writer.syncBlobFolders();
        return sha256;
    }

    @Override
    public void moveBlobIn(Path file, String sha256) throws IOException {
        moveBlobIn(file, sha256, true);
    }

    @Override
    public void moveHashedBlobIn(Path file, String sha256) throws IOException {
        moveBlobIn(file, sha256, false);
    }

    private void moveBlobIn(Path file, String sha256, boolean checkHash) throws IOException {
        requireSha256(sha256);
        long size;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            String actual = checkHash
                    ? StoreFiles.hashFile(file, new byte[StoreFiles.READ_BUFFER], new NullProgressMonitor())
                    : sha256;
            if (!actual.equals(sha256)) {
                throw new StoreException(Kind.INVALID_INPUT, file, "the file " + file + " has SHA-256 " + actual
                        + ", not " + sha256 + "; it was not stored");
            }
            size = channel.size();
            channel.force(true);
        }
        boolean renamed;
        files.gcLock().readLock().lock();
        try {
            renamed = writer.renameIn(file, sha256, size);
        } finally {
            files.gcLock().readLock().unlock();
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
        writer.syncBlobFolders();
    }

    @Override
    public boolean hasBlob(String sha256) {
        return Paths.isSha256(sha256) && Files.isRegularFile(blobFile(sha256));
    }

    @Override
    public long blobSize(String sha256) throws IOException {
        Path file = blobFile(requireSha256(sha256));
        try {
            return files.contentSize(Files.size(file));
        } catch (NoSuchFileException e) {
            throw missingBlob(sha256, file);
        }
    }

    @Override
    public InputStream openBlob(String sha256) throws IOException {
        return openBlobFile(sha256, true);
    }

    @Override
    public InputStream openBlobUnchecked(String sha256) throws IOException {
        return openBlobFile(sha256, false);
    }

    private InputStream openBlobFile(String sha256, boolean verified) throws IOException {
        Path file = blobFile(requireSha256(sha256));
        try {
            InputStream in = files.opening(Files.newInputStream(file), file, Kind.CORRUPT_BLOB);
            return verified ? verifying(in, sha256, file) : in;
        } catch (NoSuchFileException e) {
            throw missingBlob(sha256, file);
        }
    }

    /** A blob's content read from {@code in}, checked against its name at the end ({@link VerifyingInputStream}). */
    public static InputStream verifying(InputStream in, String sha256, Path name) {
        return new VerifyingInputStream(in, sha256, name);
    }

    /** The final file of a blob: {@code blobs/<first two hex digits>/<sha256>}. */
    public Path blobFile(String sha256) {
        return files.blobFile(sha256);
    }

    // ---- manifests

    @Override
    public Snapshot putManifest(Manifest manifest) throws IOException {
        byte[] json = ManifestFormat.toJson(manifest);
        String id = ManifestFormat.sha256(json);
        // Renames of blobs into their folders must be durable before a manifest can name them.
        writer.syncBlobFolders();
        files.gcLock().readLock().lock();
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
                files.writeAtomically(file, json, "manifest-");
            }
        } finally {
            files.gcLock().readLock().unlock();
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
        if (files.keys().sealed()) {
            json = files.keys().open(json, "", file, Kind.CORRUPT_MANIFEST);
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
        if (files.keys().sealed()) {
            return sealedSnapshotIds();
        }
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> manifests = Files.newDirectoryStream(files.manifests(), "*.json")) {
            for (Path file : manifests) {
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

    /**
     * In a sealed store the manifests' names are HMACs: each is opened and its id is the SHA-256 of its
     * content (a manifest that does not open is left out; verify names it).
     */
    private List<String> sealedSnapshotIds() throws IOException {
        List<String> ids = new ArrayList<>();
        try (DirectoryStream<Path> manifests = Files.newDirectoryStream(files.manifests(), "*" + StoreFiles.SEALED_MANIFEST)) {
            for (Path file : manifests) {
                try {
                    String id = ManifestFormat.sha256(files.keys().open(Files.readAllBytes(file), "", file,
                            Kind.CORRUPT_MANIFEST));
                    if (file.equals(manifestFile(id))) {
                        ids.add(id);
                    }
                } catch (StoreException e) {
                    if (e.kind() == Kind.LOCKED) {
                        throw e;
                    }
                }
            }
        }
        ids.sort(null);
        return ids;
    }

    public Path manifestFile(String id) {
        return files.manifestFile(id);
    }

    @Override
    public SnapshotWriter newSnapshot() {
        return new FileSnapshotWriter(this, writer);
    }

    /** Seals the content stored plain (a store sealed after it had content); see {@link PlainContentSealer}. */
    public int sealPlainContent() throws IOException {
        if (!files.keys().unlocked()) {
            throw new StoreException(Kind.LOCKED, files.root(), "only an unlocked sealed store can seal its plain content");
        }
        return new PlainContentSealer(this, files).sealAll();
    }

    // ---- verify and gc

    @Override
    public VerifyReport verify(IProgressMonitor monitor) throws IOException {
        return maintenance.verify(monitor);
    }

    @Override
    public GcReport gc(IProgressMonitor monitor) throws IOException {
        return maintenance.gc(monitor);
    }

    @Override
    public List<String> blobIds() throws IOException {
        return maintenance.blobIds();
    }

    @Override
    public long removeBlob(String sha256, Instant unchangedBefore) throws IOException {
        return maintenance.removeBlob(requireSha256(sha256), unchangedBefore);
    }

    @Override
    public boolean removeSnapshot(String id) throws IOException {
        return Files.deleteIfExists(manifestFile(requireSha256(id)));
    }

    private static String requireSha256(String sha256) throws StoreException {
        if (!Paths.isSha256(sha256)) {
            throw new StoreException(Kind.INVALID_INPUT, null, "not a SHA-256 (64 lower-case hex digits): '" + sha256 + "'");
        }
        return sha256;
    }

    private static StoreException missingBlob(String sha256, Path file) {
        return new StoreException(Kind.MISSING_BLOB, file, "blob " + sha256 + " is not in the store: no " + file);
    }
}
