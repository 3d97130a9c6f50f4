package org.airgap.server.core;

import java.time.Duration;

/**
 * The {@code [Security]} rules for logins and passwords (docs/server.md, "server.ini"): the shortest
 * password a new user or a password change may have, and when failed logins of one user or from one
 * client address are slowed down and then locked out.
 *
 * @param minPasswordLength  the fewest characters of a new password
 * @param loginDelayAfter    failures after which each further attempt must wait, twice as long each time
 * @param loginLockAfter     failures after which attempts are refused for {@code loginLockTime}
 * @param loginLockTime      how long a lock lasts; failures older than this are forgotten
 */
public record LoginSettings(int minPasswordLength, int loginDelayAfter, int loginLockAfter, Duration loginLockTime) {

    public static final int DEFAULT_MIN_PASSWORD_LENGTH = 12;
    public static final int DEFAULT_LOGIN_DELAY_AFTER = 5;
    public static final int DEFAULT_LOGIN_LOCK_AFTER = 10;
    public static final Duration DEFAULT_LOGIN_LOCK_TIME = Duration.ofMinutes(15);
    /** Longer passwords are refused before hashing: PBKDF2's cost grows with the password's length. */
    public static final int MAX_PASSWORD_LENGTH = 1024;

    public static final LoginSettings DEFAULTS = new LoginSettings(DEFAULT_MIN_PASSWORD_LENGTH,
            DEFAULT_LOGIN_DELAY_AFTER, DEFAULT_LOGIN_LOCK_AFTER, DEFAULT_LOGIN_LOCK_TIME);

    public LoginSettings {
        if (minPasswordLength < 1 || loginDelayAfter < 1 || loginLockAfter < loginDelayAfter
                || loginLockTime.isNegative() || loginLockTime.isZero()) {
            throw new IllegalArgumentException("inconsistent login settings: " + minPasswordLength + ", "
                    + loginDelayAfter + ", " + loginLockAfter + ", " + loginLockTime);
        }
    }

    /**
     * Refuses a new password that is too short or too long, with a message saying what to do.
     *
     * @throws ServerException BAD_REQUEST
     */
    public void checkNewPassword(String user, char[] password) throws ServerException {
        int length = password == null ? 0 : password.length;
        if (length < minPasswordLength) {
            throw new ServerException(ServerException.Kind.BAD_REQUEST, "the password of " + user + " has " + length
                    + " characters; it needs at least " + minPasswordLength + " (server.ini [Security]"
                    + " minPasswordLength): choose a longer one, a passphrase of several words is easiest");
        }
        if (length > MAX_PASSWORD_LENGTH) {
            throw new ServerException(ServerException.Kind.BAD_REQUEST, "the password of " + user + " has " + length
                    + " characters; at most " + MAX_PASSWORD_LENGTH + " are accepted");
        }
    }
}
