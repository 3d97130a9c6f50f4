package org.airgap.server.core;

import java.util.List;
import java.util.Optional;

import org.airgap.protocol.LaptopInfo;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The laptops' Ed25519 public keys (docs/server.md, "Laptop keys"; issue 12, "Signed by the laptop, checked by
 * the server"): registered per user and laptop at an online login, one key per laptop id, revoked per laptop by
 * an administrator; a revoked laptop never registers again. The key verifies the laptop's run signatures on upload.
 *
 * @since 0.2
 */
@ProviderType
public interface Laptops {

    /** The rule of a laptop id, as refusals say it. */
    String ID_RULE = "a laptop id is 1 to 100 letters, digits, '.', '_' or '-'";

    /** Whether {@code id} follows {@link #ID_RULE} (so it fits the database, a message and an audit entry). */
    static boolean isLaptopId(String id) {
        return id != null && !id.isEmpty() && id.length() <= 100
                && id.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-'));
    }

    /**
     * Registers a laptop's Ed25519 public key for {@code user} (their online login on it); idempotent for the
     * same laptop and key.
     *
     * @throws ServerException BAD_REQUEST for a malformed id or key, CONFLICT for a revoked laptop or a laptop id
     *                         registered with another key
     */
    RegisteredLaptop register(String user, String laptopId, String publicKey) throws ServerException;

    /** The laptop's key as registered for {@code user}, revoked or not; empty when that user never registered it. */
    Optional<RegisteredLaptop> laptop(String laptopId, String user);

    /** Whether {@code user} registered any laptop: then every run they upload must be signed. */
    boolean hasLaptop(String user);

    /** Every laptop registration, by laptop id and user. */
    List<LaptopInfo> list();

    /**
     * Revokes the laptop for every user (recorded in the server's audit trail): its uploads are refused and it
     * cannot register again.
     *
     * @return its registrations, revoked
     * @throws ServerException NOT_FOUND when no laptop has that id
     */
    List<LaptopInfo> revoke(String laptopId, String administrator) throws ServerException;
}
