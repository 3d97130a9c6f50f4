package org.airgap.server.http.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.airgap.protocol.BlobStatus;
import org.airgap.server.core.ServerException;
import org.airgap.store.ContentStore;
import org.airgap.store.ContentStores;
import org.airgap.store.ManifestFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A blob whose chunks arrive in order is hashed as they arrive and moved into the store without being
 * read again; one received across a restart is hashed from its part, as before; either way only the
 * blob's own bytes are stored.
 */
class UploadHashingTest {

    private static final int SIZE = 3 * 100_000;
    private static final int CHUNK = 100_000;

    @TempDir
    Path data;
    private ContentStore store;
    /** The store's move methods the upload area called, in order. */
    private final List<String> moves = new ArrayList<>();
    private final byte[] blob = new byte[SIZE];
    private String sha256;

    @BeforeEach
    void setUp() throws IOException {
        ContentStore real = ContentStores.open(data.resolve("store"));
        store = (ContentStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { ContentStore.class },
                (proxy, method, args) -> {
                    if (method.getName().startsWith("move")) {
                        moves.add(method.getName());
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        new Random(11).nextBytes(blob);
        sha256 = ManifestFormat.sha256(blob);
    }

    private UploadArea area() throws IOException {
        return new UploadArea(data.resolve("uploads"), store, Duration.ofDays(7), Long.MAX_VALUE, Clock.systemUTC());
    }

    private BlobStatus send(UploadArea area, String blobSha256, int from, int to, String chunkSha256) throws Exception {
        InputStream body = new ByteArrayInputStream(Arrays.copyOfRange(blob, from, to));
        return area.receive("alice", blobSha256, from, SIZE, true, chunkSha256, to - from, body);
    }

    private String chunkSha256(int from, int to) {
        return ManifestFormat.sha256(Arrays.copyOfRange(blob, from, to));
    }

    private void assertStored() throws IOException {
        try (InputStream in = store.openBlob(sha256)) {
            assertArrayEquals(blob, in.readAllBytes());
        }
    }

    @Test
    void aWholeBlobInOneRequestIsNotReadAgain() throws Exception {
        assertEquals(SIZE, send(area(), sha256, 0, SIZE, null).received());
        assertEquals(List.of("moveHashedBlobIn"), moves);
        assertStored();
    }

    @Test
    void chunksInOrderAreHashedAsTheyArrive() throws Exception {
        UploadArea area = area();
        for (int from = 0; from < SIZE; from += CHUNK) {
            send(area, sha256, from, from + CHUNK, chunkSha256(from, from + CHUNK));
        }
        assertEquals(List.of("moveHashedBlobIn"), moves);
        assertStored();
    }

    @Test
    void aRefusedChunkDoesNotCountInTheBlobsHash() throws Exception {
        UploadArea area = area();
        send(area, sha256, 0, CHUNK, chunkSha256(0, CHUNK));
        String wrong = chunkSha256(0, CHUNK);
        assertThrows(ServerException.class, () -> send(area, sha256, CHUNK, 2 * CHUNK, wrong));
        send(area, sha256, CHUNK, 2 * CHUNK, chunkSha256(CHUNK, 2 * CHUNK));
        send(area, sha256, 2 * CHUNK, SIZE, chunkSha256(2 * CHUNK, SIZE));
        assertEquals(List.of("moveHashedBlobIn"), moves);
        assertStored();
    }

    @Test
    void aBlobReceivedAcrossARestartIsHashedFromItsPart() throws Exception {
        send(area(), sha256, 0, CHUNK, chunkSha256(0, CHUNK));
        UploadArea restarted = area();
        send(restarted, sha256, CHUNK, 2 * CHUNK, chunkSha256(CHUNK, 2 * CHUNK));
        send(restarted, sha256, 2 * CHUNK, SIZE, chunkSha256(2 * CHUNK, SIZE));
        assertEquals(List.of("moveBlobIn"), moves);
        assertStored();
    }

    @Test
    void bytesThatAreNotTheNamedBlobAreRefusedAndDeleted() throws Exception {
        String other = ManifestFormat.sha256("other bytes".getBytes());
        UploadArea area = area();
        ServerException refused = assertThrows(ServerException.class, () -> send(area, other, 0, SIZE, null));
        assertEquals(ServerException.Kind.BAD_REQUEST, refused.kind());
        assertEquals(List.of(), moves, "nothing is moved into the store");
        assertFalse(store.hasBlob(other));
        assertFalse(store.hasBlob(sha256));
        try (var parts = Files.list(data.resolve("uploads/blobs"))) {
            assertEquals(0, parts.count(), "the refused part is deleted");
        }
    }
}
