package org.airgap.sync.internal;

import java.io.IOException;
import java.io.InputStream;
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
 * acknowledged: each chunk carries its SHA-256, a 409 moves to the server's offset, a chunk that got no
 * answer (or a 5xx) is retried a few times after a short pause.
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
    private final byte[] chunk = new byte[Api.CHUNK_BYTES];

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
        InputStream in = openAt(sha256, offset);
        int withoutProgress = 0;
        try {
            while (offset < size) {
                if (progress.isCanceled()) {
                    throw new OperationCanceledException();
                }
                int length = (int) Math.min(chunk.length, size - offset);
                if (in.readNBytes(chunk, 0, length) != length) {
                    throw new IOException("blob " + sha256 + " in the local store is shorter than its recorded size "
                            + size + ": run 'airgap verify'");
                }
                if (offset + length == size && in.read() >= 0) {
                    throw new IOException("blob " + sha256 + " in the local store is longer than its recorded size "
                            + size + ": run 'airgap verify'");
                }
                // reading to the end above made the store check the blob's hash before its last chunk leaves
                long serverOffset = sendChunk(sha256, offset, length, size);
                if (serverOffset == offset + length) {
                    bytesSent += length;
                    offset = serverOffset;
                    withoutProgress = 0;
                } else {
                    // the server holds another amount (a retried chunk that arrived, or a restart): go there
                    if (serverOffset < 0 || serverOffset > size || ++withoutProgress >= CHUNK_ATTEMPTS) {
                        throw new IOException("the server at " + client.server() + " does not accept blob " + sha256
                                + " at offset " + offset + " (it answers offset " + serverOffset + ")");
                    }
                    offset = serverOffset;
                    in.close();
                    in = openAt(sha256, offset);
                }
                long kib = offset / KIB;
                if (kib > reportedKib) {
                    progress.worked((int) (kib - reportedKib));
                    reportedKib = kib;
                }
            }
        } finally {
            in.close();
        }
    }

    private InputStream openAt(String sha256, long offset) throws IOException {
        InputStream in = store.openBlob(sha256);
        try {
            in.skipNBytes(offset);
            return in;
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** Sends one chunk, retrying when the server cannot be reached; returns the server's received offset. */
    private long sendChunk(String sha256, long offset, int length, long size) throws IOException {
        String path = Api.BLOBS + sha256 + "?offset=" + offset + "&size=" + size;
        Map<String, String> headers = switch (ChunkCheck.of(client.server(), offset, length, size)) {
            case HASH_CHUNK -> Map.of(Api.CHUNK_SHA256, HexFormat.of().formatHex(sha256(length)));
            case BLOB_NAME -> Map.of(Api.CHUNK_SHA256, sha256);
            case NONE -> Map.of(); // over TLS: see ChunkCheck
        };
        Duration pause = firstPause;
        for (int attempt = 1;; attempt++) {
            try {
                ServerClient.Answer answer = client.putBytes(path, headers, chunk, 0, length, CHUNK_TIMEOUT);
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

    private byte[] sha256(int length) {
        var digest = ManifestFormat.newSha256();
        digest.update(chunk, 0, length);
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
