package org.airgap.protocol;

import java.time.Instant;

/** A successful login: the bearer token and the limits that apply to it. */
public record LoginResponse(String token, String user, Role role, SessionPolicy policy, Instant idleEndsAt, Instant absoluteEndsAt, String serverInstance) {
}
