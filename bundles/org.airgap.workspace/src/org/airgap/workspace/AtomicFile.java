package org.airgap.workspace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;

/**
 * Replaces a file's content so that a crash at any instant leaves the old or the new content, never a
 * mix: write a temporary file beside it, fsync, rename over the target, fsync the folder. The workspace's
 * data and the session's owner-only files are written this way.
 */
public final class AtomicFile {

    private AtomicFile() {
    }

    /**
     * Replaces {@code target}'s content.
     *
     * @param attributes given to the new file when it is created, e.g. owner-only POSIX permissions
     */
    public static void write(Path target, byte[] content, FileAttribute<?>... attributes) throws IOException {
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp", attributes);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncFolder(target.getParent());
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Deletes a file durably (the deletion survives a crash once this returns). */
    public static void delete(Path file) throws IOException {
        if (Files.deleteIfExists(file)) {
            syncFolder(file.getParent());
        }
    }

    /** Makes the folder's entries (created, renamed, deleted files) durable. */
    public static void syncFolder(Path folder) throws IOException {
        try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (UnsupportedOperationException | AccessDeniedException e) {
            // Platforms that cannot open a folder (Windows): the rename itself is still atomic.
        }
    }

    /** Temporary files a crash left beside their targets. */
    public static boolean isLeftover(Path file) {
        String name = file.getFileName().toString();
        return name.startsWith(".") && name.endsWith(".tmp");
    }
}
