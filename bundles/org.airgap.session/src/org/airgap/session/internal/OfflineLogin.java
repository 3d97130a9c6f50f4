package org.airgap.session.internal;

import java.time.Instant;

import org.airgap.protocol.OfflineVerifier;
import org.airgap.protocol.SessionPolicy;
import org.airgap.protocol.SignedVerifier;

/**
 * The content of a user's {@code session/verifier-NAME.json}: what the last sync brought for offline logins.
 * {@code signed} is the server's signed grant, the only part an offline login trusts (checked against the signing
 * key pinned for {@code server}); {@code verifier} and {@code policy} are copies of its content for listing, and
 * files of earlier versions have only them (refused: their content is unsigned).
 */
public record OfflineLogin(String server, OfflineVerifier verifier, SessionPolicy policy, Instant received,
        SignedVerifier signed) {

    public OfflineLogin(String server, OfflineVerifier verifier, SessionPolicy policy, Instant received) {
        this(server, verifier, policy, received, null);
    }
}
