package org.airgap.platform.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.ArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commons Compress (with Commons IO, which it needs at run time) writes a .tar.gz and a .zip to disk and
 * reads back the same bytes. Entry names are what device backups look like: nested, long, non-ASCII.
 */
class CommonsCompressTest {

    @TempDir
    Path dir;

    /** Entry name to content, in archive order. */
    private static Map<String, byte[]> entries() {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        byte[] binary = new byte[70_000];
        new Random(7).nextBytes(binary);
        entries.put("plc-7/program/main.bin", binary);
        entries.put("plc-7/config/Störungen.txt", "Motor 3 überlastet\r\n".getBytes(StandardCharsets.UTF_8));
        // Longer than the 100 characters of a classic tar header.
        entries.put("plc-7/" + "very-long-folder-name/".repeat(6) + "recipe.csv",
                "step;temp\n1;180\n".getBytes(StandardCharsets.UTF_8));
        entries.put("plc-7/empty.dat", new byte[0]);
        return entries;
    }

    @Test
    void tarGzRoundTrip() throws IOException {
        Path archive = dir.resolve("backup.tar.gz");
        Map<String, byte[]> written = entries();
        try (OutputStream file = Files.newOutputStream(archive);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(file))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> e : written.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(e.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
        assertGzip(archive);

        try (InputStream file = Files.newInputStream(archive);
                TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(file))) {
            assertSameEntries(written, readAll(tar));
        }
    }

    @Test
    void zipRoundTrip() throws IOException {
        Path archive = dir.resolve("backup.zip");
        Map<String, byte[]> written = entries();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(archive)) {
            for (Map.Entry<String, byte[]> e : written.entrySet()) {
                zip.putArchiveEntry(new ZipArchiveEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeArchiveEntry();
            }
            zip.finish();
        }
        byte[] head = Files.readAllBytes(archive);
        assertEquals('P', head[0]);
        assertEquals('K', head[1]);

        try (ZipArchiveInputStream zip = new ZipArchiveInputStream(Files.newInputStream(archive))) {
            assertSameEntries(written, readAll(zip));
        }
    }

    private static void assertGzip(Path archive) throws IOException {
        byte[] bytes = Files.readAllBytes(archive);
        assertEquals((byte) 0x1f, bytes[0]);
        assertEquals((byte) 0x8b, bytes[1]);
        // The random 70 kB cannot shrink much: a smaller file would mean content went missing.
        assertTrue(bytes.length > 70_000, "archive is only " + bytes.length + " bytes");
    }

    private static Map<String, byte[]> readAll(ArchiveInputStream<? extends ArchiveEntry> in) throws IOException {
        Map<String, byte[]> read = new LinkedHashMap<>();
        ArchiveEntry entry;
        while ((entry = in.getNextEntry()) != null) {
            read.put(entry.getName(), in.readAllBytes());
        }
        return read;
    }

    private static void assertSameEntries(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(expected.keySet().stream().toList(), actual.keySet().stream().toList());
        for (Map.Entry<String, byte[]> e : expected.entrySet()) {
            assertArrayEquals(e.getValue(), actual.get(e.getKey()), e.getKey());
        }
    }
}
