package org.airgap.archive.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.airgap.archive.ArchiveFormat;
import org.airgap.archive.ArchiveRejectedException;
import org.airgap.archive.ImportOptions;
import org.airgap.archive.SnapshotArchives;
import org.airgap.store.ContentStore;
import org.airgap.store.ContentStores;
import org.airgap.store.Manifest;
import org.airgap.store.ManifestEntry;
import org.airgap.store.ManifestFormat;
import org.airgap.store.Snapshot;
import org.airgap.store.SnapshotWriter;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export and import of snapshot archives, and archives built to attack the import. */
class SnapshotArchivesTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:15:30Z");
    private static final byte[] HELLO = "hello".getBytes(StandardCharsets.UTF_8);
    private static final String HELLO_SHA256 = ManifestFormat.sha256(HELLO);

    @TempDir
    Path dir;

    private ContentStore store(String name) throws IOException {
        return ContentStores.open(dir.resolve(name));
    }

    private static Snapshot writeTree(ContentStore store) throws IOException {
        try (SnapshotWriter writer = store.newSnapshot()) {
            writer.directory("plc", T0);
            writer.file("plc/program.bin", T0, new ByteArrayInputStream(new byte[200_000]));
            writer.file("plc/empty", T0, InputStream.nullInputStream());
            writer.file("hmi/screens/Übersicht — main.xml", null, new ByteArrayInputStream(HELLO));
            writer.file("hmi/" + "long-name-".repeat(15) + ".txt", T0, new ByteArrayInputStream(HELLO));
            writer.directory("logs", null);
            writer.symlink("hmi/current", "screens/Übersicht — main.xml");
            writer.symlink("hmi/up", "../plc/program.bin");
            return writer.commit();
        }
    }

    private static NullProgressMonitor monitor() {
        return new NullProgressMonitor();
    }

    // ---- round trips

    @Test
    void tarGzRoundTrip() throws IOException {
        roundTrip(ArchiveFormat.TAR_GZ);
    }

    @Test
    void zipRoundTrip() throws IOException {
        roundTrip(ArchiveFormat.ZIP);
    }

    private void roundTrip(ArchiveFormat format) throws IOException {
        ContentStore source = store("source");
        Snapshot snapshot = writeTree(source);
        Path archive = dir.resolve("usb/backup" + format.suffix());
        SnapshotArchives.exportSnapshot(source, snapshot.id(), archive, format, monitor());
        try (var files = Files.list(archive.getParent())) {
            assertEquals(List.of(archive), files.toList(), "only the archive, no temporary file");
        }

        ContentStore target = store("target");
        Snapshot imported = SnapshotArchives.importArchive(archive, target, monitor());
        assertEquals(snapshot, imported, "same manifest, same id");
        for (ManifestEntry entry : snapshot.manifest().entries()) {
            if (entry.sha256() != null) {
                try (InputStream a = source.openBlob(entry.sha256()); InputStream b = target.openBlob(entry.sha256())) {
                    assertArrayEquals(a.readAllBytes(), b.readAllBytes(), entry.path());
                }
            }
        }
        assertTrue(target.verify(monitor()).ok());
        // A second import adds nothing: every blob and the manifest are there already.
        SnapshotArchives.importArchive(archive, target, monitor());
        assertEquals(List.of(snapshot.id()), target.snapshotIds());
    }

    @Test
    void anArchiveStreamedToAnOutputStreamImportsAsTheSnapshotAndLeavesTheStreamOpen() throws IOException {
        for (ArchiveFormat format : ArchiveFormat.values()) {
            ContentStore source = store("source-" + format.name());
            Snapshot snapshot = writeTree(source);
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            boolean[] closed = { false };
            OutputStream download = new java.io.FilterOutputStream(bytes) {
                @Override
                public void close() {
                    closed[0] = true;
                }
            };
            SnapshotArchives.exportSnapshot(source, snapshot.id(), download, format, monitor());
            assertFalse(closed[0], "the caller's stream is left open");
            Path archive = Files.write(dir.resolve("streamed" + format.suffix()), bytes.toByteArray());
            assertEquals(snapshot, SnapshotArchives.importArchive(archive, store("target-" + format.name()), monitor()));
        }
    }

    @Test
    void tarGzLayoutIsManifestFirstThenFiles() throws IOException {
        ContentStore source = store("source");
        Snapshot snapshot = writeTree(source);
        Path archive = dir.resolve("backup.tar.gz");
        SnapshotArchives.exportSnapshot(source, snapshot.id(), archive, ArchiveFormat.TAR_GZ, monitor());
        List<String> names = new ArrayList<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
                Files.newInputStream(archive)))) {
            TarArchiveEntry manifest = tar.getNextEntry();
            assertEquals("manifest.json", manifest.getName());
            assertEquals(snapshot.id(), ManifestFormat.sha256(tar.readAllBytes()), "manifest.json hashes to the id");
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null;) {
                names.add(entry.getName() + (entry.isSymbolicLink() ? " -> " + entry.getLinkName() : ""));
            }
        }
        assertEquals(List.of("files/hmi/current -> screens/Übersicht — main.xml",
                "files/hmi/" + "long-name-".repeat(15) + ".txt", "files/hmi/screens/Übersicht — main.xml",
                "files/hmi/up -> ../plc/program.bin", "files/logs/", "files/plc/", "files/plc/empty",
                "files/plc/program.bin"), names);
    }

    @Test
    void oneSnapshotAlwaysGivesTheSameArchiveBytes() throws IOException {
        ContentStore source = store("source");
        Snapshot snapshot = writeTree(source);
        for (ArchiveFormat format : ArchiveFormat.values()) {
            Path first = dir.resolve("first-" + format);
            Path second = dir.resolve("second-" + format);
            SnapshotArchives.exportSnapshot(source, snapshot.id(), first, format, monitor());
            SnapshotArchives.exportSnapshot(source, snapshot.id(), second, format, monitor());
            assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second), format.toString());
        }
        // Not the export time: the manifest and the entries without a time of their own take the newest time
        // of the manifest, or 1980-01-01 when it has none.
        Path archive = dir.resolve("times.tar.gz");
        SnapshotArchives.exportSnapshot(source, snapshot.id(), archive, ArchiveFormat.TAR_GZ, monitor());
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
                Files.newInputStream(archive)))) {
            for (TarArchiveEntry entry; (entry = tar.getNextEntry()) != null;) {
                if (!entry.isSymbolicLink()) {
                    assertEquals(T0, entry.getModTime().toInstant(), entry.getName());
                }
            }
        }
        ContentStore untimed = store("untimed");
        Snapshot registers;
        try (SnapshotWriter writer = untimed.newSnapshot()) {
            writer.file("holding-registers.table", null, new ByteArrayInputStream(HELLO));
            registers = writer.commit();
        }
        Path noTimes = dir.resolve("no-times.tar.gz");
        SnapshotArchives.exportSnapshot(untimed, registers.id(), noTimes, ArchiveFormat.TAR_GZ, monitor());
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(
                Files.newInputStream(noTimes)))) {
            assertEquals(Instant.parse("1980-01-01T00:00:00Z"), tar.getNextEntry().getModTime().toInstant());
        }
    }

    @Test
    void exportRefusesASnapshotWithALinkOutsideIt() throws IOException {
        ContentStore source = store("source");
        Snapshot snapshot;
        try (SnapshotWriter writer = source.newSnapshot()) {
            writer.symlink("etc/localtime", "/usr/share/zoneinfo/UTC");
            snapshot = writer.commit();
        }
        Path archive = dir.resolve("backup.zip");
        IOException e = assertThrows(IOException.class,
                () -> SnapshotArchives.exportSnapshot(source, snapshot.id(), archive, ArchiveFormat.ZIP, monitor()));
        assertTrue(e.getMessage().contains("'etc/localtime'") && e.getMessage().contains("absolute"), e.getMessage());
        assertFalse(Files.exists(archive));
    }

    // ---- malicious archives

    /** One entry of an archive built by a test. */
    private record Item(String name, byte[] content, String linkTarget, boolean directory) {
        static Item file(String name, byte[] content) {
            return new Item(name, content, null, false);
        }

        static Item link(String name, String target) {
            return new Item(name, new byte[0], target, false);
        }
    }

    private static Item manifest(ManifestEntry... entries) {
        return Item.file("manifest.json", ManifestFormat.toJson(new Manifest(List.of(entries))));
    }

    private Path tarGz(Item... items) throws IOException {
        Path archive = Files.createTempFile(dir, "attack", ".tar.gz");
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(
                Files.newOutputStream(archive)))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Item item : items) {
                TarArchiveEntry entry;
                if (item.linkTarget() != null) {
                    entry = new TarArchiveEntry(item.name(), TarConstants.LF_SYMLINK);
                    entry.setLinkName(item.linkTarget());
                } else {
                    // preserveAbsolutePath: commons-compress would strip a leading '/' otherwise
                    entry = new TarArchiveEntry(item.name(), true);
                    entry.setSize(item.content().length);
                }
                tar.putArchiveEntry(entry);
                tar.write(item.content());
                tar.closeArchiveEntry();
            }
        }
        return archive;
    }

    private Path zip(Item... items) throws IOException {
        Path archive = Files.createTempFile(dir, "attack", ".zip");
        try (OutputStream file = Files.newOutputStream(archive); ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file)) {
            for (Item item : items) {
                ZipArchiveEntry entry = new ZipArchiveEntry(item.name());
                if (item.linkTarget() != null) {
                    entry.setUnixMode(UnixStat.LINK_FLAG | 0777);
                }
                zip.putArchiveEntry(entry);
                zip.write(item.linkTarget() != null ? item.linkTarget().getBytes(StandardCharsets.UTF_8) : item.content());
                zip.closeArchiveEntry();
            }
        }
        return archive;
    }

    /** Imports {@code archive}, expects a refusal naming archive and entry, and that no snapshot appeared. */
    private ArchiveRejectedException refused(Path archive, String entry, String problem) throws IOException {
        return refused(archive, entry, problem, ImportOptions.defaults());
    }

    private ArchiveRejectedException refused(Path archive, String entry, String problem, ImportOptions options)
            throws IOException {
        ContentStore target = store("target");
        ArchiveRejectedException e = assertThrows(ArchiveRejectedException.class, () -> SnapshotArchives
                .importArchive(archive, ArchiveFormat.of(archive), target, options, monitor()));
        assertEquals(archive.toAbsolutePath(), e.archive());
        assertEquals(entry, e.entry());
        assertTrue(e.getMessage().startsWith("archive " + archive.toAbsolutePath()), e.getMessage());
        if (entry != null) {
            assertTrue(e.getMessage().contains("entry '" + entry + "'"), e.getMessage());
        }
        assertTrue(e.getMessage().contains(problem), e.getMessage());
        assertEquals(List.of(), target.snapshotIds(), "a refused archive must not leave a snapshot");
        return e;
    }

    private static ManifestEntry helloFile(String path) {
        return ManifestEntry.file(path, HELLO.length, HELLO_SHA256, T0);
    }

    @Test
    void dotDotEntryIsRefused() throws IOException {
        refused(tarGz(manifest(helloFile("a.txt")), Item.file("files/../../etc/cron.d/evil", HELLO)),
                "files/../../etc/cron.d/evil", "'..'");
        refused(zip(manifest(helloFile("a.txt")), Item.file("files/a/../../evil", HELLO)), "files/a/../../evil", "'..'");
    }

    @Test
    void absolutePathIsRefused() throws IOException {
        refused(tarGz(manifest(helloFile("a.txt")), Item.file("/etc/passwd", HELLO)), "/etc/passwd", "absolute path");
        refused(zip(manifest(helloFile("a.txt")), Item.file("C:/Windows/evil.dll", HELLO)), "C:/Windows/evil.dll",
                "absolute path");
    }

    @Test
    void backslashIsRefused() throws IOException {
        refused(tarGz(manifest(helloFile("a.txt")), Item.file("files\\..\\evil", HELLO)), "files\\..\\evil", "backslash");
        // commons-compress turns the backslashes of a DOS-made zip entry into '/': then '..' is what refuses it.
        refused(zip(manifest(helloFile("a.txt")), Item.file("files\\..\\evil", HELLO)), "files/../evil", "'..'");
    }

    @Test
    void symlinkEscapingTheSnapshotIsRefused() throws IOException {
        // The manifest agrees with the archive, so only the link rule can stop it.
        refused(tarGz(manifest(ManifestEntry.symlink("plc/link", "../../etc")), Item.link("files/plc/link", "../../etc")),
                "files/plc/link", "points outside the snapshot");
        refused(zip(manifest(ManifestEntry.symlink("link", "/etc/shadow")), Item.link("files/link", "/etc/shadow")),
                "files/link", "absolute");
    }

    @Test
    void symlinkDifferentFromTheManifestIsRefused() throws IOException {
        refused(tarGz(manifest(ManifestEntry.symlink("plc/link", "program.bin")), Item.link("files/plc/link", "../../x")),
                "files/plc/link", "points outside the snapshot");
        refused(tarGz(manifest(ManifestEntry.symlink("plc/link", "program.bin")), Item.link("files/plc/link", "other")),
                "files/plc/link", "the manifest says 'program.bin'");
    }

    @Test
    void entryLargerThanItsManifestSizeIsRefused() throws IOException {
        byte[] big = new byte[5_000_000];
        refused(tarGz(manifest(helloFile("a.txt")), Item.file("files/a.txt", big)), "files/a.txt",
                "larger than the 5 bytes its manifest records");
        refused(zip(manifest(helloFile("a.txt")), Item.file("files/a.txt", big)), "files/a.txt",
                "larger than the 5 bytes its manifest records");
    }

    @Test
    void manifestBeyondTheConfiguredBoundIsRefused() throws IOException {
        Path archive = tarGz(manifest(helloFile("a.txt")), Item.file("files/a.txt", HELLO));
        refused(archive, "manifest.json", "more than the limit of 4", new ImportOptions(4));
        assertEquals(1, SnapshotArchives.importArchive(archive, ArchiveFormat.TAR_GZ, store("other"),
                new ImportOptions(5), monitor()).manifest().entries().size());
    }

    @Test
    void hashMismatchIsRefusedAndGcRemovesWhatWasUnpacked() throws IOException {
        Path archive = tarGz(manifest(helloFile("a.txt")),
                Item.file("files/a.txt", "HELLO".getBytes(StandardCharsets.UTF_8)));
        refused(archive, "files/a.txt", "hashes to " + ManifestFormat.sha256("HELLO".getBytes(StandardCharsets.UTF_8)));
        ContentStore target = store("target");
        assertEquals(1, target.gc(monitor()).blobsRemoved(), "the unpacked, unreferenced blob");
        try (var blobs = Files.walk(target.root().resolve("blobs"))) {
            assertFalse(blobs.anyMatch(Files::isRegularFile));
        }
    }

    @Test
    void entryNotInTheManifestIsRefused() throws IOException {
        refused(tarGz(manifest(helloFile("a.txt")), Item.file("files/a.txt", HELLO), Item.file("files/extra.sh", HELLO)),
                "files/extra.sh", "not in the archive's manifest");
        refused(tarGz(manifest(helloFile("a.txt")), Item.file("files/a.txt", HELLO), Item.file("README", HELLO)),
                "README", "outside files/");
    }

    @Test
    void entryMissingFromTheArchiveIsRefused() throws IOException {
        refused(tarGz(manifest(helloFile("a.txt"), helloFile("b.txt")), Item.file("files/a.txt", HELLO)),
                "files/b.txt", "the archive lacks it");
    }

    @Test
    void missingManifestIsRefused() throws IOException {
        refused(tarGz(Item.file("files/a.txt", HELLO)), "files/a.txt", "manifest is missing");
        refused(zip(), null, "no manifest.json");
    }

    @Test
    void damagedManifestIsRefused() throws IOException {
        byte[] json = ManifestFormat.toJson(new Manifest(List.of(helloFile("a.txt"))));
        byte[] truncated = java.util.Arrays.copyOf(json, json.length - 10);
        refused(tarGz(Item.file("manifest.json", truncated), Item.file("files/a.txt", HELLO)), "manifest.json",
                "not valid JSON");
    }

    @Test
    void entryTwiceIsRefused() throws IOException {
        refused(zip(manifest(helloFile("a.txt")), Item.file("files/a.txt", HELLO), Item.file("files/a.txt", HELLO)),
                "files/a.txt", "appears twice");
    }

    /**
     * Found by fuzzing (tests/fuzz, ArchiveImportFuzzTest): a zip entry compressed with Zstandard made
     * commons-compress reach for zstd-jni, which is not there: a NoClassDefFoundError out of the import.
     */
    @Test
    void entriesCompressedOtherwiseThanStoredOrDeflatedAreRefusedNamingTheMethod() throws IOException {
        int zstd = 93;
        refused(withMethod(zip(manifest(helloFile("a.txt")), Item.file("files/a.txt", HELLO)), "files/a.txt", zstd),
                "files/a.txt", "compressed with ZSTD (method 93); snapshot archives hold stored or deflated entries");
        refused(withMethod(zip(manifest(helloFile("a.txt")), Item.file("files/a.txt", HELLO)), "manifest.json", 12),
                "manifest.json", "compressed with BZIP2 (method 12)");
    }

    /** Rewrites the compression method of the zip entry {@code name} in its local and central headers. */
    private static Path withMethod(Path zip, String name, int method) throws IOException {
        byte[] bytes = Files.readAllBytes(zip);
        byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i + 46 < bytes.length; i++) {
            boolean local = bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 3 && bytes[i + 3] == 4;
            boolean central = bytes[i] == 'P' && bytes[i + 1] == 'K' && bytes[i + 2] == 1 && bytes[i + 3] == 2;
            int nameAt = local ? i + 30 : i + 46;
            int methodAt = local ? i + 8 : i + 10;
            if ((local || central) && java.util.Arrays.equals(bytes, nameAt, nameAt + wanted.length, wanted, 0,
                    wanted.length)) {
                bytes[methodAt] = (byte) method;
                bytes[methodAt + 1] = (byte) (method >> 8);
            }
        }
        Files.write(zip, bytes);
        return zip;
    }

    @Test
    void notAnArchiveIsRefusedNamingTheFile() throws IOException {
        Path archive = dir.resolve("photo.tar.gz");
        Files.writeString(archive, "not gzip at all");
        ArchiveRejectedException e = refused(archive, null, "cannot be read");
        assertNull(e.entry());
    }
}
