package org.airgap.session;

import java.time.Instant;

import org.airgap.protocol.SessionEndReason;

/**
 * The session state for display (status line, lock screen, {@code airgap status}).
 *
 * @param state     none, active or ended
 * @param session   the active session, or the one that ended (without its token); {@code null} for NONE
 * @param endReason why it ended (IDLE, EXPIRED, LOGGED_OUT, or a server's refusal such as RESTARTED);
 *                  {@code null} unless ENDED — {@link SessionEndReason#message()} is the text to show
 * @param endedAt   when it ended; {@code null} unless ENDED
 */
public record SessionStatus(SessionState state, ClientSession session, SessionEndReason endReason, Instant endedAt) {

    public static final SessionStatus NONE = new SessionStatus(SessionState.NONE, null, null, null);
}
