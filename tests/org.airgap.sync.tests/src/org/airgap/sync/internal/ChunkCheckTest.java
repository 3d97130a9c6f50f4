package org.airgap.sync.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;

import org.junit.jupiter.api.Test;

class ChunkCheckTest {

    private static final URI HTTPS = URI.create("https://airgap.plant.example:8443/");
    private static final URI HTTP = URI.create("http://localhost:8080/");

    @Test
    void overTlsNoChunkIsHashedTheServerChecksTheBlob() {
        assertEquals(ChunkCheck.NONE, ChunkCheck.of(HTTPS, 0, 100, 100));
        assertEquals(ChunkCheck.NONE, ChunkCheck.of(HTTPS, 0, 8, 100));
        assertEquals(ChunkCheck.NONE, ChunkCheck.of(URI.create("HTTPS://host/"), 8, 8, 100));
    }

    @Test
    void overPlainHttpAChunkCarriesItsHashAndAWholeBlobItsName() {
        assertEquals(ChunkCheck.BLOB_NAME, ChunkCheck.of(HTTP, 0, 100, 100));
        assertEquals(ChunkCheck.BLOB_NAME, ChunkCheck.of(HTTP, 0, 0, 0));
        assertEquals(ChunkCheck.HASH_CHUNK, ChunkCheck.of(HTTP, 0, 8, 100));
        assertEquals(ChunkCheck.HASH_CHUNK, ChunkCheck.of(HTTP, 92, 8, 100));
    }
}
