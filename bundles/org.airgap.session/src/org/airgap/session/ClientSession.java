package org.airgap.session;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import org.airgap.protocol.CertificateFingerprint;
import org.airgap.protocol.Role;

/**
 * A logged-in technician on this laptop.
 *
 * @param user          the login name
 * @param role          the role the server gave (offline: the role in the verifier)
 * @param online        whether the login was checked by the server (then {@code server} is set); an
 *                      offline session cannot sync
 * @param server        the server's base URI, {@code null} offline
 * @param token         the bearer token; {@code null} offline and in a session that ended (see
 *                      {@link SessionStatus#session()})
 * @param started       when the login happened (laptop clock)
 * @param lastActivity  the last recorded user activity (laptop clock)
 * @param idleLimit     the session ends after this long without activity
 * @param absoluteLimit the session ends this long after {@code started} in any case
 * @param certificate   the certificate pinned for {@code server} when the login happened, which the
 *                      session's later calls accept too; {@code null} when none was pinned (then only a
 *                      certificate of a trusted authority is accepted) and offline
 */
public record ClientSession(String user, Role role, boolean online, URI server, String token, Instant started,
        Instant lastActivity, Duration idleLimit, Duration absoluteLimit, CertificateFingerprint certificate) {

    public ClientSession {
        Objects.requireNonNull(user, "ClientSession.user");
        Objects.requireNonNull(role, "ClientSession.role");
        Objects.requireNonNull(started, "ClientSession.started");
        Objects.requireNonNull(lastActivity, "ClientSession.lastActivity");
        Objects.requireNonNull(idleLimit, "ClientSession.idleLimit");
        Objects.requireNonNull(absoluteLimit, "ClientSession.absoluteLimit");
        if (online && server == null) {
            throw new IllegalArgumentException("an online ClientSession needs the server's address");
        }
    }

    /** A session without a pinned certificate. */
    public ClientSession(String user, Role role, boolean online, URI server, String token, Instant started,
            Instant lastActivity, Duration idleLimit, Duration absoluteLimit) {
        this(user, role, online, server, token, started, lastActivity, idleLimit, absoluteLimit, null);
    }

    /** When the session ends unless there is activity before. */
    public Instant idleEndsAt() {
        return lastActivity.plus(idleLimit);
    }

    /** When the session ends in any case. */
    public Instant absoluteEndsAt() {
        return started.plus(absoluteLimit);
    }

    /** This session with activity recorded at {@code time}. */
    public ClientSession withLastActivity(Instant time) {
        return new ClientSession(user, role, online, server, token, started, time, idleLimit, absoluteLimit,
                certificate);
    }

    /** Never shows the token (records print every field). */
    @Override
    public String toString() {
        return "ClientSession[user=" + user + ", role=" + role + ", online=" + online + ", server=" + server
                + ", token=" + (token == null ? null : "***") + ", started=" + started + ", lastActivity="
                + lastActivity + ", idleLimit=" + idleLimit + ", absoluteLimit=" + absoluteLimit + ", certificate="
                + certificate + "]";
    }
}
