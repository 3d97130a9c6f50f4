package org.airgap.driver.ftp.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Where one parallel download waits for its turn at the snapshot writer: in memory up to {@link #MEMORY_LIMIT}
 * (most device files are small, and a temporary file per file costs a create, writes and a delete), in a
 * temporary file beyond. Never more than the limit in memory, whatever the file's size.
 */
final class Spool extends OutputStream {

    /** Files up to this size stay in memory; the spool limit of {@link Downloads} bounds how many at once. */
    static final int MEMORY_LIMIT = 1024 * 1024;

    private final Path folder;
    private byte[] memory;
    private int count;
    private Path file;
    private OutputStream fileOut;

    /** @param expectedSize the listed size, to size the buffer (or go to a file at once); -1 when unknown */
    Spool(Path folder, long expectedSize) throws IOException {
        this.folder = folder;
        if (expectedSize > MEMORY_LIMIT) {
            toFile();
        } else {
            memory = new byte[(int) Math.max(expectedSize, 0)];
        }
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] { (byte) b }, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (fileOut == null && count + len > MEMORY_LIMIT) {
            toFile();
        }
        if (fileOut != null) {
            fileOut.write(b, off, len);
            return;
        }
        if (count + len > memory.length) {
            memory = Arrays.copyOf(memory, Math.min(MEMORY_LIMIT, Math.max(count + len, 2 * memory.length)));
        }
        System.arraycopy(b, off, memory, count, len);
        count += len;
    }

    private void toFile() throws IOException {
        file = Files.createTempFile(folder, "download-", ".part");
        fileOut = Files.newOutputStream(file);
        if (count > 0) {
            fileOut.write(memory, 0, count);
        }
        memory = null;
    }

    @Override
    public void close() throws IOException {
        if (fileOut != null) {
            fileOut.close();
        }
    }

    /** The content, once written and closed. */
    InputStream open() throws IOException {
        return file != null ? Files.newInputStream(file) : new ByteArrayInputStream(memory, 0, count);
    }

    /** Frees the memory or deletes the file; never throws. */
    void delete() {
        memory = null;
        if (file != null) {
            try {
                if (fileOut != null) {
                    fileOut.close();
                }
            } catch (IOException e) {
                // deleted next
            }
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // the spool folder is removed at the end
            }
        }
    }
}
