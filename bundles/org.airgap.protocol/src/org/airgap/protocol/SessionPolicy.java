package org.airgap.protocol;

import java.time.Duration;

/** The session limits from the server's server.ini; the client enforces them offline too. */
public record SessionPolicy(Duration idleTimeout, Duration maxSessionLength) {
}
