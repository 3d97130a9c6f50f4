package org.airgap.store.internal;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The sealed file format (docs/formats.md, "Sealed files"): a 24-byte header ({@link #MAGIC}, a random
 * 16-byte file id), then chunks of {@link #CHUNK} plaintext bytes (the last one shorter, possibly empty),
 * each AES-256-GCM ciphertext + 16-byte tag + CRC32C (big-endian) of ciphertext and tag. The file key is
 * HMAC-SHA256(content key, file id); the nonce is the chunk index (8 bytes big-endian) and 4 bytes 0, or 1
 * for the last chunk; the associated data is header, index, last flag and the caller's context. So chunks
 * cannot be reordered, dropped, cut off or moved to another file; the CRC32C lets a reader without the
 * key find accidental damage.
 */
public final class SealedFormat {

    public static final byte[] MAGIC = { 'A', 'G', 'S', 'E', 'A', 'L', '1', '\n' };
    public static final int FILE_ID = 16;
    public static final int HEADER = MAGIC.length + FILE_ID;
    public static final int CHUNK = 64 * 1024;
    public static final int TAG = 16;
    public static final int CRC = 4;
    public static final int OVERHEAD = TAG + CRC;

    private SealedFormat() {
    }

    /** The size of a sealed file of {@code plain} bytes. */
    public static long sealedSize(long plain) {
        long chunks = plain == 0 ? 1 : (plain + CHUNK - 1) / CHUNK;
        return HEADER + plain + chunks * OVERHEAD;
    }

    /** The plaintext size of a sealed file of {@code sealed} bytes, or -1 when no plaintext has that size. */
    public static long plainSize(long sealed) {
        long body = sealed - HEADER;
        if (body < OVERHEAD) {
            return -1;
        }
        long fullChunks = body / (CHUNK + OVERHEAD);
        long rest = body % (CHUNK + OVERHEAD);
        if (rest == 0) {
            return fullChunks * CHUNK;
        }
        return rest < OVERHEAD ? -1 : fullChunks * CHUNK + rest - OVERHEAD;
    }

    /** Whether {@code bytes} start like a sealed file. */
    public static boolean isSealed(byte[] start, int length) {
        return length >= MAGIC.length && Arrays.equals(start, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    public static byte[] hmacOf(byte[] key, byte[] message) {
        return hmacOf(keyedHmac(key), message);
    }

    /**
     * An HMAC-SHA256 keyed with {@code key}, to be used through {@link #hmacOf(Mac, byte[])} only: looking
     * up a Mac costs far more than hashing a name (measured: most of a small file's sealing overhead).
     */
    public static Mac keyedHmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("the JDK lacks HmacSHA256", e);
        }
    }

    /** The HMAC of {@code message} under {@code keyed}, which stays untouched (thread-safe). */
    public static byte[] hmacOf(Mac keyed, byte[] message) {
        Mac mac;
        try {
            mac = (Mac) keyed.clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException("the JDK's HmacSHA256 cannot be cloned", e);
        }
        return mac.doFinal(message);
    }

    /** The AES key of one file; {@code contentMac} is keyed with the content key. */
    static SecretKeySpec fileKey(Mac contentMac, byte[] header) {
        return new SecretKeySpec(hmacOf(contentMac, Arrays.copyOfRange(header, MAGIC.length, HEADER)), "AES");
    }

    /**
     * This thread's AES-GCM cipher, for one {@link #init} and its doFinal at a time: a new one per file
     * costs more than sealing a small file's bytes.
     */
    static Cipher threadCipher() {
        return THREAD_CIPHER.get();
    }

    private static final ThreadLocal<Cipher> THREAD_CIPHER = ThreadLocal.withInitial(SealedFormat::newCipher);

    static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks AES/GCM", e);
        }
    }

    /** Prepares {@code cipher} for chunk {@code index}; the caller then runs doFinal over the chunk. */
    static void init(Cipher cipher, int mode, SecretKeySpec key, byte[] header, long index, boolean last,
            byte[] context) throws GeneralSecurityException {
        byte[] nonce = ByteBuffer.allocate(12).putLong(index).putInt(last ? 1 : 0).array();
        cipher.init(mode, key, new GCMParameterSpec(TAG * 8, nonce));
        cipher.updateAAD(header);
        cipher.updateAAD(ByteBuffer.allocate(9).putLong(index).put((byte) (last ? 1 : 0)).array());
        if (context.length > 0) {
            cipher.updateAAD(context);
        }
    }
}
