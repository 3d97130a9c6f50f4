package org.airgap.store.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.zip.CRC32C;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.airgap.store.StoreException;
import org.airgap.store.StoreException.Kind;

/**
 * Reads the plaintext of a sealed file ({@link SealedFormat}), one authenticated chunk at a time: a
 * byte is only handed out once its chunk's tag checked, and the end only once the last chunk (flagged
 * in its nonce and associated data) was read. Without the key, {@link #check} finds damage by the
 * chunks' CRC32C and the format's structure.
 */
public final class OpeningInputStream extends InputStream {

    private final InputStream in;
    private final byte[] header = new byte[SealedFormat.HEADER];
    private final byte[] context;
    private final SecretKeySpec key;
    private final Path file;
    private final Kind kind;
    private final Cipher cipher = SealedFormat.newCipher();
    private final byte[] sealed = new byte[SealedFormat.CHUNK + SealedFormat.OVERHEAD + 1];
    private final byte[] plain = new byte[SealedFormat.CHUNK];
    /** Bytes read ahead into {@link #sealed} beyond the chunk taken last (0 or 1). */
    private int ahead;
    private int position;
    private int available;
    private long index;
    private boolean lastRead;

    /**
     * @param contentMac an HMAC keyed with the content key ({@link SealedFormat#keyedHmac}), left untouched
     * @param kind what a damaged file is ({@code CORRUPT_BLOB}, {@code CORRUPT_MANIFEST}), for the exception
     */
    public OpeningInputStream(InputStream in, Mac contentMac, byte[] context, Path file, Kind kind)
            throws IOException {
        this.in = in;
        this.context = context.clone();
        this.file = file;
        this.kind = kind;
        int n = in.readNBytes(header, 0, header.length);
        if (n < header.length || !SealedFormat.isSealed(header, n)) {
            in.close();
            throw new StoreException(kind, file, file + " is not a sealed file of this version (no header)");
        }
        this.key = SealedFormat.fileKey(contentMac, header);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        while (position == available) {
            if (lastRead) {
                return -1;
            }
            nextChunk();
        }
        int n = Math.min(len, available - position);
        System.arraycopy(plain, position, b, off, n);
        position += n;
        return n;
    }

    private void nextChunk() throws IOException {
        int full = SealedFormat.CHUNK + SealedFormat.OVERHEAD;
        int length = ahead + in.readNBytes(sealed, ahead, full + 1 - ahead);
        boolean last = length <= full;
        int chunk = last ? length : full;
        if (chunk < SealedFormat.OVERHEAD) {
            throw damaged("it ends inside chunk " + index);
        }
        int cipherLength = chunk - SealedFormat.CRC;
        try {
            SealedFormat.init(cipher, Cipher.DECRYPT_MODE, key, header, index, last, context);
            available = cipher.doFinal(sealed, 0, cipherLength, plain, 0);
        } catch (GeneralSecurityException e) {
            throw damaged("chunk " + index + " does not authenticate (changed, moved, cut off or another key)");
        }
        position = 0;
        index++;
        lastRead = last;
        if (!last) {
            sealed[0] = sealed[full];
            ahead = 1;
        }
    }

    private StoreException damaged(String why) {
        return new StoreException(kind, file, file + " is damaged or was changed: " + why);
    }

    @Override
    public void close() throws IOException {
        Arrays.fill(plain, (byte) 0);
        in.close();
    }

    /**
     * Checks a sealed file without the key: header, chunk sizes and every chunk's CRC32C.
     *
     * @return the problem, or {@code null} when none was found
     */
    public static String check(InputStream in) throws IOException {
        byte[] header = new byte[SealedFormat.HEADER];
        int n = in.readNBytes(header, 0, header.length);
        if (n < header.length || !SealedFormat.isSealed(header, n)) {
            return "not a sealed file (no header)";
        }
        int full = SealedFormat.CHUNK + SealedFormat.OVERHEAD;
        byte[] chunk = new byte[full];
        CRC32C crc = new CRC32C();
        for (long index = 0;; index++) {
            int length = in.readNBytes(chunk, 0, full);
            if (length == 0 && index > 0) {
                return null; // the previous chunk was a full last one
            }
            if (length < SealedFormat.OVERHEAD) {
                return "it ends inside chunk " + index;
            }
            crc.reset();
            crc.update(chunk, 0, length - SealedFormat.CRC);
            int stored = (chunk[length - 4] & 0xff) << 24 | (chunk[length - 3] & 0xff) << 16
                    | (chunk[length - 2] & 0xff) << 8 | chunk[length - 1] & 0xff;
            if (stored != (int) crc.getValue()) {
                return "chunk " + index + " fails its CRC32C";
            }
            if (length < full) {
                return null;
            }
        }
    }
}
