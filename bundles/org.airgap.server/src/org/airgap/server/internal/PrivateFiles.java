package org.airgap.server.internal;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Keeps the data directory to the server's own account: the directory and its folders 0700, its files
 * 0600 (the database with the password hashes and device credentials, the store, the logs,
 * server.ini). Applied by {@code init} and at every start, so that a copied or restored directory is
 * tightened too. Folders already 0700 are not entered: what the server creates in them later is
 * unreachable for other accounts anyway. No-op on file systems without POSIX permissions (Windows:
 * the directory inherits its parent's ACL).
 */
final class PrivateFiles {

    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /** Creates {@code folder} (its parents as usual) private from the start: no moment open to others. */
    static void createFolder(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return;
        }
        Path parent = folder.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (Files.getFileAttributeView(parent != null ? parent : folder, PosixFileAttributeView.class) == null) {
            Files.createDirectory(folder);
        } else {
            Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(FOLDER));
        }
    }

    /** Tightens {@code dataDirectory} and everything in it that other accounts could reach. */
    static void restrict(Path dataDirectory) throws IOException {
        if (Files.getFileAttributeView(dataDirectory, PosixFileAttributeView.class) == null) {
            return;
        }
        Files.walkFileTree(dataDirectory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path folder, BasicFileAttributes attributes) throws IOException {
                boolean wasPrivate = Files.getPosixFilePermissions(folder).equals(FOLDER);
                Files.setPosixFilePermissions(folder, FOLDER);
                // The top folder is always entered: its files may have been loosened one by one.
                return wasPrivate && !folder.equals(dataDirectory) ? FileVisitResult.SKIP_SUBTREE
                        : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (attributes.isRegularFile()) {
                    Files.setPosixFilePermissions(file, FILE);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
