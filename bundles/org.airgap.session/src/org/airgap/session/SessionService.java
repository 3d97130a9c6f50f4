package org.airgap.session;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;
import java.util.function.Consumer;

import org.airgap.protocol.CertificateFingerprint;
import org.airgap.protocol.OfflineVerifier;
import org.airgap.protocol.SessionEndReason;
import org.airgap.protocol.SessionPolicy;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The technician's session on this laptop (a DS service). The session is kept in the workspace folder
 * ({@code <workspace>/session/}), so that one process logs in and the next ones use it (the
 * {@code airgap} commands). The idle and absolute limits are enforced with the laptop's clock; an ended
 * session never removes runs or queued uploads. Thread-safe.
 */
@ProviderType
public interface SessionService {

    /**
     * Logs in at the server (POST /api/login) and makes the result the current session (replacing any
     * other), then notifies STARTED. The password array is not kept; the caller may clear it.
     *
     * @param server the server's base URI, e.g. {@code http://airgap.plant.local:8080}
     * @throws SessionException WRONG_PASSWORD, UNREACHABLE ("cannot reach the Airgap server at URL: ..."),
     *                          NOT_AIRGAP_SERVER, REFUSED; nothing changes then
     */
    ClientSession loginOnline(URI server, String user, char[] password) throws IOException;

    /**
     * Pins {@code fingerprint} as the certificate of the server at {@code server} (kept in the workspace,
     * replacing a pin kept before): the next {@link #loginOnline} there accepts exactly that certificate.
     * Called after the technician confirmed the fingerprint of an UNTRUSTED_CERTIFICATE refusal, or to
     * re-pin knowingly after a CERTIFICATE_CHANGED one.
     */
    void trustCertificate(URI server, CertificateFingerprint fingerprint) throws IOException;

    /**
     * Logs in without the server, against the verifier the last sync stored for {@code user}; the limits
     * are the policy received then.
     *
     * @throws SessionException NO_OFFLINE_LOGIN ("no offline login for NAME on this laptop: log in online
     *                          and sync first"), WRONG_PASSWORD
     */
    ClientSession loginOffline(String user, char[] password) throws IOException;

    /**
     * The session if it is still within its limits. A session past its idle or absolute limit ends here
     * (state ENDED with reason IDLE or EXPIRED, listeners notified) and the result is empty.
     */
    Optional<ClientSession> current();

    /** The current session or a {@link SessionException} NOT_LOGGED_IN saying why there is none. */
    ClientSession require() throws SessionException;

    /** What {@link #current()} sees, with the reason when the session ended. */
    SessionStatus status();

    /**
     * Records user activity now (resets the idle limit). Does nothing when no session is active: an
     * ended session is not revived. Written to disk at most every few seconds.
     */
    void touch();

    /**
     * Ends the session (reason LOGGED_OUT) and, when online, ends the token at the server too (a network
     * failure is ignored: the token dies with its limits). Does nothing without a session.
     */
    void logout();

    /**
     * The server refused the session's token (401): ends the local session with that reason so that the
     * technician is asked to log in again. Called by the sync service. When the reason is that the account
     * was disabled, the user's offline login on this laptop is deleted too.
     */
    void endedByServer(ClientSession session, SessionEndReason reason);

    /**
     * Stores what a sync received for offline logins of the verifier's user, with the limits that will
     * apply to them. Called by the sync service after a pull.
     */
    void storeOfflineLogin(OfflineVerifier verifier, SessionPolicy policy) throws IOException;

    /** Whether {@code user} can log in offline on this laptop. */
    boolean offlineLoginAvailable(String user);

    /**
     * The users who can log in offline on this laptop, by name: a sync asks the server which of them may no
     * longer log in.
     *
     * @since 0.2
     */
    java.util.List<String> offlineLoginUsers() throws IOException;

    /**
     * Deletes {@code user}'s offline login (the server disabled or removed the user); does nothing when there
     * is none. Returns whether there was one.
     *
     * @since 0.2
     */
    boolean removeOfflineLogin(String user) throws IOException;

    /**
     * Notified in this process when a session starts or ends: on the thread that logged in or out, or that
     * noticed a limit — which may be the service's own timer thread (UI code must switch to its thread).
     */
    void addListener(Consumer<SessionEvent> listener);

    void removeListener(Consumer<SessionEvent> listener);
}
