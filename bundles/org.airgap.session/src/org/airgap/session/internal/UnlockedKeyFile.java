package org.airgap.session.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

import org.airgap.workspace.AtomicFile;

/**
 * The unlocked data key of the active session, for the next {@code airgap} command (a process of its own)
 * on the same workspace: a 32-byte file, owner-only, in the user's runtime folder — a RAM file system
 * ({@code $XDG_RUNTIME_DIR}, else {@code /dev/shm}; the system property {@code airgap.runtime.dir} for
 * tests: the build sets it to the test bundle's {@code target/runtime}) that a powered-off laptop does not keep — never in the workspace. Written at login, deleted when
 * the session ends. Without a runtime folder the key lives only in the process that logged in.
 */
final class UnlockedKeyFile {

    private final Path file;

    UnlockedKeyFile(Path workspace) {
        Path folder = runtimeFolder();
        this.file = folder == null ? null : folder.resolve("airgap-" + workspaceId(workspace) + ".key");
    }

    static Path runtimeFolder() {
        String configured = System.getProperty("airgap.runtime.dir");
        if (configured != null && !configured.isBlank()) {
            // Set (the tests set it for every test JVM): this folder and no other.
            try {
                return Files.createDirectories(Path.of(configured.strip()));
            } catch (IOException e) {
                return null;
            }
        }
        for (String candidate : new String[] { System.getenv("XDG_RUNTIME_DIR"), "/dev/shm" }) {
            if (candidate != null && !candidate.isBlank() && Files.isDirectory(Path.of(candidate))
                    && Files.isWritable(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    private static String workspaceId(Path workspace) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(workspace.toAbsolutePath().normalize().toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The file, or {@code null} without a runtime folder. */
    Path file() {
        return file;
    }

    void write(byte[] key) throws IOException {
        if (file == null) {
            return;
        }
        boolean posix = file.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] ownerOnly = posix
                ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")) }
                : new FileAttribute<?>[0];
        AtomicFile.write(file, key, ownerOnly);
    }

    Optional<byte[]> read() throws IOException {
        if (file == null) {
            return Optional.empty();
        }
        try {
            byte[] key = Files.readAllBytes(file);
            return key.length == 32 ? Optional.of(key) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    void delete() {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a RAM folder: gone at the next boot anyway
        }
    }
}
