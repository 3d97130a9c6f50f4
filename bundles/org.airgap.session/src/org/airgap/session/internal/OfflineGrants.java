package org.airgap.session.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.airgap.protocol.OfflineGrant;
import org.airgap.protocol.OfflineVerifier;
import org.airgap.protocol.ProtocolJson;
import org.airgap.protocol.ServerSignature;
import org.airgap.protocol.SignedVerifier;
import org.airgap.session.SessionException;

import com.google.gson.JsonParseException;

/**
 * The rules of a signed offline login (docs/formats.md, "Server signatures"): the server's signature over the
 * grant's exact bytes, then its content — the user it is for, a PBKDF2 verifier of at least
 * {@link #MIN_ITERATIONS} iterations, session limits, and an expiry not passed. Each refusal names what was
 * refused and says to log in online.
 */
final class OfflineGrants {

    static final String OFFLINE_ALGORITHM = "PBKDF2WithHmacSHA256";

    /** The OWASP figure for PBKDF2-HMAC-SHA256, as the server's minimum: fewer make guessing cheap. */
    static final int MIN_ITERATIONS = 600_000;

    private OfflineGrants() {
    }

    /**
     * The grant {@code signed} carries, if {@code key} signed it.
     *
     * @throws SessionException NO_OFFLINE_LOGIN naming {@code what} when the signature or the content is wrong
     */
    static OfflineGrant open(SignedVerifier signed, PublicKey key, String what) throws SessionException {
        byte[] payload;
        try {
            payload = Base64.getDecoder().decode(signed.payload() == null ? "" : signed.payload());
        } catch (IllegalArgumentException e) {
            throw refused(what + " is damaged (its payload is not Base64)");
        }
        if (payload.length == 0 || !ServerSignature.verifies(key, ServerSignature.VERIFIER, "", payload,
                signed.signature())) {
            throw refused(what + " is not signed by the server's signing key pinned on this laptop (forged or"
                    + " modified): refused");
        }
        try {
            return ProtocolJson.read(new String(payload, StandardCharsets.UTF_8), OfflineGrant.class);
        } catch (JsonParseException e) {
            throw refused(what + " is signed but not readable by this version of Airgap (" + e.getMessage() + ")");
        }
    }

    /**
     * Checks that {@code grant} lets {@code user} log in (or run jobs) at {@code now}.
     *
     * @throws SessionException NO_OFFLINE_LOGIN naming what is wrong
     */
    static void check(OfflineGrant grant, String user, Instant now, int minIterations) throws SessionException {
        String what = "the offline login for " + user + " on this laptop";
        if (grant.verifier() == null || grant.policy() == null || grant.policy().idleTimeout() == null
                || grant.policy().maxSessionLength() == null || grant.issued() == null || grant.expires() == null) {
            throw refused(what + " lacks its verifier, limits, issue time or expiry");
        }
        if (!user.equals(grant.verifier().user())) {
            throw refused(what + " was issued for another user (" + grant.verifier().user() + ")");
        }
        if (grant.verifier().iterations() < minIterations) {
            throw refused(what + " uses " + grant.verifier().iterations() + " PBKDF2 iterations, fewer than the "
                    + minIterations + " this version of Airgap requires");
        }
        if (!now.isBefore(grant.expires())) {
            throw new SessionException(SessionException.Kind.NO_OFFLINE_LOGIN, what + " expired at "
                    + grant.expires() + " (server.ini [Client] offlineLoginDays after the sync of " + grant.issued()
                    + "): log in online and sync to renew it; until then offline logins and job runs are refused");
        }
    }

    /** PBKDF2 of the password with the verifier's salt and iterations, compared in constant time. */
    static boolean matches(OfflineVerifier verifier, char[] password) throws SessionException {
        if (!OFFLINE_ALGORITHM.equals(verifier.algorithm())) {
            throw new SessionException(SessionException.Kind.NO_OFFLINE_LOGIN, "the offline login for "
                    + verifier.user() + " uses " + verifier.algorithm() + ", which this version of Airgap does not know:"
                    + " log in online");
        }
        try {
            byte[] expected = Base64.getDecoder().decode(verifier.hash());
            byte[] salt = Base64.getDecoder().decode(verifier.salt());
            PBEKeySpec spec = new PBEKeySpec(password, salt, verifier.iterations(), expected.length * 8);
            try {
                byte[] actual = SecretKeyFactory.getInstance(OFFLINE_ALGORITHM).generateSecret(spec).getEncoded();
                return MessageDigest.isEqual(expected, actual);
            } finally {
                spec.clearPassword();
            }
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new SessionException(SessionException.Kind.NO_OFFLINE_LOGIN, null, "the offline login for "
                    + verifier.user() + " on this laptop is damaged (" + e.getMessage() + "): log in online and sync",
                    e);
        }
    }

    private static SessionException refused(String problem) {
        return new SessionException(SessionException.Kind.NO_OFFLINE_LOGIN, problem + ": log in online and sync");
    }
}
