package org.airgap.cli.internal;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.airgap.protocol.OfflineVerifier;
import org.airgap.protocol.Role;
import org.airgap.protocol.SessionPolicy;
import org.airgap.session.SessionService;
import org.airgap.workspace.JobRepository;

/** The offline login a sync would make possible, without a server. */
final class OfflineLogins {

    private OfflineLogins() {
    }

    /** Stores the verifier a sync would bring, through the session service on {@code workspace}. */
    static void storeVerifier(Path workspace, String user, String password) throws Exception {
        System.setProperty(JobRepository.WORKSPACE_PROPERTY, workspace.toString());
        try (Services services = new Services()) {
            SessionService sessions = services.require(SessionService.class, "session");
            byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
            int iterations = 1_000;
            sessions.storeOfflineLogin(new OfflineVerifier(user, Role.TECHNICIAN, "PBKDF2WithHmacSHA256", iterations,
                    Base64.getEncoder().encodeToString(salt), Base64.getEncoder().encodeToString(pbkdf2(password, salt,
                            iterations))), new SessionPolicy(Duration.ofHours(2), Duration.ofHours(48)));
        } finally {
            System.clearProperty(JobRepository.WORKSPACE_PROPERTY);
        }
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) throws GeneralSecurityException {
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 256)).getEncoded();
    }
}
