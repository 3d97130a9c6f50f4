package org.airgap.server.core;

import org.airgap.protocol.LoginResponse;
import org.airgap.protocol.OfflineVerifier;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Logins and bearer tokens, in memory only: a restarted server refuses every older token with
 * {@link org.airgap.protocol.SessionEndReason#RESTARTED}. The idle and absolute limits come from
 * {@link ServerSettings}.
 */
@ProviderType
public interface SessionManager {

    /** Random per server start; part of every token so that tokens of an earlier start are recognised. */
    String instanceId();

    /**
     * Checks the password (PBKDF2) and opens a session.
     *
     * @throws ServerException UNAUTHORIZED "wrong user name or password" (the same message for an
     *                         unknown user)
     */
    LoginResponse login(String user, char[] password) throws ServerException;

    /**
     * The session of a token, counting this call as activity.
     *
     * @throws SessionRefusedException with the reason: no or unknown token, idle, expired, restarted,
     *                                 logged out
     */
    ServerSession authenticate(String token) throws SessionRefusedException;

    /** The verifier computed at login for the laptop's offline login (never the server's own hash). */
    OfflineVerifier offlineVerifier(ServerSession session);

    /** Ends the token; later calls with it are refused as logged out. */
    void logout(String token);

    /**
     * Ends every session of {@code user} at once (an administrator disabled or changed the account); later
     * calls with their tokens are refused with {@code reason}. Returns how many ended.
     *
     * @since 0.2
     */
    int endSessions(String user, org.airgap.protocol.SessionEndReason reason);

    /**
     * The open sessions, the oldest login first, without their tokens; the one of {@code askingToken} is
     * marked as the asker's.
     *
     * @since 0.2
     */
    java.util.List<org.airgap.protocol.OpenSession> openSessions(String askingToken);

    /**
     * Ends every open session except the one of {@code keepToken} (the administrator who asks stays logged
     * in); later calls with their tokens are refused with {@code reason}. Returns how many ended.
     *
     * @since 0.2
     */
    int endAllSessions(String keepToken, org.airgap.protocol.SessionEndReason reason);
}
