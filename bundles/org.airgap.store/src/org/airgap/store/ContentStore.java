package org.airgap.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Content-addressed storage of snapshots under one folder: blobs by SHA-256, manifests by snapshot id.
 * Every write is atomic (temporary file, fsync, rename, fsync of the folder): a crash leaves either
 * the old or the new state, never a partial file under a final name. Reads verify hashes. Thread-safe.
 * Layout: docs/formats.md. Open one with {@link ContentStores#open(Path)}.
 */
@ProviderType
public interface ContentStore {

    Path root();

    /** Stores the stream's bytes as a blob (once per content) and returns its SHA-256. */
    String putBlob(InputStream content) throws IOException;

    /**
     * Moves a complete file into the store as the blob {@code sha256}, after checking that its content
     * has that hash: renamed (no copy) when it is on the store's file system, else copied and deleted.
     * For content that arrived in a file already, such as a resumed upload. On return the blob is
     * durable and the file is gone.
     *
     * @throws StoreException INVALID_INPUT when the file's SHA-256 is another; the file is left as it is
     */
    void moveBlobIn(Path file, String sha256) throws IOException;

    /**
     * {@link #moveBlobIn} without reading the file again, for a caller that hashed its bytes as it wrote
     * them and found {@code sha256}, and synced them (an upload received in order): a large blob is
     * not read and hashed a second time. The store takes the caller's word for the hash.
     */
    void moveHashedBlobIn(Path file, String sha256) throws IOException;

    boolean hasBlob(String sha256);

    long blobSize(String sha256) throws IOException;

    /**
     * Opens a blob for reading. The content is hashed while read; reaching its end with another hash
     * throws a {@link StoreException} of kind CORRUPT_BLOB naming the file.
     */
    InputStream openBlob(String sha256) throws IOException;

    /**
     * Opens a blob for reading without hashing it, for a caller whose receiver verifies the hash itself
     * (the server sending a blob to a laptop, whose store refuses content that does not hash to the name
     * it asked for). Every other reader uses {@link #openBlob}.
     */
    default InputStream openBlobUnchecked(String sha256) throws IOException {
        return openBlob(sha256);
    }

    /** Stores a manifest (once per content) and returns the snapshot. */
    Snapshot putManifest(Manifest manifest) throws IOException;

    /** Reads and checks a stored manifest: its hash, its format version, its entries. */
    Snapshot readSnapshot(String id) throws IOException;

    boolean hasSnapshot(String id);

    /** Ids of all stored snapshots, sorted. */
    List<String> snapshotIds() throws IOException;

    /** A writer for a new snapshot. */
    SnapshotWriter newSnapshot();

    /** Re-hashes every manifest and blob and reports what is missing or corrupt, by name. */
    VerifyReport verify(IProgressMonitor monitor) throws IOException;

    /** Removes the blobs that no stored manifest references, and left-over temporary files. */
    GcReport gc(IProgressMonitor monitor) throws IOException;

    // ---- for a caller that decides itself what is kept (the server's gc, which keeps what its database names)

    /** SHA-256 of every stored blob, sorted. */
    List<String> blobIds() throws IOException;

    /**
     * Deletes the blob unless its file changed at or after {@code unchangedBefore} or a writer of this
     * process still uses it; a manifest naming it can no longer be stored meanwhile (the gc lock).
     *
     * @return the bytes freed, or -1 when the blob was kept: not there, too new, in use, or not deletable
     *         (a file open on a platform that cannot delete open files)
     */
    long removeBlob(String sha256, Instant unchangedBefore) throws IOException;

    /** Deletes the manifest of a snapshot (its blobs stay: {@link #removeBlob}); true when it was there. */
    boolean removeSnapshot(String id) throws IOException;

    /**
     * The outcome of {@link #verify}.
     *
     * @param problems one line per problem, naming the manifest or blob file
     */
    record VerifyReport(int manifests, int blobs, List<String> problems) {
        public VerifyReport {
            problems = List.copyOf(problems);
        }

        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** The outcome of {@link #gc}. */
    record GcReport(int blobsRemoved, long bytesFreed, int temporaryFilesRemoved) {
    }
}
