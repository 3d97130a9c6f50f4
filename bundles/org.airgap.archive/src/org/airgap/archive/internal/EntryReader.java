package org.airgap.archive.internal;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Set;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.archivers.zip.ZipMethod;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/** The entries of a tar.gz or zip archive in the order they are stored, the same way for both. */
abstract class EntryReader implements Closeable {

    enum Kind {
        FILE, DIRECTORY, SYMLINK, OTHER
    }

    /**
     * One entry. {@code content} is valid until the next call of {@link EntryReader#next()};
     * {@code description} names an OTHER kind (hard link, device).
     */
    record Entry(String name, Kind kind, String linkTarget, InputStream content, String description) {
    }

    /** The next entry, or {@code null} at the end. */
    abstract Entry next() throws IOException;

    static EntryReader tarGz(Path archive) throws IOException {
        return new Tar(new TarArchiveInputStream(
                new GzipCompressorInputStream(new BufferedInputStream(Files.newInputStream(archive), 1 << 16)),
                StandardCharsets.UTF_8.name()));
    }

    static EntryReader zip(Path archive) throws IOException {
        return new Zip(ZipFile.builder().setPath(archive).setCharset(StandardCharsets.UTF_8).get());
    }

    private static final class Tar extends EntryReader {
        private final TarArchiveInputStream tar;

        Tar(TarArchiveInputStream tar) {
            this.tar = tar;
        }

        @Override
        Entry next() throws IOException {
            TarArchiveEntry entry = tar.getNextEntry();
            if (entry == null) {
                return null;
            }
            String name = entry.getName();
            if (entry.isSymbolicLink()) {
                return new Entry(name, Kind.SYMLINK, entry.getLinkName(), InputStream.nullInputStream(), "symbolic link");
            }
            if (entry.isDirectory()) {
                return new Entry(name, Kind.DIRECTORY, null, InputStream.nullInputStream(), "directory");
            }
            if (entry.isLink()) {
                return new Entry(name, Kind.OTHER, entry.getLinkName(), InputStream.nullInputStream(), "hard link");
            }
            if (!entry.isFile()) {
                return new Entry(name, Kind.OTHER, null, InputStream.nullInputStream(), "special file (device, FIFO)");
            }
            return new Entry(name, Kind.FILE, null, tar, "file");
        }

        @Override
        public void close() throws IOException {
            tar.close();
        }
    }

    private static final class Zip extends EntryReader {
        private static final int MAX_LINK_TARGET = 4096;
        /** What the exporter writes; other methods widen what an archive can make the importer run. */
        private static final Set<Integer> READABLE_METHODS = Set.of(ZipMethod.STORED.getCode(),
                ZipMethod.DEFLATED.getCode());

        private final ZipFile zip;
        private final Enumeration<ZipArchiveEntry> entries;
        private InputStream current;

        Zip(ZipFile zip) {
            this.zip = zip;
            this.entries = zip.getEntriesInPhysicalOrder();
        }

        @Override
        Entry next() throws IOException {
            if (current != null) {
                current.close();
                current = null;
            }
            if (!entries.hasMoreElements()) {
                return null;
            }
            ZipArchiveEntry entry = entries.nextElement();
            String name = entry.getName();
            if (!entry.isDirectory() && !READABLE_METHODS.contains(entry.getMethod())) {
                // Found by fuzzing: Zstandard needs a library that is not there, a NoClassDefFoundError escaped.
                ZipMethod method = ZipMethod.getMethodByCode(entry.getMethod());
                return new Entry(name, Kind.OTHER, null, InputStream.nullInputStream(), "an entry compressed with "
                        + (method == null ? "method " + entry.getMethod() : method + " (method " + entry.getMethod()
                                + ")") + "; snapshot archives hold stored or deflated entries only");
            }
            if (entry.isUnixSymlink()) {
                try (InputStream in = zip.getInputStream(entry)) {
                    byte[] target = in.readNBytes(MAX_LINK_TARGET + 1);
                    if (target.length > MAX_LINK_TARGET) {
                        return new Entry(name, Kind.OTHER, null, InputStream.nullInputStream(),
                                "symbolic link with a target longer than " + MAX_LINK_TARGET + " bytes");
                    }
                    return new Entry(name, Kind.SYMLINK, new String(target, StandardCharsets.UTF_8),
                            InputStream.nullInputStream(), "symbolic link");
                }
            }
            if (entry.isDirectory()) {
                return new Entry(name, Kind.DIRECTORY, null, InputStream.nullInputStream(), "directory");
            }
            current = zip.getInputStream(entry);
            return new Entry(name, Kind.FILE, null, current, "file");
        }

        @Override
        public void close() throws IOException {
            if (current != null) {
                current.close();
            }
            zip.close();
        }
    }
}
