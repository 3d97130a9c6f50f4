package org.airgap.model;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The one rule of a laptop's run signature (docs/formats.md, "Run signatures"): the exact bytes a laptop
 * signs with its Ed25519 key when a run ends and the server verifies on upload. Shared by the workspace
 * (signing) and the server (verifying), so that both build the same bytes.
 *
 * <p>The bytes are UTF-8 text: the line {@code airgap-run-signature/1}, then one line each
 * {@code kind=}, {@code laptop=}, {@code technician=}, {@code audit-head=} (each value on one line; a line
 * break in a value is refused), then the run's model document ({@link ModelJson#write(Object)}) to the end.
 *
 * @since 0.2
 */
public final class RunSigning {

    /** Signed when the run ended. */
    public static final String RUN_END = "RUN_END";
    /** Signed when the laptop's key was made, for a run recorded before it (its content as it was then). */
    public static final String BEFORE_KEY = "BEFORE_KEY";
    /** The JDK's algorithm name of the laptop keys. */
    public static final String ALGORITHM = "Ed25519";

    private static final String HEADER = "airgap-run-signature/1";

    private RunSigning() {
    }

    /** The bytes signed for {@code run}; {@code auditHead} may be empty. */
    public static byte[] signedBytes(Run run, String kind, String laptopId, String technician, String auditHead) {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        line(text, "kind", kind);
        line(text, "laptop", laptopId);
        line(text, "technician", technician);
        line(text, "audit-head", auditHead == null ? "" : auditHead);
        text.append(ModelJson.write(run));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder text, String name, String value) {
        if (value == null || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("a run signature's " + name + " must be one line, was '" + value + "'");
        }
        text.append(name).append('=').append(value).append('\n');
    }

    /** Signs {@code bytes}; the signature in base64. */
    public static String sign(PrivateKey key, byte[] bytes) throws GeneralSecurityException {
        Signature signer = Signature.getInstance(ALGORITHM);
        signer.initSign(key);
        signer.update(bytes);
        return Base64.getEncoder().encodeToString(signer.sign());
    }

    /**
     * Whether {@code signature} (base64) is {@code publicKey}'s (base64 X.509 SubjectPublicKeyInfo)
     * signature of {@code bytes}; false for malformed keys or signatures.
     */
    public static boolean verifies(String publicKey, byte[] bytes, String signature) {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(publicKey(publicKey));
            verifier.update(bytes);
            return verifier.verify(Base64.getDecoder().decode(signature));
        } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    /**
     * An Ed25519 public key from its base64 X.509 SubjectPublicKeyInfo.
     *
     * @throws GeneralSecurityException when it is not one
     */
    public static PublicKey publicKey(String base64) throws GeneralSecurityException {
        byte[] encoded;
        try {
            encoded = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("not base64: " + e.getMessage(), e);
        }
        PublicKey key = KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(encoded));
        if (!ALGORITHM.equals(key.getAlgorithm()) && !"EdDSA".equals(key.getAlgorithm())) {
            throw new GeneralSecurityException("not an Ed25519 key: " + key.getAlgorithm());
        }
        return key;
    }
}
