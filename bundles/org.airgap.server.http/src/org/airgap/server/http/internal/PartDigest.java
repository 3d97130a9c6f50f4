package org.airgap.server.http.internal;

import java.security.MessageDigest;

import org.airgap.store.ManifestFormat;

/**
 * The SHA-256 of a blob's part as its chunks arrive in order at this server, so that a complete part
 * is not read and hashed once more before it goes into the store. Unknown after a restart: the part
 * is then hashed from its file, as before. Used under the blob's lock.
 */
final class PartDigest {

    /** The SHA-256 state of the part's first {@code length} bytes, or {@code null} when unknown. */
    private MessageDigest digest;
    private long length;

    /**
     * The digest to update with a chunk at {@code offset}: a new one at 0, a copy of this one when it
     * covers the part up to {@code offset}, else {@code null}. This one stays as it is until
     * {@link #kept}, so that a refused chunk leaves it unchanged.
     */
    MessageDigest forChunkAt(long offset) {
        if (offset == 0) {
            return ManifestFormat.newSha256();
        }
        return digest != null && length == offset ? copy(digest) : null;
    }

    /** A chunk was kept: the part has {@code end} bytes, hashed by {@code updated} ({@code null}: unknown). */
    void kept(MessageDigest updated, long end) {
        digest = updated;
        length = end;
    }

    /** The hex SHA-256 of the bytes {@code digest} has seen so far; {@code digest} can go on. */
    static String hexSoFar(MessageDigest digest) {
        return UploadArea.hex(copy(digest));
    }

    private static MessageDigest copy(MessageDigest digest) {
        try {
            return (MessageDigest) digest.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's SHA-256 digest cannot be copied", e);
        }
    }
}
