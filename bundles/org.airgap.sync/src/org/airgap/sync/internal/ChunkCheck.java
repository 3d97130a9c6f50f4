package org.airgap.sync.internal;

import java.net.URI;

/**
 * Whether an upload chunk carries its SHA-256 ({@code X-Airgap-Chunk-SHA256}), and how the laptop gets it.
 * The server verifies the whole blob's SHA-256 before storing it in any case (content addressing); the
 * chunk hash only makes a chunk damaged on the way be refused at once instead of the blob at its end.
 * <ul>
 * <li>Over HTTPS no chunk hash is sent: TLS authenticates every record (AES-GCM / ChaCha20-Poly1305), so a
 * chunk cannot arrive damaged without the connection failing, and the laptop's store has checked the blob's
 * hash as it read it before the last chunk leaves. Hashing each 8 MiB chunk would be a third hash of every
 * byte for no guarantee.</li>
 * <li>Over plain HTTP (TCP's 16-bit checksum only) each chunk carries its hash; a chunk that is the whole
 * blob carries the blob's name, which is its hash, without hashing it again.</li>
 * </ul>
 */
enum ChunkCheck {
    /** Send no chunk hash. */
    NONE,
    /** The chunk is the whole blob: its hash is the blob's name. */
    BLOB_NAME,
    /** Hash the chunk's bytes. */
    HASH_CHUNK;

    static ChunkCheck of(URI server, long offset, int length, long size) {
        if ("https".equalsIgnoreCase(server.getScheme())) {
            return NONE;
        }
        return offset == 0 && length == size ? BLOB_NAME : HASH_CHUNK;
    }
}
