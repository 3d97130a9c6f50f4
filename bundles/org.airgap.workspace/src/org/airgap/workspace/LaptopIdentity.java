package org.airgap.workspace;

import java.time.Instant;

/**
 * The laptop's signing identity (docs/formats.md, "Laptop key and run signatures"): the workspace's Ed25519
 * key pair, made at its first online login, whose public half the server registers.
 *
 * @param laptopId  the workspace's laptop id, random, named in every signature
 * @param publicKey the public key, base64 of its X.509 SubjectPublicKeyInfo
 * @param created   when the key was made (the laptop's clock)
 * @since 0.2
 */
public record LaptopIdentity(String laptopId, String publicKey, Instant created) {
}
