package org.airgap.client.admin.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

import org.airgap.session.ClientSession;
import org.eclipse.core.runtime.IProgressMonitor;

/**
 * A version's archive streamed from the server into a file: into a temporary file beside the target, synced,
 * and renamed to the target only when complete (as {@code airgap admin versions download} does), so that a
 * cancelled or broken download leaves no file that looks whole and an existing one as it was.
 */
final class VersionArchiveDownload {

    private static final int BUFFER = 64 * 1024;

    private VersionArchiveDownload() {
    }

    static long download(CancellableCalls calls, ClientSession session, String path, String what, Path target,
            IProgressMonitor monitor) throws IOException {
        Path file = target.toAbsolutePath().normalize();
        if (Files.isDirectory(file)) {
            throw new IOException(file + " is a folder: choose a file name for the archive");
        }
        Path folder = file.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new IOException("the folder " + folder + " does not exist: choose another one");
        }
        Path part = Files.createTempFile(folder, "." + file.getFileName(), ".part");
        AtomicLong received = new AtomicLong();
        try {
            long bytes = calls.call(session, monitor, "Downloading " + what, client -> {
                try (InputStream in = client.getStream(path); OutputStream out = Files.newOutputStream(part)) {
                    byte[] buffer = new byte[BUFFER];
                    for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                        out.write(buffer, 0, read);
                        received.addAndGet(read);
                    }
                }
                try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
                return received.get();
            }, progress -> progress.subTask(size(received.get()) + " received"));
            Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return bytes;
        } finally {
            // Also after a cancel, while the call's thread may still be writing: the part goes either way.
            Files.deleteIfExists(part);
        }
    }

    /** Bytes for people: 402 bytes, 12.3 KB, 4.5 MB. */
    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
}
