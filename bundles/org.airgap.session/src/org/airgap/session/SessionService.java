package org.airgap.session;

import java.io.IOException;
import java.net.URI;
import java.security.PublicKey;
import java.util.Optional;
import java.util.function.Consumer;

import org.airgap.protocol.CertificateFingerprint;
import org.airgap.protocol.OfflineVerifier;
import org.airgap.protocol.SessionEndReason;
import org.airgap.protocol.SessionPolicy;
import org.airgap.protocol.SignedVerifier;
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
     * Stores an unsigned verifier as earlier versions did. Offline logins refuse it since signed verifiers exist
     * (the technician is told to log in online once): use {@link #storeSignedOfflineLogin}.
     *
     * @deprecated the server signs verifiers; an unsigned one cannot be used for an offline login
     */
    @Deprecated
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

    // ---- signed by the server (docs/formats.md, "Server signatures")

    /**
     * Stores the offline login a sync received, after checking it against the signing key pinned for the current
     * online session's server: signature, user (the session's), PBKDF2 iterations, expiry. Called by the sync service
     * after a pull.
     *
     * @throws SessionException NO_OFFLINE_LOGIN naming what was refused; nothing is stored then
     * @since 0.2
     */
    void storeSignedOfflineLogin(SignedVerifier verifier) throws IOException;

    /**
     * The signing key pinned for {@code server} at the first online login there: what the sync checks the server's
     * answers with.
     *
     * @throws SessionException NOT_LOGGED_IN ("log in online again") when none is pinned
     * @since 0.2
     */
    PublicKey pinnedSigningKey(URI server) throws IOException;

    /**
     * Accepts the signing key with {@code fingerprint} ({@code SHA256:…}, as {@code airgap-server fingerprint
     * --signing-key} prints it) at the next online login at {@code server}: after a SIGNING_KEY_CHANGED refusal,
     * once the administrator confirmed the new key.
     *
     * @throws IllegalArgumentException when {@code fingerprint} is not a fingerprint
     * @since 0.2
     */
    void trustSigningKey(URI server, String fingerprint) throws IOException;

    /**
     * Refuses job runs of {@code user} when the offline login of the last sync is missing, not signed or expired
     * (server.ini {@code [Client] offlineLoginDays} after that sync): running jobs then needs a sync.
     *
     * @throws SessionException NO_OFFLINE_LOGIN saying to log in online and sync
     * @since 0.2
     */
    void requireCurrentSync(String user) throws IOException;
}
