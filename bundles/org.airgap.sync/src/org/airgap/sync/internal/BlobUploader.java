package org.airgap.sync.internal;

import java.io.IOException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;

import org.airgap.protocol.Api;
import org.airgap.protocol.BlobStatus;
import org.airgap.protocol.ProtocolJson;
import org.airgap.session.http.ServerCallException;
import org.airgap.session.http.ServerClient;
import org.airgap.store.ContentStore;
import org.airgap.store.ManifestFormat;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;

import com.google.gson.JsonParseException;

/**
 * Uploads the rest of one blob in chunks of {@link Api#CHUNK_BYTES}, from the offset the server has
 * acknowledged: a chunk carries its SHA-256 where {@link ChunkCheck} says so, a 409 moves to the server's
 * offset, a chunk that got no answer (or a 5xx) is retried a few times after a short pause. The next chunk is
 * read from the store while one is sent ({@link ChunkReader}).
 */
final class BlobUploader {

    /** Attempts per chunk; between them the pause grows. */
    static final int CHUNK_ATTEMPTS = 4;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    /** An 8 MiB chunk over a slow plant link takes a while; the server answers as soon as it is written. */
    private static final Duration CHUNK_TIMEOUT = Duration.ofMinutes(5);
    private static final int KIB = 1024;

    private final ServerClient client;
    private final ContentStore store;
    private final Duration firstPause;
    /** The chunk buffers, kept across the blobs of an upload ({@link ChunkReader}). */
    private final byte[][] buffers = new byte[2][];

    /** Bytes the server accepted through this uploader. */
    private long bytesSent;

    BlobUploader(ServerClient client, ContentStore store, Duration firstPause) {
        this.client = client;
        this.store = store;
        this.firstPause = firstPause;
    }

    BlobUploader(ServerClient client, ContentStore store) {
        this(client, store, FIRST_PAUSE);
    }

    long bytesSent() {
        return bytesSent;
    }

    /**
     * Sends what the server lacks of the blob {@code status} names, until it has all of it.
     *
     * @param monitor progress over the bytes still to send, and cancellation
     */
    void upload(BlobStatus status, IProgressMonitor monitor) throws IOException {
        String sha256 = status.sha256();
        long size = status.size();
        SubMonitor progress = SubMonitor.convert(monitor, (int) Math.max(1, (size - status.received()) / KIB));
        if (!store.hasBlob(sha256) || store.blobSize(sha256) != size) {
            throw new IOException("the server asks for blob " + sha256 + " (" + size + " bytes), which the local "
                    + "store does not hold with that size: run 'airgap verify'");
        }
        long offset = status.received();
        long reportedKib = offset / KIB;
        int withoutProgress = 0;
        try (ChunkReader reader = new ChunkReader(store, sha256, size, offset, buffers)) {
            while (offset < size) {
                if (progress.isCanceled()) {
                    throw new OperationCanceledException();
                }
                ChunkReader.Chunk chunk = reader.next();
                long serverOffset = sendChunk(sha256, chunk, size);
                if (serverOffset == offset + chunk.length()) {
                    bytesSent += chunk.length();
                    offset = serverOffset;
                    withoutProgress = 0;
                } else {
                    // the server holds another amount (a retried chunk that arrived, or a restart): go there
                    if (serverOffset < 0 || serverOffset > size || ++withoutProgress >= CHUNK_ATTEMPTS) {
                        throw new IOException("the server at " + client.server() + " does not accept blob " + sha256
                                + " at offset " + offset + " (it answers offset " + serverOffset + ")");
                    }
                    offset = serverOffset;
                    reader.restartAt(offset);
                }
                long kib = offset / KIB;
                if (kib > reportedKib) {
                    progress.worked((int) (kib - reportedKib));
                    reportedKib = kib;
                }
            }
        }
    }

    /** Sends one chunk, retrying when the server cannot be reached; returns the server's received offset. */
    private long sendChunk(String sha256, ChunkReader.Chunk chunk, long size) throws IOException {
        String path = Api.BLOBS + sha256 + "?offset=" + chunk.offset() + "&size=" + size;
        Map<String, String> headers = switch (ChunkCheck.of(client.server(), chunk.offset(), chunk.length(), size)) {
            case HASH_CHUNK -> Map.of(Api.CHUNK_SHA256, HexFormat.of().formatHex(sha256(chunk)));
            case BLOB_NAME -> Map.of(Api.CHUNK_SHA256, sha256);
            case NONE -> Map.of(); // over TLS: see ChunkCheck
        };
        Duration pause = firstPause;
        for (int attempt = 1;; attempt++) {
            try {
                ServerClient.Answer answer = client.putBytes(path, headers, chunk.bytes(), 0, chunk.length(), CHUNK_TIMEOUT);
                int code = answer.statusCode();
                if (code / 100 == 2 || code == 409) {
                    return blobStatus(answer, path, sha256).received();
                }
                ServerCallException failure = client.failure(code, answer.body(), "PUT", client.resolve(path));
                if (code < 500 || attempt == CHUNK_ATTEMPTS) {
                    throw failure;
                }
            } catch (ServerCallException e) {
                if (e.kind() != ServerCallException.Kind.UNREACHABLE || attempt == CHUNK_ATTEMPTS) {
                    throw e;
                }
            }
            sleep(pause);
            pause = pause.multipliedBy(2);
        }
    }

    private BlobStatus blobStatus(ServerClient.Answer answer, String path, String sha256)
            throws ServerCallException {
        try {
            BlobStatus status = ProtocolJson.read(answer.body(), BlobStatus.class);
            if (status != null && sha256.equals(status.sha256())) {
                return status;
            }
        } catch (JsonParseException e) {
            // below
        }
        if (answer.statusCode() == 409) {
            throw client.failure(409, answer.body(), "PUT", client.resolve(path));
        }
        throw new ServerCallException(ServerCallException.Kind.NOT_AIRGAP_SERVER, answer.statusCode(), null,
                "the server at " + client.server() + " answered a chunk of blob " + sha256
                        + " without the blob's status — is it an Airgap server of this version?", null);
    }

    private static byte[] sha256(ChunkReader.Chunk chunk) {
        var digest = ManifestFormat.newSha256();
        digest.update(chunk.bytes(), 0, chunk.length());
        return digest.digest();
    }

    private static void sleep(Duration pause) throws IOException {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting to retry an upload");
        }
    }
}
