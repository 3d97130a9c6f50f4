package org.airgap.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class CertificateFingerprintTest {

    /** SHA-256 of no bytes, in unpadded Base64 (as `openssl dgst -sha256 -binary </dev/null | base64` prints, less '='). */
    private static final String EMPTY = "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU";

    @Test
    void isTheUnpaddedBase64OfTheSha256OfTheEncoding() {
        assertEquals(EMPTY, CertificateFingerprint.ofEncoded(new byte[0]).value());
        assertNotEquals(EMPTY, CertificateFingerprint.ofEncoded("x".getBytes(StandardCharsets.UTF_8)).value());
    }

    @Test
    void parseAcceptsWhatAPersonPastes() {
        assertEquals(EMPTY, CertificateFingerprint.parse("  sha256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU\n").value());
    }

    @Test
    void parseRefusesAnythingElseNamingTheExpectedForm() {
        for (String wrong : new String[] { "", "47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU", "SHA256:short",
                "SHA1:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU", EMPTY + "=", EMPTY + "A" }) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CertificateFingerprint.parse(wrong));
            assertTrue(e.getMessage().contains("SHA256:"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> CertificateFingerprint.parse(null));
    }
}
