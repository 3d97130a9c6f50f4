package org.airgap.session.internal;

import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.airgap.protocol.OfflineVerifier;
import org.airgap.protocol.Role;

/** Offline verifiers computed the way the server's session manager computes them. */
final class Verifiers {

    /** Fewer iterations than the server's 600,000 only to keep the tests quick; the check reads the count. */
    static final int ITERATIONS = 20_000;

    private Verifiers() {
    }

    static OfflineVerifier of(String user, Role role, String password) throws Exception {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256);
        byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        return new OfflineVerifier(user, role, "PBKDF2WithHmacSHA256", ITERATIONS,
                Base64.getEncoder().encodeToString(salt), Base64.getEncoder().encodeToString(hash));
    }
}
