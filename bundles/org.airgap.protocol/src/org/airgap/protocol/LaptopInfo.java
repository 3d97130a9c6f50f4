package org.airgap.protocol;

import java.time.Instant;

/**
 * A laptop's key as registered for one user ({@code POST /api/laptops}, {@code GET /api/admin/laptops}).
 *
 * @param laptopId    the laptop's id
 * @param user        the user whose login registered it
 * @param fingerprint SHA-256 (hex) of the public key's encoded bytes
 * @param registered  when the server registered it (its clock)
 * @param revoked     when an administrator revoked the laptop; null while it is not
 * @param revokedBy   who revoked it; null while it is not
 * @since 0.2
 */
public record LaptopInfo(String laptopId, String user, String fingerprint, Instant registered, Instant revoked,
        String revokedBy) {
}
