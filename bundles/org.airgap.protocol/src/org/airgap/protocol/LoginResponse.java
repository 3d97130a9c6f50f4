package org.airgap.protocol;

import java.time.Instant;

/**
 * A successful login: the bearer token and the limits that apply to it, and the server's signing key
 * ({@link ServerSignature#encode}), which the laptop pins at its first login there.
 */
public record LoginResponse(String token, String user, Role role, SessionPolicy policy, Instant idleEndsAt, Instant absoluteEndsAt, String serverInstance, String signingKey) {

    /** An answer without the signing key. */
    public LoginResponse(String token, String user, Role role, SessionPolicy policy, Instant idleEndsAt, Instant absoluteEndsAt, String serverInstance) {
        this(token, user, role, policy, idleEndsAt, absoluteEndsAt, serverInstance, null);
    }

    /** The same answer with the server's signing key. */
    public LoginResponse withSigningKey(String key) {
        return new LoginResponse(token, user, role, policy, idleEndsAt, absoluteEndsAt, serverInstance, key);
    }
}
