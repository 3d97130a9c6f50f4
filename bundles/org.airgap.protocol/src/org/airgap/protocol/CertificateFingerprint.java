package org.airgap.protocol;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The SHA-256 fingerprint of the server's TLS certificate, written as SSH writes key fingerprints:
 * {@code SHA256:} and the unpadded Base64 of the digest of the certificate's DER encoding. The server's
 * {@code airgap-server fingerprint} prints it, the technician compares it at the first login, and the
 * laptop keeps it as the pin of that server's URL — one format in all three places.
 */
public record CertificateFingerprint(String value) {

    private static final String PREFIX = "SHA256:";
    /** 32 bytes in unpadded Base64 are 43 characters. */
    private static final Pattern FORMAT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}");

    public CertificateFingerprint {
        if (value == null || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("'" + value + "' is not a certificate fingerprint: expected SHA256: "
                    + "followed by 43 Base64 characters, as airgap-server fingerprint prints it");
        }
    }

    /** The fingerprint of {@code certificate}. */
    public static CertificateFingerprint of(Certificate certificate) {
        try {
            return ofEncoded(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("the certificate cannot be encoded: " + e.getMessage(), e);
        }
    }

    /** The fingerprint of a certificate's DER encoding. */
    public static CertificateFingerprint ofEncoded(byte[] der) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(der);
            return new CertificateFingerprint(PREFIX + Base64.getEncoder().withoutPadding().encodeToString(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /**
     * Reads a fingerprint as a person pastes it: surrounding blanks are ignored and the prefix may be
     * written in any case.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static CertificateFingerprint parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("no certificate fingerprint given");
        }
        String trimmed = text.strip();
        if (trimmed.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            trimmed = PREFIX + trimmed.substring(PREFIX.length());
        }
        return new CertificateFingerprint(trimmed);
    }

    @Override
    public String toString() {
        return value;
    }
}
