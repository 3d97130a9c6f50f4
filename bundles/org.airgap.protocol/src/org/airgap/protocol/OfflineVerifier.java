package org.airgap.protocol;

/** What lets the laptop check the user's password offline: PBKDF2 (algorithm "PBKDF2WithHmacSHA256") of the password with its own random salt (Base64), computed by the server at login; never the server's stored hash. */
public record OfflineVerifier(String user, Role role, String algorithm, int iterations, String salt, String hash) {
}
