package org.airgap.session.internal;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import org.airgap.protocol.Role;
import org.airgap.protocol.SessionEndReason;
import org.airgap.session.ClientSession;
import org.airgap.session.SessionState;
import org.airgap.session.SessionStatus;

/**
 * The content of {@code session/current.json}: the last session and whether it is still active. An ended
 * session keeps no token.
 */
public record StoredSession(String user, Role role, boolean online, String server, String token, Instant started,
        Instant lastActivity, Duration idleLimit, Duration absoluteLimit, SessionState state,
        SessionEndReason endReason, Instant endedAt) {

    static StoredSession active(ClientSession session) {
        return new StoredSession(session.user(), session.role(), session.online(),
                session.server() == null ? null : session.server().toString(), session.token(), session.started(),
                session.lastActivity(), session.idleLimit(), session.absoluteLimit(), SessionState.ACTIVE, null, null);
    }

    ClientSession session() {
        return new ClientSession(user, role, online, server == null ? null : URI.create(server), token, started,
                lastActivity, idleLimit, absoluteLimit);
    }

    StoredSession ended(SessionEndReason reason, Instant at) {
        return new StoredSession(user, role, online, server, null, started, lastActivity, idleLimit, absoluteLimit,
                SessionState.ENDED, reason, at);
    }

    SessionStatus status() {
        return new SessionStatus(state, session(), endReason, endedAt);
    }
}
