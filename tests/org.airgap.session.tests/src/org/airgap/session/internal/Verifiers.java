package org.airgap.session.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.airgap.protocol.OfflineGrant;
import org.airgap.protocol.OfflineVerifier;
import org.airgap.protocol.ProtocolJson;
import org.airgap.protocol.Role;
import org.airgap.protocol.ServerSignature;
import org.airgap.protocol.SessionPolicy;
import org.airgap.protocol.SignedVerifier;

/**
 * Offline verifiers computed the way the server's session manager computes them, and signed offline logins as a
 * sync stores them: signed by {@link #SERVER_KEY}, whose public key is pinned for {@link #SERVER}.
 */
final class Verifiers {

    /** Fewer iterations than the server's 600,000 only to keep the tests quick; the check reads the count. */
    static final int ITERATIONS = 20_000;
    /** The server the stored offline logins came from. */
    static final URI SERVER = URI.create("https://airgap.test:8443");
    /** That server's signing key. */
    static final KeyPair SERVER_KEY = newKey();
    /** When the stored offline logins were issued and expire, unless a test says otherwise. */
    static final Instant ISSUED = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant EXPIRES = Instant.parse("2100-01-01T00:00:00Z");

    private Verifiers() {
    }

    static OfflineVerifier of(String user, Role role, String password) throws Exception {
        return of(user, role, password, ITERATIONS);
    }

    static OfflineVerifier of(String user, Role role, String password, int iterations) throws Exception {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
        byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        return new OfflineVerifier(user, role, "PBKDF2WithHmacSHA256", iterations,
                Base64.getEncoder().encodeToString(salt), Base64.getEncoder().encodeToString(hash));
    }

    static KeyPair newKey() {
        try {
            return KeyPairGenerator.getInstance(ServerSignature.ALGORITHM).generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code grant} signed by {@code key} as the server signs it. */
    static SignedVerifier sign(OfflineGrant grant, PrivateKey key) throws Exception {
        byte[] json = ProtocolJson.write(grant).getBytes(StandardCharsets.UTF_8);
        return new SignedVerifier(Base64.getEncoder().encodeToString(json), signature(json, key));
    }

    static String signature(byte[] json, PrivateKey key) throws Exception {
        Signature signer = Signature.getInstance(ServerSignature.ALGORITHM);
        signer.initSign(key);
        signer.update(ServerSignature.signedBytes(ServerSignature.VERIFIER, "", json));
        return Base64.getEncoder().encodeToString(signer.sign());
    }

    /** Stores what a sync at {@link #SERVER} would store for the verifier's user, signed by {@link #SERVER_KEY}. */
    static void store(LocalSessionService sessions, OfflineVerifier verifier, SessionPolicy policy) throws Exception {
        store(sessions, new OfflineGrant(verifier, policy, ISSUED, EXPIRES), sign(new OfflineGrant(verifier, policy,
                ISSUED, EXPIRES), SERVER_KEY.getPrivate()));
    }

    /** Pins {@link #SERVER_KEY} for {@link #SERVER} and writes {@code signed} as the offline login of the grant's user. */
    static void store(LocalSessionService sessions, OfflineGrant grant, SignedVerifier signed) throws Exception {
        Path workspace = sessions.folder().getParent();
        // Sealed as the sync seals them while a session holds the workspace's key; plain before its first login.
        KnownServers known = new KnownServers(workspace, sessions.trustFiles());
        if (known.signingKey(SERVER).isEmpty()) {
            known.checkSigningKey(SERVER, ServerSignature.encode(SERVER_KEY.getPublic()), ISSUED);
        }
        SessionFiles files = new SessionFiles(sessions.folder());
        files.write(files.verifierFile(grant.verifier().user()), new OfflineLogin(SERVER.toString(), grant.verifier(),
                grant.policy(), ISSUED, signed), sessions.trustFiles());
    }
}
