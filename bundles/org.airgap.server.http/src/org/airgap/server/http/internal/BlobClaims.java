package org.airgap.server.http.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

import org.airgap.protocol.UserInfo;
import org.airgap.store.ContentStore;
import org.airgap.store.ManifestFormat;

/**
 * Which stored blobs a user may name in a commit without sending them: those the user may read
 * ({@link Access}) and those the user sent whole since (the bytes prove possession). Any other blob is
 * missing as far as that user is told: upload plans, {@code /status} and commits answer as if the
 * server did not hold it, so a hash alone reveals nothing, and the user's laptop sends the bytes (the
 * store keeps one copy). A proof is a marker file {@code proofs/<user>/<sha256>} in the upload area, so
 * that it survives a restart between the last chunk and the commit; the commit drops it.
 */
final class BlobClaims {

    private final Path proofs;
    private final Access access;
    private final ContentStore store;

    BlobClaims(Path directory, Access access, ContentStore store) throws IOException {
        this.proofs = Files.createDirectories(directory.resolve("proofs"));
        this.access = access;
        this.store = store;
    }

    /** Whether the server may tell the user that it holds the blob: stored, and readable or proven. */
    boolean mayName(UserInfo user, String sha256) throws IOException {
        return store.hasBlob(sha256) && (access.mayReadBlob(user, sha256) || Files.exists(proofFile(user, sha256)));
    }

    /** The blobs among {@code blobs} that the user may not name (not stored, or neither readable nor proven), sorted. */
    Set<String> unnamed(UserInfo user, Collection<String> blobs) throws IOException {
        Set<String> unnamed = new TreeSet<>(blobs);
        unnamed.removeAll(access.readableAmong(user, unnamed));
        unnamed.removeIf(sha256 -> Files.exists(proofFile(user, sha256)) && store.hasBlob(sha256));
        return unnamed;
    }

    /** The user sent the blob's bytes, checked against its hash. */
    void proven(UserInfo user, String sha256) throws IOException {
        Path file = proofFile(user, sha256);
        Files.createDirectories(file.getParent());
        try {
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            // proven before
        }
    }

    /** After a commit the blobs are the user's through its snapshot; proofs of them are no longer needed. */
    void committed(UserInfo user, Collection<String> blobs) throws IOException {
        for (String sha256 : blobs) {
            Files.deleteIfExists(proofFile(user, sha256));
        }
    }

    /** User names are any text: the folder is named by their hash. */
    private Path proofFile(UserInfo user, String sha256) {
        String folder = ManifestFormat.sha256(user.name().getBytes(StandardCharsets.UTF_8));
        return proofs.resolve(folder).resolve(sha256);
    }
}
