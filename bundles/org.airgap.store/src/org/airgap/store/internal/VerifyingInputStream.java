package org.airgap.store.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.airgap.store.ManifestFormat;
import org.airgap.store.ObservedInputStream;
import org.airgap.store.StoreException;

/**
 * A blob's content, hashed while it is read: at the end of the stream the hash must be the blob's name,
 * or the read fails with CORRUPT_BLOB. A reader that stops early gets no verdict.
 */
final class VerifyingInputStream extends ObservedInputStream {

    private final MessageDigest digest = ManifestFormat.newSha256();
    private final String expected;
    private final Path file;
    private boolean checked;

    VerifyingInputStream(InputStream in, String expected, Path file) {
        super(in);
        this.expected = expected;
        this.file = file;
    }

    @Override
    protected void passed(byte[] b, int off, int n) {
        digest.update(b, off, n);
    }

    @Override
    protected void ended() throws StoreException {
        if (checked) {
            return;
        }
        checked = true;
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(expected)) {
            throw new StoreException(StoreException.Kind.CORRUPT_BLOB, file,
                    "corrupt blob " + file + ": its content hashes to " + actual + ", not to its name");
        }
    }

    /** Skipped bytes are read and hashed too, so that the verdict at the end stays valid. */
    @Override
    public long skip(long n) throws IOException {
        byte[] buffer = new byte[(int) Math.min(Math.max(n, 0), 64 * 1024)];
        long skipped = 0;
        while (skipped < n) {
            int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
            if (read < 0) {
                break;
            }
            skipped += read;
        }
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    @Override
    public synchronized void mark(int readlimit) {
        // not supported: a reset would hash bytes twice
    }

    @Override
    public synchronized void reset() throws IOException {
        throw new IOException("mark/reset not supported");
    }
}
