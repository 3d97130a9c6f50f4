package org.airgap.store;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A filter stream that sees every byte it passes in one place, for streams that count, bound, hash or
 * report what is read: single-byte reads go through {@link #read(byte[], int, int)}, each chunk read is
 * counted and handed to {@link #passed}, and the end of the stream to {@link #ended}.
 */
public abstract class ObservedInputStream extends FilterInputStream {

    private long count;

    protected ObservedInputStream(InputStream in) {
        super(in);
    }

    /** The bytes read so far. */
    public final long count() {
        return count;
    }

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            count += n;
            passed(b, off, n);
        } else if (n < 0) {
            ended();
        }
        return n;
    }

    /** Called with each chunk just read; {@link #count()} already includes it. */
    protected void passed(byte[] b, int off, int n) throws IOException {
    }

    /** Called each time a read finds the end of the stream. */
    protected void ended() throws IOException {
    }
}
