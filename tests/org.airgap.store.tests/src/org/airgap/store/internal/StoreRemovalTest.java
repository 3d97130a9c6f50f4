package org.airgap.store.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import org.airgap.store.ContentStore;
import org.airgap.store.Snapshot;
import org.airgap.store.SnapshotWriter;
import org.airgap.store.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's removal of single blobs and manifests, for a caller that decides what is kept (the server's gc). */
class StoreRemovalTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:15:30Z");

    @TempDir
    Path dir;

    private static InputStream bytes(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void listsRemovesAndKeepsBlobsByAge() throws IOException {
        FileContentStore store = FileContentStore.open(dir.resolve("store"), FileContentStore.WriteHook.NONE);
        String old = store.putBlob(bytes("old content"));
        String fresh = store.putBlob(bytes("fresh"));
        Files.setLastModifiedTime(store.blobFile(old), FileTime.from(T0));
        Files.writeString(store.blobFile(old).getParent().resolve("stray.txt"), "not a blob");
        assertEquals(List.of(old, fresh).stream().sorted().toList(), store.blobIds());

        Instant gcStart = T0.plusSeconds(60);
        assertEquals(-1, store.removeBlob(fresh, gcStart), "changed after the gc started: kept");
        assertEquals("old content".length(), store.removeBlob(old, gcStart));
        assertFalse(store.hasBlob(old));
        assertEquals(-1, store.removeBlob(old, gcStart), "gone already");
        assertEquals(List.of(fresh), store.blobIds());
        assertThrows(StoreException.class, () -> store.removeBlob("../etc", gcStart));
    }

    @Test
    void keepsBlobsOfAWriterNotYetCommitted() throws IOException {
        FileContentStore store = FileContentStore.open(dir.resolve("store"), FileContentStore.WriteHook.NONE);
        String sha256 = store.putBlob(bytes("pinned while written"));
        try (SnapshotWriter writer = store.newSnapshot()) {
            writer.file("a.txt", T0, bytes("pinned while written"));
            assertEquals(-1, store.removeBlob(sha256, Instant.now().plusSeconds(3600)));
            assertTrue(store.hasBlob(sha256));
            Snapshot snapshot = writer.commit();
            assertTrue(store.hasSnapshot(snapshot.id()));
        }
    }

    @Test
    void removesAManifestButNotItsBlobs() throws IOException {
        ContentStore store = FileContentStore.open(dir.resolve("store"), FileContentStore.WriteHook.NONE);
        Snapshot snapshot;
        try (SnapshotWriter writer = store.newSnapshot()) {
            writer.file("a.txt", T0, bytes("kept blob"));
            snapshot = writer.commit();
        }
        assertTrue(store.removeSnapshot(snapshot.id()));
        assertFalse(store.hasSnapshot(snapshot.id()));
        assertFalse(store.removeSnapshot(snapshot.id()));
        String blob = snapshot.manifest().blobs().iterator().next();
        try (InputStream in = store.openBlob(blob)) {
            assertArrayEquals("kept blob".getBytes(StandardCharsets.UTF_8), in.readAllBytes());
        }
    }
}
