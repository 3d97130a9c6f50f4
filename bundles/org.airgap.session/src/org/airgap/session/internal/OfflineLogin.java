package org.airgap.session.internal;

import java.time.Instant;

import org.airgap.protocol.OfflineVerifier;
import org.airgap.protocol.SessionPolicy;

/** The content of a user's {@code session/verifier-NAME.json}: what the last sync brought for offline logins. */
public record OfflineLogin(String server, OfflineVerifier verifier, SessionPolicy policy, Instant received) {
}
