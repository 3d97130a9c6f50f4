package org.airgap.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * Searches files for secrets a stolen laptop must not give away: each marker as UTF-8, UTF-16 LE and BE, and
 * Base64 at each of the three alignments (the characters that depend on the marker alone).
 */
public final class MarkerSearch {

    private MarkerSearch() {
    }

    /**
     * The files under {@code root} (not below any of {@code skip}) modified at or after {@code since} that hold
     * a marker, as "FILE holds MARKER". Files that vanish or cannot be read (another user's) are passed over.
     */
    public static List<String> search(Path root, Instant since, Set<Path> skip, String... markers) throws IOException {
        List<String> found = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                return skip.contains(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (attributes.isRegularFile() && !attributes.lastModifiedTime().toInstant().isBefore(since)) {
                    try {
                        String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                        for (String marker : markers) {
                            if (forms(marker).stream().anyMatch(bytes::contains)) {
                                found.add(file + " holds " + marker);
                            }
                        }
                    } catch (NoSuchFileException | AccessDeniedException e) {
                        // gone meanwhile, or not ours
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // another user's folder in the temp folder
            }
        });
        return found;
    }

    /** Every file under {@code root}, whatever its time. */
    public static List<String> search(Path root, String... markers) throws IOException {
        return search(root, Instant.EPOCH, Set.of(), markers);
    }

    /** The marker's forms as ISO-8859-1 strings of their bytes. */
    public static List<String> forms(String marker) {
        List<String> forms = new ArrayList<>();
        forms.add(new String(marker.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1));
        forms.add(new String(marker.getBytes(StandardCharsets.UTF_16LE), StandardCharsets.ISO_8859_1));
        forms.add(new String(marker.getBytes(StandardCharsets.UTF_16BE), StandardCharsets.ISO_8859_1));
        for (int shift = 0; shift < 3; shift++) {
            byte[] shifted = ("xx".substring(0, shift) + marker).getBytes(StandardCharsets.UTF_8);
            String encoded = Base64.getEncoder().encodeToString(shifted);
            int skip = shift == 0 ? 0 : 4;
            forms.add(encoded.substring(skip, encoded.length() - 4));
        }
        if (forms.stream().anyMatch(form -> form.length() < 12)) {
            throw new UncheckedIOException(new IOException("marker '" + marker + "' is too short to be found reliably"));
        }
        return forms;
    }
}
