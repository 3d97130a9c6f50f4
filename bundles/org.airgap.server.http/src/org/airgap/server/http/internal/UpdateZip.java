package org.airgap.server.http.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.airgap.protocol.PublishedUpdates;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Unpacks an uploaded update repository zip, which is hostile until checked: every entry's name must be a
 * relative path of plain segments (no {@code ..}, no absolute path, no backslash, no drive), no entry may be a
 * symbolic link or come twice, and the entries and the bytes they unpack to are counted against limits while
 * they are written, whatever the zip's headers claim.
 */
final class UpdateZip {

    /** The most entries an update repository may have (the project's has a few hundred). */
    static final int MAX_ENTRIES = 20_000;
    private static final int MAX_NAME_LENGTH = 300;
    private static final int MAX_DEPTH = 8;
    /** A path segment: what p2 names its files with (ids, versions, qualifiers). */
    static final Pattern SEGMENT = Pattern.compile("[A-Za-z0-9_+~.-]{1,200}");

    private UpdateZip() {
    }

    /**
     * Unpacks {@code zip} into the empty directory {@code target}.
     *
     * @param maxBytes the most bytes all files may unpack to
     * @return the files written, by path
     * @throws ServerException BAD_REQUEST naming the first entry that is not allowed (or a file that is not a
     *                         zip), TOO_LARGE when the entries or their bytes exceed the limits
     */
    static List<PublishedUpdates.File> unpack(Path zip, Path target, long maxBytes)
            throws ServerException, IOException {
        List<PublishedUpdates.File> files = new ArrayList<>();
        try (ZipFile archive = open(zip)) {
            List<ZipArchiveEntry> entries = Collections.list(archive.getEntries());
            if (entries.size() > MAX_ENTRIES) {
                throw new ServerException(Kind.TOO_LARGE, "the zip has " + entries.size()
                        + " entries; an update repository may have at most " + MAX_ENTRIES);
            }
            Set<String> seen = new HashSet<>();
            long written = 0;
            for (ZipArchiveEntry entry : entries) {
                String name = checkedName(entry);
                if (!seen.add(name)) {
                    throw refused(entry, "comes twice");
                }
                Path destination = target.resolve(name);
                if (entry.isDirectory()) {
                    Files.createDirectories(destination);
                    continue;
                }
                Files.createDirectories(destination.getParent());
                try (InputStream in = archive.getInputStream(entry)) {
                    PublishedUpdates.File file = copy(in, destination, name, maxBytes - written);
                    written += file.size();
                    files.add(file);
                }
            }
        }
        return files;
    }

    private static ZipFile open(Path zip) throws ServerException {
        try {
            return ZipFile.builder().setPath(zip).setCharset(java.nio.charset.StandardCharsets.UTF_8).get();
        } catch (IOException e) {
            throw new ServerException(Kind.BAD_REQUEST, "the upload is not a zip file (" + e.getMessage()
                    + "): publish the p2 repository zip the build makes", e);
        }
    }

    /** The entry's name without a trailing '/', if it is a relative path of plain segments. */
    static String checkedName(ZipArchiveEntry entry) throws ServerException {
        if (entry.isUnixSymlink()) {
            throw refused(entry, "is a symbolic link");
        }
        String name = entry.getName();
        if (name.endsWith("/")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            throw refused(entry, "has no name or a name longer than " + MAX_NAME_LENGTH + " characters");
        }
        String[] segments = name.split("/", -1);
        if (segments.length > MAX_DEPTH) {
            throw refused(entry, "is nested deeper than " + MAX_DEPTH + " folders");
        }
        for (String segment : segments) {
            if (segment.equals(".") || segment.equals("..") || !SEGMENT.matcher(segment).matches()) {
                throw refused(entry, "is not a relative path of plain names (letters, digits, . _ + ~ -)");
            }
        }
        return name;
    }

    private static ServerException refused(ZipArchiveEntry entry, String problem) {
        return new ServerException(Kind.BAD_REQUEST, "the zip entry '" + entry.getName() + "' " + problem
                + ": it cannot be part of an update repository; nothing was published");
    }

    private static PublishedUpdates.File copy(InputStream in, Path destination, String name, long allowed)
            throws ServerException, IOException {
        MessageDigest sha256 = sha256();
        long size = 0;
        try (OutputStream out = new DigestOutputStream(Files.newOutputStream(destination,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), sha256)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0;) {
                size += n;
                if (size > allowed) {
                    throw new ServerException(Kind.TOO_LARGE, "the zip unpacks to more bytes than server.ini [Updates]"
                            + " maxRepositorySize allows (at " + name + "); nothing was published");
                }
                out.write(buffer, 0, n);
            }
        }
        return new PublishedUpdates.File(name, size, HexFormat.of().formatHex(sha256.digest()));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
