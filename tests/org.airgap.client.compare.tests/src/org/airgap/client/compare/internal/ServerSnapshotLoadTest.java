package org.airgap.client.compare.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
}
