package org.airgap.store.s3.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.airgap.store.ContentStore;
import org.airgap.store.ContentStores;
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

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The content store in an S3 bucket (docs/scale-out.md): blob {@code blobs/<sha256>}, manifest
 * {@code manifests/<id>.json}, the same bytes as the file store's files. Content to store is first
 * written to a file in the node's local spool folder ({@link #root()}), hashed, then uploaded by
 * {@link S3Objects#upload}, which hashes again what it sends and stores nothing that does not match.
 * Reads stream from S3 and are hashed as the file store's are. S3 has no rename: an object appears whole
 * when its PUT or multipart upload completes, or not at all.
 * <p>
 * Within this process gc excludes manifest commits by a lock and keeps the blobs of writers not yet
 * committed, as the file store does. Across processes the server's own gc rules hold (blobs newer than
 * gc's start are kept); S3's object times have whole seconds, so a blob is taken as changed up to a second
 * later than its time says.
 */
public final class S3ContentStore implements ContentStore, AutoCloseable {

    static final String BLOBS = "blobs/";
    static final String MANIFESTS = "manifests/";
    private static final String JSON = ".json";
    /** Spool files and multipart uploads younger than this may belong to a writer still at work: gc leaves them. */
    static final Duration GRACE = Duration.ofHours(1);

    private final S3Objects objects;
    private final Path spool;
    private final ReadWriteLock gcLock = new ReentrantReadWriteLock();
    /** Blobs of snapshot writers not yet committed, with how many writers hold each. */
    private final Map<String, Integer> pinned = new ConcurrentHashMap<>();

    S3ContentStore(S3Objects objects, Path spool) {
        this.objects = objects;
        this.spool = spool;
    }

    /** The node's local spool folder, where content waits until it is uploaded. */
    @Override
    public Path root() {
        return spool;
    }

    static String blobKey(String sha256) {
        return BLOBS + sha256;
    }

    static String manifestKey(String id) {
        return MANIFESTS + id + JSON;
    }

    // ---- blobs

    @Override
    public String putBlob(InputStream content) throws IOException {
        Path file = Files.createTempFile(spool, "blob-", ".tmp");
        try {
            MessageDigest digest = ManifestFormat.newSha256();
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), digest)) {
                content.transferTo(out);
            }
            String sha256 = HexFormat.of().formatHex(digest.digest());
            storeFile(file, sha256);
            return sha256;
        } finally {
            Files.deleteIfExists(file);
        }
    }

    @Override
    public void moveBlobIn(Path file, String sha256) throws IOException {
        requireSha256(sha256);
        if (hasBlob(sha256)) {
            String actual = hash(file);
            if (!actual.equals(sha256)) {
                throw new StoreException(Kind.INVALID_INPUT, file, "the file " + file + " has SHA-256 " + actual
                        + ", not " + sha256 + "; it was not stored");
            }
        } else {
            storeFile(file, sha256);
        }
        Files.delete(file);
    }

    /** The upload hashes what it sends: a caller's wrong hash stores nothing here either. */
    @Override
    public void moveHashedBlobIn(Path file, String sha256) throws IOException {
        requireSha256(sha256);
        if (!hasBlob(sha256)) {
            storeFile(file, sha256);
        }
        Files.delete(file);
    }

    /** Uploads the file as blob {@code sha256} unless it is there already; nothing is stored unless it hashes to it. */
    void storeFile(Path file, String sha256) throws IOException {
        if (hasBlob(sha256)) {
            return;
        }
        try (InputStream in = Files.newInputStream(file)) {
            objects.upload(in, Files.size(file), blobKey(sha256), sha256, file);
        }
    }

    @Override
    public boolean hasBlob(String sha256) {
        try {
            return Paths.isSha256(sha256) && objects.head(blobKey(sha256)).isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public long blobSize(String sha256) throws IOException {
        return objects.head(blobKey(requireSha256(sha256))).orElseThrow(() -> missingBlob(sha256)).contentLength();
    }

    @Override
    public InputStream openBlob(String sha256) throws IOException {
        return ContentStores.verifying(openBlobUnchecked(sha256), sha256, objects.name(blobKey(sha256)));
    }

    /** Streams from S3 as the bytes arrive: nothing is written to the local disk. */
    @Override
    public InputStream openBlobUnchecked(String sha256) throws IOException {
        return objects.get(blobKey(requireSha256(sha256))).orElseThrow(() -> missingBlob(sha256));
    }

    // ---- manifests

    @Override
    public Snapshot putManifest(Manifest manifest) throws IOException {
        byte[] json = ManifestFormat.toJson(manifest);
        String id = ManifestFormat.sha256(json);
        gcLock.readLock().lock();
        try {
            for (String sha256 : manifest.blobs()) {
                if (!hasBlob(sha256)) {
                    String path = manifest.entries().stream().filter(e -> sha256.equals(e.sha256())).findFirst()
                            .map(ManifestEntry::path).orElse("?");
                    throw new StoreException(Kind.MISSING_BLOB, objects.name(blobKey(sha256)), "cannot store the"
                            + " manifest: '" + path + "' needs blob " + objects.name(blobKey(sha256))
                            + ", which is not in the store");
                }
            }
            if (!hasSnapshot(id)) {
                objects.put(manifestKey(id), json);
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
        Path name = objects.name(manifestKey(id));
        Optional<ResponseInputStream<GetObjectResponse>> object = objects.get(manifestKey(id));
        if (object.isEmpty()) {
            throw new StoreException(Kind.MISSING_MANIFEST, name, "snapshot " + id + " is not in the store: no " + name);
        }
        byte[] json;
        try (InputStream in = object.get()) {
            json = in.readAllBytes();
        }
        Manifest manifest = ManifestFormat.parse(json, name);
        String actual = ManifestFormat.sha256(json);
        if (!actual.equals(id)) {
            throw new StoreException(Kind.CORRUPT_MANIFEST, name,
                    "manifest " + name + " is corrupt: its content hashes to " + actual + ", not to its name");
        }
        return new Snapshot(id, manifest);
    }

    @Override
    public boolean hasSnapshot(String id) {
        try {
            return Paths.isSha256(id) && objects.head(manifestKey(id)).isPresent();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<String> snapshotIds() throws IOException {
        List<String> ids = new ArrayList<>();
        for (S3Object object : objects.list(MANIFESTS)) {
            String key = object.key();
            String id = key.endsWith(JSON) ? key.substring(MANIFESTS.length(), key.length() - JSON.length()) : "";
            if (Paths.isSha256(id)) {
                ids.add(id);
            }
        }
        ids.sort(null);
        return ids;
    }

    @Override
    public SnapshotWriter newSnapshot() {
        return new S3SnapshotWriter(this);
    }

    void pin(String sha256) {
        pinned.merge(sha256, 1, Integer::sum);
    }

    void unpin(String sha256) {
        pinned.computeIfPresent(sha256, (key, count) -> count == 1 ? null : count - 1);
    }

    // ---- verify and gc

    @Override
    public VerifyReport verify(IProgressMonitor monitor) throws IOException {
        List<String> ids = snapshotIds();
        List<S3Object> blobs = blobObjects();
        SubMonitor progress = SubMonitor.convert(monitor, "Verifying the S3 store", ids.size() + blobs.size());
        List<String> problems = new ArrayList<>();
        Map<String, ManifestEntry> firstUse = new java.util.HashMap<>();
        for (String id : ids) {
            checkCanceled(progress);
            try {
                for (ManifestEntry entry : readSnapshot(id).manifest().entries()) {
                    if (entry.sha256() != null) {
                        firstUse.putIfAbsent(entry.sha256(), entry);
                    }
                }
            } catch (StoreException e) {
                problems.add(e.getMessage());
            }
            progress.worked(1);
        }
        Set<String> present = new HashSet<>();
        byte[] buffer = new byte[1 << 20];
        for (S3Object blob : blobs) {
            checkCanceled(progress);
            String sha256 = blob.key().substring(BLOBS.length());
            present.add(sha256);
            try (InputStream in = openBlob(sha256)) {
                while (in.read(buffer) >= 0) {
                    checkCanceled(progress);
                }
            } catch (StoreException e) {
                problems.add(e.getMessage());
            }
            ManifestEntry use = firstUse.get(sha256);
            if (use != null && use.size() != blob.size()) {
                problems.add("'" + use.path() + "' is recorded with " + use.size() + " bytes, but blob "
                        + objects.name(blob.key()) + " has " + blob.size());
            }
            progress.worked(1);
        }
        firstUse.keySet().stream().filter(sha256 -> !present.contains(sha256)).sorted().forEach(sha256 -> problems
                .add("missing blob " + objects.name(blobKey(sha256)) + ", referenced for '" + firstUse.get(sha256)
                        .path() + "'"));
        return new VerifyReport(ids.size(), present.size(), problems);
    }

    @Override
    public GcReport gc(IProgressMonitor monitor) throws IOException {
        gcLock.writeLock().lock();
        try {
            Set<String> keep = new HashSet<>(pinned.keySet());
            for (String id : snapshotIds()) {
                try {
                    keep.addAll(readSnapshot(id).manifest().blobs());
                } catch (StoreException e) {
                    // An unreadable manifest's blobs are unknown: deleting anything could destroy them.
                    throw new StoreException(e.kind(), e.file(), "gc removed nothing: " + e.getMessage(), e);
                }
                checkCanceled(monitor);
            }
            int removed = 0;
            long freed = 0;
            for (S3Object blob : blobObjects()) {
                if (!keep.contains(blob.key().substring(BLOBS.length()))) {
                    objects.delete(blob.key());
                    removed++;
                    freed += blob.size();
                }
                checkCanceled(monitor);
            }
            return new GcReport(removed, freed, removeStaleUploads());
        } finally {
            gcLock.writeLock().unlock();
        }
    }

    /** Aborted multipart uploads and spool files that a process which died left, older than {@link #GRACE}. */
    private int removeStaleUploads() throws IOException {
        Instant limit = Instant.now().minus(GRACE);
        int removed = 0;
        for (MultipartUpload upload : objects.staleUploads(BLOBS, limit)) {
            objects.abort(upload.key(), upload.uploadId());
            removed++;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(spool, "*.tmp")) {
            for (Path file : files) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(limit) && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        }
        return removed;
    }

    @Override
    public List<String> blobIds() throws IOException {
        return blobObjects().stream().map(object -> object.key().substring(BLOBS.length())).toList();
    }

    private List<S3Object> blobObjects() throws IOException {
        return objects.list(BLOBS).stream().filter(o -> Paths.isSha256(o.key().substring(BLOBS.length()))).toList();
    }

    /**
     * As the file store: kept when it is not there, is pinned by a writer of this process, or changed at or
     * after {@code unchangedBefore} (its whole-second time rounded up).
     */
    @Override
    public long removeBlob(String sha256, Instant unchangedBefore) throws IOException {
        String key = blobKey(requireSha256(sha256));
        gcLock.writeLock().lock();
        try {
            Optional<HeadObjectResponse> head = objects.head(key);
            if (head.isEmpty() || pinned.containsKey(sha256) || head.get().lastModified() == null
                    || !head.get().lastModified().plusSeconds(1).isBefore(unchangedBefore)) {
                return -1;
            }
            objects.delete(key);
            return head.get().contentLength();
        } finally {
            gcLock.writeLock().unlock();
        }
    }

    @Override
    public boolean removeSnapshot(String id) throws IOException {
        String key = manifestKey(requireSha256(id));
        if (objects.head(key).isEmpty()) {
            return false;
        }
        objects.delete(key);
        return true;
    }

    /** Closes the S3 client (the repository's deactivation); the store cannot be used afterwards. */
    @Override
    public void close() {
        objects.close();
    }

    /** A new file in the spool folder for content on its way to the store. */
    Path newSpoolFile() throws IOException {
        return Files.createTempFile(spool, "file-", ".tmp");
    }

    private static String hash(Path file) throws IOException {
        MessageDigest digest = ManifestFormat.newSha256();
        try (InputStream in = new java.security.DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void checkCanceled(IProgressMonitor monitor) {
        if (monitor != null && monitor.isCanceled()) {
            throw new OperationCanceledException();
        }
    }

    private static String requireSha256(String sha256) throws StoreException {
        if (!Paths.isSha256(sha256)) {
            throw new StoreException(Kind.INVALID_INPUT, null, "not a SHA-256 (64 lower-case hex digits): '" + sha256 + "'");
        }
        return sha256;
    }

    private StoreException missingBlob(String sha256) {
        Path name = objects.name(blobKey(sha256));
        return new StoreException(Kind.MISSING_BLOB, name, "blob " + sha256 + " is not in the store: no " + name);
    }
}
