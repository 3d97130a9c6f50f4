package org.airgap.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Mac;

import org.airgap.store.StoreException.Kind;
import org.airgap.store.internal.OpeningInputStream;
import org.airgap.store.internal.SealedFormat;
import org.airgap.store.internal.SealingOutputStream;

/**
 * Whether a store (and whatever else its owner seals: the workspace's files) is sealed, and the keys while
 * it is unlocked. A plain store ({@link #plain()}, the server's) stores content as it is under its
 * SHA-256; a sealed one (docs/formats.md, "Sealed files") stores it AES-256-GCM-encrypted under a name
 * that is an HMAC-SHA256 of the SHA-256, keyed from the data key, and needs {@link #unlock} before any
 * content is read or written. The keys are only in memory. Thread-safe.
 *
 * @since 0.2
 */
public final class StoreKeys {

    private enum State {
        PLAIN, LOCKED, UNLOCKED
    }

    private volatile State state;
    /**
     * HMACs keyed with the content and the name key, cloned for each use ({@link SealedFormat#hmacOf(Mac,
     * byte[])}); the key bytes themselves are zeroed once these hold them.
     */
    private volatile Mac contentMac;
    private volatile Mac nameMac;

    private StoreKeys(State state) {
        this.state = state;
    }

    /** Content stored as it is (the server, a workspace from before encryption). */
    public static StoreKeys plain() {
        return new StoreKeys(State.PLAIN);
    }

    /** Sealed, locked until {@link #unlock}. */
    public static StoreKeys locked() {
        return new StoreKeys(State.LOCKED);
    }

    /** Seals from now on with keys derived from the 32-byte {@code dataKey} (also from plain). */
    public synchronized void unlock(byte[] dataKey) {
        if (dataKey.length != 32) {
            throw new IllegalArgumentException("a data key has 32 bytes");
        }
        byte[] contentKey = derive(dataKey, "airgap/v1/content");
        byte[] nameKey = derive(dataKey, "airgap/v1/names");
        contentMac = SealedFormat.keyedHmac(contentKey);
        nameMac = SealedFormat.keyedHmac(nameKey);
        Arrays.fill(contentKey, (byte) 0);
        Arrays.fill(nameKey, (byte) 0);
        state = State.UNLOCKED;
    }

    /** Forgets the keys (a sealed store stays sealed); no effect on a plain one. */
    public synchronized void lock() {
        if (state == State.UNLOCKED) {
            contentMac = null;
            nameMac = null;
            state = State.LOCKED;
        }
    }

    public boolean sealed() {
        return state != State.PLAIN;
    }

    public boolean unlocked() {
        return state == State.UNLOCKED;
    }

    /** The hex identity of a data key (HMAC-SHA256 under it of a fixed label), to tell keys apart. */
    public static String keyId(byte[] dataKey) {
        return HexFormat.of().formatHex(derive(dataKey, "airgap/v1/key-id"));
    }

    /** The stored name of content with SHA-256 {@code sha256}: its hex HMAC-SHA256 under the name key. */
    public String storedName(String sha256) throws StoreException {
        return HexFormat.of().formatHex(SealedFormat.hmacOf(requireKeys().nameMac(), sha256.getBytes(StandardCharsets.US_ASCII)));
    }

    /** A stream sealing what is written to {@code out}; closing it finishes the file and closes {@code out}. */
    public OutputStream seal(OutputStream out, String context) throws IOException {
        return new SealingOutputStream(out, requireKeys().contentMac(), bytes(context));
    }

    /** The plaintext of the sealed stream {@code in}; damage or another context is a {@code kind} exception. */
    public InputStream open(InputStream in, String context, Path file, Kind kind) throws IOException {
        return new OpeningInputStream(in, requireKeys().contentMac(), bytes(context), file, kind);
    }

    public byte[] seal(byte[] plain, String context) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(Integer.MAX_VALUE - 8,
                SealedFormat.sealedSize(plain.length)));
        try (OutputStream sealing = seal(out, context)) {
            sealing.write(plain);
        }
        return out.toByteArray();
    }

    public byte[] open(byte[] sealed, String context, Path file, Kind kind) throws IOException {
        try (InputStream in = open(new ByteArrayInputStream(sealed), context, file, kind)) {
            return in.readAllBytes();
        }
    }

    /**
     * Checks sealed bytes without the key: the header, the chunks' sizes and every chunk's CRC32C (accidental
     * damage; a deliberate change can recompute them).
     *
     * @return the problem found, or {@code null}
     */
    public static String check(byte[] sealed) {
        try {
            return OpeningInputStream.check(new ByteArrayInputStream(sealed));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot happen: reading an array", e);
        }
    }

    /** Whether {@code content} starts with the sealed format's header. */
    public static boolean isSealed(byte[] content) {
        return SealedFormat.isSealed(content, content.length);
    }

    private record Keys(Mac contentMac, Mac nameMac) {
    }

    private synchronized Keys requireKeys() throws StoreException {
        if (state != State.UNLOCKED) {
            throw new StoreException(state == State.LOCKED ? Kind.LOCKED : Kind.INVALID_INPUT, null,
                    state == State.LOCKED ? "the workspace is encrypted and locked: log in to unlock it"
                            : "this store is not sealed");
        }
        return new Keys(contentMac, nameMac);
    }

    private static byte[] derive(byte[] dataKey, String label) {
        return SealedFormat.hmacOf(dataKey, label.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] bytes(String context) {
        return context.getBytes(StandardCharsets.UTF_8);
    }
}
