package org.airgap.cli.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.airgap.protocol.OfflineGrant;
import org.airgap.protocol.OfflineVerifier;
import org.airgap.protocol.ProtocolJson;
import org.airgap.protocol.Role;
import org.airgap.protocol.ServerSignature;
import org.airgap.protocol.SessionPolicy;
import org.airgap.protocol.SignedVerifier;
import org.airgap.session.SessionService;
import org.airgap.workspace.JobRepository;

/**
 * The offline login a sync would make possible, without a server: the files a sync writes (docs/formats.md,
 * "Server signatures"), signed by a signing key of this test's own that {@code known-servers.json} pins.
 */
final class OfflineLogins {

    /** The server the offline login came from. */
    static final String SERVER = "https://airgap.test:8443";
    /** The production minimum: offline logins refuse fewer. */
    private static final int ITERATIONS = 600_000;

    private OfflineLogins() {
    }

    /** Stores the offline login a sync would bring into {@code workspace}. */
    static void storeVerifier(Path workspace, String user, String password) throws Exception {
        System.setProperty(JobRepository.WORKSPACE_PROPERTY, workspace.toString());
        try (Services services = new Services()) {
            services.require(SessionService.class, "session"); // opens the workspace
            KeyPair key = KeyPairGenerator.getInstance(ServerSignature.ALGORITHM).generateKeyPair();
            Instant now = Instant.now();
            byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
            OfflineVerifier verifier = new OfflineVerifier(user, Role.TECHNICIAN, "PBKDF2WithHmacSHA256", ITERATIONS,
                    Base64.getEncoder().encodeToString(salt), Base64.getEncoder().encodeToString(pbkdf2(password, salt)));
            SessionPolicy policy = new SessionPolicy(Duration.ofHours(2), Duration.ofHours(48));
            byte[] grant = ProtocolJson.write(new OfflineGrant(verifier, policy, now, now.plus(Duration.ofDays(30))))
                    .getBytes(StandardCharsets.UTF_8);
            Signature signer = Signature.getInstance(ServerSignature.ALGORITHM);
            signer.initSign(key.getPrivate());
            signer.update(ServerSignature.signedBytes(ServerSignature.VERIFIER, "", grant));
            SignedVerifier signed = new SignedVerifier(Base64.getEncoder().encodeToString(grant),
                    Base64.getEncoder().encodeToString(signer.sign()));
            Files.writeString(workspace.resolve("known-servers.json"), ProtocolJson.write(Map.of("servers",
                    List.of(Map.of("server", SERVER, "pinned", now.toString(), "signingKey",
                            ServerSignature.encode(key.getPublic()))))));
            Path sessionFolder = Files.createDirectories(workspace.resolve("session"));
            Files.writeString(sessionFolder.resolve("verifier-" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                    + ".json"), ProtocolJson.write(Map.of("server", SERVER, "verifier", verifier, "policy", policy,
                            "received", now.toString(), "signed", signed)));
        } finally {
            System.clearProperty(JobRepository.WORKSPACE_PROPERTY);
        }
    }

    private static byte[] pbkdf2(String password, byte[] salt) throws GeneralSecurityException {
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256)).getEncoded();
    }
}
