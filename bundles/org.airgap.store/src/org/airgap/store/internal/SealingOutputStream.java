package org.airgap.store.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.zip.CRC32C;

import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes a sealed file ({@link SealedFormat}) to the stream it wraps, chunk by chunk, so content of any
 * size streams through one buffer. A chunk is written once the next byte shows it is not the last;
 * {@link #finish} writes the last one. Closing finishes and closes the wrapped stream.
 */
public final class SealingOutputStream extends OutputStream {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final OutputStream out;
    private final SecretKeySpec key;
    private final byte[] header = new byte[SealedFormat.HEADER];
    private final byte[] context;
    private final Cipher cipher = SealedFormat.newCipher();
    private final byte[] plain = new byte[SealedFormat.CHUNK];
    private final byte[] sealed = new byte[SealedFormat.CHUNK + SealedFormat.OVERHEAD];
    private final CRC32C crc = new CRC32C();
    private int buffered;
    private long index;
    private boolean finished;

    public SealingOutputStream(OutputStream out, byte[] contentKey, byte[] context) throws IOException {
        this.out = out;
        this.context = context.clone();
        System.arraycopy(SealedFormat.MAGIC, 0, header, 0, SealedFormat.MAGIC.length);
        byte[] fileId = new byte[SealedFormat.FILE_ID];
        RANDOM.nextBytes(fileId);
        System.arraycopy(fileId, 0, header, SealedFormat.MAGIC.length, SealedFormat.FILE_ID);
        this.key = SealedFormat.fileKey(contentKey, header);
        out.write(header);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] { (byte) b }, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (finished) {
            throw new IOException("the sealed file is already finished");
        }
        while (len > 0) {
            if (buffered == plain.length) {
                writeChunk(false); // more follows, so this one is not the last
            }
            int n = Math.min(len, plain.length - buffered);
            System.arraycopy(b, off, plain, buffered, n);
            buffered += n;
            off += n;
            len -= n;
        }
    }

    /** Writes the last chunk and flushes; the wrapped stream stays open. */
    public void finish() throws IOException {
        if (!finished) {
            writeChunk(true);
            finished = true;
        }
        out.flush();
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try {
            finish();
        } finally {
            out.close();
        }
    }

    private void writeChunk(boolean last) throws IOException {
        int length;
        try {
            SealedFormat.init(cipher, Cipher.ENCRYPT_MODE, key, header, index, last, context);
            length = cipher.doFinal(plain, 0, buffered, sealed, 0);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot encrypt: " + e.getMessage(), e);
        }
        crc.reset();
        crc.update(sealed, 0, length);
        int value = (int) crc.getValue();
        sealed[length] = (byte) (value >>> 24);
        sealed[length + 1] = (byte) (value >>> 16);
        sealed[length + 2] = (byte) (value >>> 8);
        sealed[length + 3] = (byte) value;
        out.write(sealed, 0, length + SealedFormat.CRC);
        buffered = 0;
        index++;
    }
}
