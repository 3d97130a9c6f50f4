package org.airgap.store;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A whole manifest checked as the snapshot writer checks each entry it writes. */
class SnapshotRulesTest {

    private static final String SHA = "ab".repeat(32);
    private static final Instant TIME = Instant.parse("2026-11-20T08:00:00Z");

    @Test
    void aManifestTheWriterCouldWritePasses() {
        assertDoesNotThrow(() -> SnapshotRules.check(new Manifest(List.of(ManifestEntry.directory("plc", TIME),
                ManifestEntry.file("plc/program.bin", 3, SHA, TIME), ManifestEntry.file("plc-b", 3, SHA, TIME),
                ManifestEntry.symlink("plc/current", "program.bin"),
                // the device's link as it is: archives refuse it, the snapshot may hold it
                ManifestEntry.symlink("etc/localtime", "/usr/share/zoneinfo/UTC"),
                ManifestEntry.file("deep/without/parents", 0, SHA, null)))));
    }

    @Test
    void anEntryBelowAFileOrALinkIsNamed() {
        refused("'plc/current/x' cannot be written: 'plc/current' is a symbolic link", ManifestEntry.symlink(
                "plc/current", "program.bin"), ManifestEntry.file("plc/current/x", 1, SHA, TIME));
        refused("'a/b' cannot be written: 'a' is a file", ManifestEntry.file("a", 1, SHA, TIME),
                ManifestEntry.directory("a/b", TIME));
    }

    @Test
    void linksWithoutTargetAndContentWhereNoneBelongsAreNamed() {
        refused("symbolic link 'link' needs a target", ManifestEntry.symlink("link", ""));
        refused("symbolic link 'link' needs a target", ManifestEntry.symlink("link", "a\0b"));
        refused("'d' is a directory but has content", new ManifestEntry("d", EntryType.DIRECTORY, 5, null, TIME, null));
        refused("'l' is a symbolic link but has content", new ManifestEntry("l", EntryType.SYMLINK, 0, SHA, null, "x"));
        refused("'f' is a file but has a link target", new ManifestEntry("f", EntryType.FILE, 1, SHA, TIME, "x"));
    }

    private static void refused(String expected, ManifestEntry... entries) {
        Manifest manifest = new Manifest(List.of(entries));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SnapshotRules.check(manifest));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
    }
}
