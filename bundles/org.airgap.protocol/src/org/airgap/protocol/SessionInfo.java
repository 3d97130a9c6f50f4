package org.airgap.protocol;

import java.time.Instant;

/** GET /api/session: the state of the caller's session. */
public record SessionInfo(String user, Role role, Instant started, Instant lastActivity, Instant idleEndsAt, Instant absoluteEndsAt) {
}
