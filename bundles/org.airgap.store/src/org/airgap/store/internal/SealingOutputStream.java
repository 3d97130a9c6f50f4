package org.airgap.store.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32C;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Writes a sealed file ({@link SealedFormat}) to the stream it wraps, chunk by chunk, so content of any
 * size streams through one buffer. A chunk is written once the next byte shows it is not the last;
 * {@link #finish} writes the last one. Closing finishes and closes the wrapped stream.
 */
public final class SealingOutputStream extends OutputStream {

    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * The JIT compiles the JDK's interleaved AES-GCM routine only after some thousand calls; until then a
     * chunk is encrypted by interpreted or lightly compiled code, about 30 times slower (measured: the
     * first 100 MB of a fresh VM took as long as the next 2 GB). The first chunks a VM seals are therefore
     * fed to the cipher in {@link #PIECE}-byte updates, which reach that count within a few megabytes. The
     * bytes written are the same either way (GCM encrypts a stream).
     */
    static final int WARM_UP_CHUNKS = 128;

    /** The smallest update the JDK hands to its compiled AES-GCM routine (GaloisCounterMode.PARALLEL_LEN). */
    static final int PIECE = 512;

    private static final AtomicInteger WARM_UP_LEFT = new AtomicInteger(WARM_UP_CHUNKS);

    private final OutputStream out;
    private final SecretKeySpec key;
    private final byte[] header = new byte[SealedFormat.HEADER];
    private final byte[] context;
    private final boolean alwaysInPieces;
    /**
     * The chunk being filled and its sealed form, grown as needed up to a chunk: a small file's stream
     * allocates (and the VM zeroes) its size, not 128 KiB (measured: a third of sealing a small file).
     */
    private byte[] plain = new byte[0];
    private byte[] sealed = new byte[0];
    private final CRC32C crc = new CRC32C();
    private int buffered;
    private long index;
    private boolean finished;

    /** @param contentMac an HMAC keyed with the content key ({@link SealedFormat#keyedHmac}), left untouched */
    public SealingOutputStream(OutputStream out, Mac contentMac, byte[] context) throws IOException {
        this(out, contentMac, context, randomFileId(), false);
    }

    /** With a given file id, and every chunk in pieces when {@code alwaysInPieces} (tests). */
    SealingOutputStream(OutputStream out, Mac contentMac, byte[] context, byte[] fileId, boolean alwaysInPieces)
            throws IOException {
        this.out = out;
        this.context = context.clone();
        this.alwaysInPieces = alwaysInPieces;
        System.arraycopy(SealedFormat.MAGIC, 0, header, 0, SealedFormat.MAGIC.length);
        System.arraycopy(fileId, 0, header, SealedFormat.MAGIC.length, SealedFormat.FILE_ID);
        this.key = SealedFormat.fileKey(contentMac, header);
        out.write(header);
    }

    private static byte[] randomFileId() {
        byte[] fileId = new byte[SealedFormat.FILE_ID];
        RANDOM.nextBytes(fileId);
        return fileId;
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
            if (buffered == SealedFormat.CHUNK) {
                writeChunk(plain, 0, buffered, false); // more follows, so this one is not the last
                buffered = 0;
            }
            if (buffered == 0 && len > SealedFormat.CHUNK) {
                // A whole chunk with more to follow: sealed straight from the caller's array, not copied first.
                writeChunk(b, off, SealedFormat.CHUNK, false);
                off += SealedFormat.CHUNK;
                len -= SealedFormat.CHUNK;
                continue;
            }
            int n = Math.min(len, SealedFormat.CHUNK - buffered);
            if (buffered + n > plain.length) {
                plain = Arrays.copyOf(plain, Math.min(SealedFormat.CHUNK, Math.max(buffered + n, 2 * plain.length)));
            }
            System.arraycopy(b, off, plain, buffered, n);
            buffered += n;
            off += n;
            len -= n;
        }
    }

    /** Writes the last chunk and flushes; the wrapped stream stays open. */
    public void finish() throws IOException {
        if (!finished) {
            writeChunk(plain, 0, buffered, true);
            buffered = 0;
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

    private void writeChunk(byte[] chunk, int off, int len, boolean last) throws IOException {
        if (sealed.length < len + SealedFormat.OVERHEAD) {
            sealed = new byte[len + SealedFormat.OVERHEAD];
        }
        int length = 0;
        try {
            Cipher cipher = SealedFormat.threadCipher();
            SealedFormat.init(cipher, Cipher.ENCRYPT_MODE, key, header, index, last, context);
            if (alwaysInPieces || (WARM_UP_LEFT.get() > 0 && WARM_UP_LEFT.getAndDecrement() > 0)) {
                for (; len > PIECE; off += PIECE, len -= PIECE) {
                    length += cipher.update(chunk, off, PIECE, sealed, length);
                }
            }
            length += cipher.doFinal(chunk, off, len, sealed, length);
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
        index++;
    }
}
