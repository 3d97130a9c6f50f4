package org.airgap.session.internal;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import org.airgap.protocol.CertificateFingerprint;
import org.airgap.protocol.Role;
import org.airgap.protocol.SessionEndReason;
import org.airgap.session.ClientSession;
import org.airgap.session.SessionState;
import org.airgap.session.SessionStatus;

/**
 * The content of {@code session/current.json}: the last session and whether it is still active. An ended
 * session keeps no token. {@code certificate} is the pin the login used ({@code null}: none; files
 * written before pins existed have none either).
 */
public record StoredSession(String user, Role role, boolean online, String server, String token, Instant started,
        Instant lastActivity, Duration idleLimit, Duration absoluteLimit, SessionState state,
        SessionEndReason endReason, Instant endedAt, String certificate) {

    public StoredSession(String user, Role role, boolean online, String server, String token, Instant started,
            Instant lastActivity, Duration idleLimit, Duration absoluteLimit, SessionState state,
            SessionEndReason endReason, Instant endedAt) {
        this(user, role, online, server, token, started, lastActivity, idleLimit, absoluteLimit, state, endReason,
                endedAt, null);
    }

    static StoredSession active(ClientSession session) {
        return new StoredSession(session.user(), session.role(), session.online(),
                session.server() == null ? null : session.server().toString(), session.token(), session.started(),
                session.lastActivity(), session.idleLimit(), session.absoluteLimit(), SessionState.ACTIVE, null, null,
                session.certificate() == null ? null : session.certificate().value());
    }

    ClientSession session() {
        return new ClientSession(user, role, online, server == null ? null : URI.create(server), token, started,
                lastActivity, idleLimit, absoluteLimit, certificate == null ? null : CertificateFingerprint.parse(certificate));
    }

    StoredSession ended(SessionEndReason reason, Instant at) {
        return new StoredSession(user, role, online, server, null, started, lastActivity, idleLimit, absoluteLimit,
                SessionState.ENDED, reason, at, certificate);
    }

    SessionStatus status() {
        return new SessionStatus(state, session(), endReason, endedAt);
    }
}
