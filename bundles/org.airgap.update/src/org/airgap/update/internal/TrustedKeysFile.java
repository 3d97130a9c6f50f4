package org.airgap.update.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSecretKeyRing;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;

/**
 * The installation's trust store for signed updates: {@value #LOCATION} under the installation folder, the
 * armored OpenPGP public keys whose p2 signatures it accepts. The product ships the build's key there; an
 * administrator adds a vendor's ({@code airgap trust add}).
 */
final class TrustedKeysFile {

    /** Relative to the installation folder; beside etc/updates.properties, written only by administrators. */
    static final String LOCATION = "etc/trusted-keys.asc";

    private static final String BEGIN = "-----BEGIN PGP ";

    private TrustedKeysFile() {
    }

    /** The key rings in the store; none when it does not exist. */
    static List<PGPPublicKeyRing> read(Path store) throws IOException {
        return Files.exists(store) ? parse(Files.readString(store, StandardCharsets.US_ASCII)) : List.of();
    }

    /**
     * The public key rings in armored (or binary) text, which may hold several blocks one after another.
     *
     * @throws IOException when it holds no public key, or holds a secret key (never meant to be shared)
     */
    static List<PGPPublicKeyRing> parse(String text) throws IOException {
        List<PGPPublicKeyRing> rings = new ArrayList<>();
        for (String block : blocks(text)) {
            try (InputStream in = PGPUtil.getDecoderStream(
                    new ByteArrayInputStream(block.getBytes(StandardCharsets.ISO_8859_1)))) {
                BcPGPObjectFactory factory = new BcPGPObjectFactory(in);
                for (Object object = factory.nextObject(); object != null; object = factory.nextObject()) {
                    if (object instanceof PGPSecretKeyRing) {
                        throw new IOException("it holds a secret key: give the public key (gpg --armor --export)");
                    }
                    if (object instanceof PGPPublicKeyRing ring) {
                        rings.add(ring);
                    }
                }
            } catch (RuntimeException e) {
                // BC reports malformed packets as unchecked exceptions from its iterator.
                throw new IOException("it is not an OpenPGP public key (" + e.getMessage() + ")", e);
            }
        }
        if (rings.isEmpty()) {
            throw new IOException("it holds no OpenPGP public key");
        }
        return rings;
    }

    /** Armored blocks one by one (the decoder reads only the first); binary content as it is. */
    private static List<String> blocks(String text) {
        List<String> blocks = new ArrayList<>();
        int start = text.indexOf(BEGIN);
        if (start < 0) {
            return List.of(text);
        }
        while (start >= 0) {
            int next = text.indexOf(BEGIN, text.indexOf("-----END PGP ", start) + 1);
            blocks.add(next < 0 ? text.substring(start) : text.substring(start, next));
            start = next;
        }
        return blocks;
    }

    /** Every key of the rings, primary keys and subkeys: p2 names the key that made the signature. */
    static List<PGPPublicKey> keys(List<PGPPublicKeyRing> rings) {
        List<PGPPublicKey> keys = new ArrayList<>();
        for (PGPPublicKeyRing ring : rings) {
            ring.getPublicKeys().forEachRemaining(keys::add);
        }
        return keys;
    }

    /** The key's fingerprint as gpg prints it with --with-colons: upper-case hex. */
    static String fingerprint(PGPPublicKey key) {
        return HexFormat.of().formatHex(key.getFingerprint()).toUpperCase(Locale.ROOT);
    }

    /** "FINGERPRINT user-id" of a ring's primary key (a subkey's owner is its ring's user id). */
    static String describe(PGPPublicKeyRing ring) {
        return describe(ring.getPublicKey(), ring.getPublicKey());
    }

    static String describe(PGPPublicKey key, PGPPublicKey owner) {
        Iterator<String> userIds = (owner == null ? key : owner).getUserIDs();
        return fingerprint(key) + (userIds.hasNext() ? " " + userIds.next() : "");
    }

    /**
     * Appends the rings of {@code keyFile} that the store does not hold yet.
     *
     * @return the added rings; empty when the store held them all
     * @throws IOException when the key file holds no public key, or the store cannot be read or written
     */
    static List<PGPPublicKeyRing> add(Path store, Path keyFile) throws IOException {
        List<PGPPublicKeyRing> given = parse(Files.readString(keyFile, StandardCharsets.ISO_8859_1));
        List<String> known = new ArrayList<>();
        read(store).forEach(ring -> known.add(fingerprint(ring.getPublicKey())));
        List<PGPPublicKeyRing> added = new ArrayList<>();
        ByteArrayOutputStream armored = new ByteArrayOutputStream();
        for (PGPPublicKeyRing ring : given) {
            if (!known.contains(fingerprint(ring.getPublicKey()))) {
                known.add(fingerprint(ring.getPublicKey()));
                added.add(ring);
                try (ArmoredOutputStream out = new ArmoredOutputStream(armored)) {
                    ring.encode(out);
                }
            }
        }
        if (!added.isEmpty()) {
            Files.createDirectories(store.getParent());
            Files.write(store, armored.toByteArray(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        }
        return added;
    }
}
