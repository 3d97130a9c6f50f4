package org.airgap.protocol;

import java.time.Instant;

/**
 * An open session as an administrator sees it ({@code GET /api/admin/sessions}): whose it is and how long it
 * lasts — never its token.
 *
 * @param user           whose session it is
 * @param role           the user's role when the session started
 * @param started        when the user logged in (the server's clock)
 * @param lastActivity   the session's last request
 * @param idleEndsAt     when it ends without further activity
 * @param absoluteEndsAt when it ends in any case (the session's maximum length)
 * @param yours          whether it is the session of the administrator who asked
 * @since 0.2
 */
public record OpenSession(String user, Role role, Instant started, Instant lastActivity, Instant idleEndsAt,
        Instant absoluteEndsAt, boolean yours) {
}
