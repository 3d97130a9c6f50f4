package org.airgap.server.core;

import java.time.Instant;

import org.airgap.protocol.Role;
import org.airgap.protocol.SessionInfo;

/** A logged-in user's session, as the endpoints see it. */
public record ServerSession(String token, String user, Role role, Instant started, Instant lastActivity,
        Instant idleEndsAt, Instant absoluteEndsAt) {

    public boolean admin() {
        return role == Role.ADMIN;
    }

    public SessionInfo info() {
        return new SessionInfo(user, role, started, lastActivity, idleEndsAt, absoluteEndsAt);
    }
}
