package org.airgap.server.core;

import java.time.Instant;
import java.util.Objects;

/**
 * One login attempt in the server's own audit trail (table {@code server_audit}, kind {@code LOGIN}):
 * kept apart from the entries laptops upload, which are checked and chained by their own rules.
 *
 * @param time          when the server answered
 * @param user          the user name as given (cut to 64 characters), whether or not it exists
 * @param clientAddress the address the request came from
 */
public record LoginRecord(Instant time, String user, String clientAddress, Outcome outcome) {

    /** How an attempt ended. */
    public enum Outcome {
        /** The password was right: a session was opened. */
        SUCCEEDED,
        /** Unknown user or wrong password (the answer does not tell which). */
        FAILED,
        /** Refused with 429 without checking the password: too many recent failures. */
        THROTTLED,
        /** Refused before the password was checked: too long, or no user or password given. */
        REFUSED,
        /** Refused with 503: too many logins at once. */
        BUSY
    }

    public static final int MAX_USER_LENGTH = 64;

    public LoginRecord {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(clientAddress, "clientAddress");
        Objects.requireNonNull(outcome, "outcome");
        user = user == null ? "" : user.length() > MAX_USER_LENGTH ? user.substring(0, MAX_USER_LENGTH) : user;
    }
}
