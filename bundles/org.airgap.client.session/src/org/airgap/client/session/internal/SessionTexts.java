package org.airgap.client.session.internal;

import java.time.Duration;
import java.time.Instant;

import org.airgap.protocol.SessionEndReason;
import org.airgap.session.ClientSession;
import org.airgap.session.SessionStatus;

/** How the session is put into words in the status bar and the dialogs. */
final class SessionTexts {

    private SessionTexts() {
    }

    /** The status bar text: who, online or offline, and the time left until each limit. */
    static String indicator(SessionStatus status, Instant now) {
        return switch (status.state()) {
            case NONE -> "Not logged in";
            case ENDED -> status.endReason() == SessionEndReason.LOGGED_OUT ? "Not logged in"
                    : "Not logged in \u2014 "
                            + (status.endReason() == null ? "the session ended" : status.endReason().message());
            case ACTIVE -> active(status.session(), now);
        };
    }

    private static String active(ClientSession session, Instant now) {
        String where = session.online() ? "online at " + session.server().getAuthority() : "offline";
        return session.user() + " (" + session.role().name().toLowerCase() + ") \u00b7 " + where
                + " \u00b7 idle limit in " + remaining(Duration.between(now, session.idleEndsAt()))
                + " \u00b7 session ends in " + remaining(Duration.between(now, session.absoluteEndsAt()));
    }

    /** {@code h:mm:ss}, or {@code m:ss} under an hour; never negative. */
    static String remaining(Duration left) {
        long seconds = Math.max(0, (left.toMillis() + 999) / 1000);
        long hours = seconds / 3600;
        long minutes = seconds % 3600 / 60;
        long rest = seconds % 60;
        return hours > 0 ? String.format("%d:%02d:%02d", hours, minutes, rest)
                : String.format("%d:%02d", minutes, rest);
    }
}
