package org.airgap.client.compare.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.airgap.store.Manifest;
import org.airgap.store.ManifestEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerSnapshotLoadTest {

    private static final Instant TIME = Instant.parse("2026-12-07T08:00:00Z");
    private static final String A = "a".repeat(64);
    private static final String B = "b".repeat(64);
    private static final String C = "c".repeat(64);
    private static final String D = "d".repeat(64);

    @Test
    void onlyTheContentsOfChangedAddedAndRemovedFilesAreFetched() {
        Manifest left = new Manifest(List.of(ManifestEntry.file("same.txt", 1, A, TIME),
                ManifestEntry.file("main.prg", 1, B, TIME), ManifestEntry.file("removed.txt", 1, D, TIME),
                ManifestEntry.directory("folder", TIME)));
        Manifest right = new Manifest(List.of(ManifestEntry.file("same.txt", 1, A, TIME),
                ManifestEntry.file("main.prg", 1, C, TIME), ManifestEntry.file("folder/added.txt", 1, A, TIME),
                ManifestEntry.directory("folder", TIME)));
        Set<String> needed = ServerSnapshotLoad.differingBlobs(left, right);
        assertEquals(Set.of(B, C, D, A), needed, "A is also the contents of an added file");
        assertEquals(Set.of(), ServerSnapshotLoad.differingBlobs(left, left), "equal versions need no contents");
    }

    @Test
    void theTemporaryStoreIsDeletedWithEverythingInIt(@TempDir Path temp) throws IOException {
        Path store = Files.createDirectories(temp.resolve("store/blobs/ab"));
        Files.writeString(store.resolve("blob"), "program v1");
        ServerSnapshotLoad.delete(temp.resolve("store"));
        assertFalse(Files.exists(temp.resolve("store")));
        ServerSnapshotLoad.delete(null); // nothing compared from the server yet
        assertTrue(Files.exists(temp));
    }

    @Test
    void aManifestThatIsNotTheOneAskedForOrTooLargeIsRefused() throws IOException {
        byte[] manifest = org.airgap.store.ManifestFormat.toJson(new Manifest(List.of(ManifestEntry.file("main.prg", 1,
                A, TIME))));
        String id = org.airgap.store.ManifestFormat.sha256(manifest);
        assertEquals(1, ServerSnapshotLoad.manifest(path -> new java.io.ByteArrayInputStream(manifest), id).entries()
                .size());
        byte[] changed = new String(manifest, java.nio.charset.StandardCharsets.UTF_8).replace("main.prg", "evil.prg")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        IOException other = assertThrows(IOException.class, () -> ServerSnapshotLoad.manifest(
                path -> new java.io.ByteArrayInputStream(changed), id));
        assertTrue(other.getMessage().startsWith("the server sent manifest " + id + " with content that hashes to "),
                other.getMessage());
        // Endless zeros: refused after the limit, not read into memory to the end.
        IOException large = assertThrows(IOException.class, () -> ServerSnapshotLoad.manifest(path -> new java.io.InputStream() {
            private long sent;

            @Override
            public int read() {
                return sent++ < ServerSnapshotLoad.MAX_MANIFEST_BYTES + 10L ? 0 : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (sent > ServerSnapshotLoad.MAX_MANIFEST_BYTES + 10L) {
                    return -1;
                }
                java.util.Arrays.fill(buffer, offset, offset + length, (byte) 0);
                sent += length;
                return length;
            }
        }, id));
        assertTrue(large.getMessage().contains("larger than " + ServerSnapshotLoad.MAX_MANIFEST_BYTES + " bytes"),
                large.getMessage());
    }

    @Test
    void aBlobWhoseContentIsNotItsHashIsRefused(@TempDir Path temp) throws IOException {
        org.airgap.store.ContentStore store = org.airgap.store.ContentStores.open(temp.resolve("store"));
        byte[] good = "program v1".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String goodSha = org.airgap.store.ManifestFormat.sha256(good);
        java.util.Map<String, byte[]> served = java.util.Map.of("/api/blobs/" + goodSha, good, "/api/blobs/" + B,
                "not b".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        ServerSnapshotLoad.ServerFiles server = path -> new java.io.ByteArrayInputStream(served.get(path));
        ServerSnapshotLoad.fetchBlobs(server, store, Set.of(goodSha), org.eclipse.core.runtime.SubMonitor.convert(null));
        assertTrue(store.hasBlob(goodSha));
        IOException wrong = assertThrows(IOException.class, () -> ServerSnapshotLoad.fetchBlobs(server, store,
                Set.of(B), org.eclipse.core.runtime.SubMonitor.convert(null)));
        assertTrue(wrong.getMessage().startsWith("the server sent blob " + B + " with content that hashes to "),
                wrong.getMessage());
        assertFalse(store.hasBlob(B), "nothing is stored under the name the server claimed");
    }
}
