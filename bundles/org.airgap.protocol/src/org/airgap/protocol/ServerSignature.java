package org.airgap.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * What the server signs and how (docs/formats.md, "Server signatures"): Ed25519 from the JDK over
 * {@code CONTEXT \n BINDING \n BYTES}, where CONTEXT names what is signed ({@link #SYNC}, {@link #VERIFIER})
 * so that a signature over one thing is never taken for another, BINDING is the sync request's nonce (empty
 * for a verifier), and BYTES are the exact bytes sent. Keys travel as the Base64 of their X.509
 * SubjectPublicKeyInfo encoding, signatures as Base64. The server signs with these rules, the laptop checks
 * with them: one definition of the signed bytes.
 */
public final class ServerSignature {

    /** The JDK's name of the signature algorithm and of its keys. */
    public static final String ALGORITHM = "Ed25519";
    /** The context of the body of a {@link Api#SYNC} answer. */
    public static final String SYNC = "airgap-sync-v1";
    /** The context of a {@link SignedVerifier}'s payload. */
    public static final String VERIFIER = "airgap-offline-login-v1";
    /** The header of the sync answer that carries the Base64 signature of its body. */
    public static final String SIGNATURE_HEADER = "Airgap-Signature";
    /** The query parameter of a sync request with the laptop's random nonce, which the signature binds. */
    public static final String NONCE_PARAMETER = "nonce";
    /** The longest nonce the server signs. */
    public static final int MAX_NONCE_LENGTH = 64;

    private ServerSignature() {
    }

    /** The bytes a signature covers: {@code context \n binding \n body}. */
    public static byte[] signedBytes(String context, String binding, byte[] body) {
        byte[] head = (context + "\n" + (binding == null ? "" : binding) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    /**
     * The public key of its Base64 X.509 encoding.
     *
     * @throws IllegalArgumentException when it is not a Base64 Ed25519 public key
     */
    public static PublicKey publicKey(String encoded) {
        if (encoded == null || encoded.isBlank()) {
            throw new IllegalArgumentException("no signing key given");
        }
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(
                    Base64.getDecoder().decode(encoded.strip())));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IllegalArgumentException("'" + abbreviated(encoded) + "' is not an Ed25519 public key in Base64: "
                    + e.getMessage(), e);
        }
    }

    /** The Base64 X.509 encoding of {@code key}. */
    public static String encode(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /**
     * The fingerprint of an encoded public key in the format of certificate fingerprints ({@code SHA256:} and the
     * unpadded Base64 of the SHA-256 of the key's X.509 encoding), for people to compare.
     */
    public static String fingerprint(String encodedKey) {
        return CertificateFingerprint.ofEncoded(publicKey(encodedKey).getEncoded()).value();
    }

    /** Whether {@code signature} (Base64) is {@code key}'s signature over {@link #signedBytes}; never throws. */
    public static boolean verifies(PublicKey key, String context, String binding, byte[] body, String signature) {
        if (key == null || signature == null || body == null) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(key);
            verifier.update(signedBytes(context, binding, body));
            return verifier.verify(Base64.getDecoder().decode(signature.strip()));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    private static String abbreviated(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
