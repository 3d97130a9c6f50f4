package org.airgap.server.core;

import org.airgap.protocol.LaptopInfo;

/**
 * A laptop's key as the server keeps it for one user: what {@link LaptopInfo} shows, and the key itself
 * to verify the laptop's run signatures with.
 *
 * @param info      the registration
 * @param publicKey the Ed25519 public key, base64 of its X.509 SubjectPublicKeyInfo
 * @since 0.2
 */
public record RegisteredLaptop(LaptopInfo info, String publicKey) {

    public boolean revoked() {
        return info.revoked() != null;
    }
}
