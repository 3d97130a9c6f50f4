package org.airgap.protocol;

import java.time.Instant;

/**
 * What the server grants for offline logins on the laptop, signed as a {@link SignedVerifier}: the password
 * verifier with its user and role, the session limits that apply offline, when the server issued it (at a
 * sync) and when it expires (server.ini {@code [Client] offlineLoginDays} later). After the expiry the laptop
 * refuses offline logins and job runs of the user until the next sync.
 */
public record OfflineGrant(OfflineVerifier verifier, SessionPolicy policy, Instant issued, Instant expires) {
}
