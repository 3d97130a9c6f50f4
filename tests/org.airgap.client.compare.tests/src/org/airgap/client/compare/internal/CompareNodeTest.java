package org.airgap.client.compare.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.airgap.compare.EntryComparison;
import org.airgap.compare.EntryStatus;
import org.airgap.store.ManifestEntry;
import org.junit.jupiter.api.Test;

/** The compare tree: folders from paths or directory entries, changes counted upwards, folders first. */
class CompareNodeTest {

    private static final String HASH = "a".repeat(64);

    private static EntryComparison file(String path, EntryStatus status) {
        ManifestEntry entry = ManifestEntry.file(path, 3, HASH, Instant.EPOCH);
        return new EntryComparison(path, status, status == EntryStatus.ADDED ? null : entry,
                status == EntryStatus.REMOVED ? null : entry, null);
    }

    private static EntryComparison directory(String path, EntryStatus status) {
        ManifestEntry entry = ManifestEntry.directory(path, Instant.EPOCH);
        return new EntryComparison(path, status, entry, entry, null);
    }

    private static CompareNode tree(EntryComparison... entries) {
        List<EntryComparison> sorted = new ArrayList<>(List.of(entries));
        sorted.sort(Comparator.comparing(EntryComparison::path));
        return CompareNode.tree(sorted);
    }

    @Test
    void foldersComeFromDirectoryEntriesOrFromPathsAndCountTheChangesInside() {
        CompareNode root = tree(directory("config", EntryStatus.EQUAL), file("config/a.cfg", EntryStatus.CHANGED),
                file("config/b.cfg", EntryStatus.EQUAL), file("data/x/y.bin", EntryStatus.ADDED),
                file("data/x/z.bin", EntryStatus.REMOVED), file("readme.txt", EntryStatus.IGNORED),
                file("config-old.txt", EntryStatus.EQUAL));
        assertEquals(List.of("config", "data", "config-old.txt", "readme.txt"),
                root.children().stream().map(node -> node.name).toList(), "folders first, then by name");
        CompareNode config = root.find("config");
        assertTrue(config.isFolder());
        assertEquals(1, config.changesBelow());
        assertFalse(config.ownChange());
        CompareNode x = root.find("data/x");
        assertNull(x.entry, "made up from the paths: the driver wrote no directory entries");
        assertEquals(2, x.changesBelow());
        assertEquals(2, root.find("data").changesBelow());
        assertEquals(3, root.changesBelow());
        assertFalse(root.find("readme.txt").hasChanges(), "ignored is not a change");
        assertEquals("2 changes", root.find("data").statusText());
        assertEquals("Removed", root.find("data/x/z.bin").statusText());
    }

    @Test
    void tenThousandEntriesMakeOneFolderPerAreaWithItsChange() {
        List<EntryComparison> entries = new ArrayList<>();
        for (int folder = 0; folder < 100; folder++) {
            for (int file = 0; file < 100; file++) {
                entries.add(file(String.format("area-%02d/item-%03d.txt", folder, file),
                        file == 0 ? EntryStatus.CHANGED : EntryStatus.EQUAL));
            }
        }
        CompareNode root = CompareNode.tree(entries);
        assertEquals(100, root.children().size());
        assertEquals(100, root.changesBelow());
        assertEquals(EntryStatus.CHANGED, root.find("area-42/item-000.txt").status());
    }
}
