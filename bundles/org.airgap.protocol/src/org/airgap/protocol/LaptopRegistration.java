package org.airgap.protocol;

/**
 * {@code POST /api/laptops}: a workspace registers its public key for the logged-in user (docs/server.md,
 * "Laptop keys"); idempotent for the same id and key.
 *
 * @param laptopId  the workspace's laptop id
 * @param publicKey its Ed25519 public key, base64 of the X.509 SubjectPublicKeyInfo
 * @since 0.2
 */
public record LaptopRegistration(String laptopId, String publicKey) {
}
