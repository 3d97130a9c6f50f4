package org.airgap.session;

import java.io.IOException;
import java.util.Optional;

import org.airgap.protocol.SessionEndReason;

/**
 * A login refused or a session that cannot be used, with a message the technician can act on (shown as
 * it is by the workbench and the command line).
 */
public class SessionException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, for callers that react differently (exit codes, lock screen). */
    public enum Kind {
        /** Wrong user name or password (online or offline). */
        WRONG_PASSWORD,
        /** No verifier for the user on this laptop: log in online and sync first. */
        NO_OFFLINE_LOGIN,
        /** Nobody is logged in, or the session ended: {@link SessionException#reason()} says why. */
        NOT_LOGGED_IN,
        /** The operation needs the server but the session is offline. */
        OFFLINE,
        /** The server cannot be reached (refused, unknown host, timeout, connection cut). */
        UNREACHABLE,
        /** Something answered at the address but it is not an Airgap server. */
        NOT_AIRGAP_SERVER,
        /** The server refused the login for another reason (message from the server). */
        REFUSED,
        /**
         * First contact: the server's certificate is neither signed by a trusted authority nor pinned yet;
         * {@link SessionException#certificate()} has its fingerprint for the technician to confirm.
         */
        UNTRUSTED_CERTIFICATE,
        /**
         * The server presents another certificate than the one pinned for its URL: refused until the
         * technician re-pins; {@link SessionException#certificate()} names both fingerprints.
         */
        CERTIFICATE_CHANGED,
        /**
         * The server presents another signing key than the one pinned for its URL (or accepted with
         * {@link SessionService#trustSigningKey}): refused until the technician accepts the new one.
         */
        SIGNING_KEY_CHANGED
    }

    private final Kind kind;
    private final SessionEndReason reason;
    private final CertificateProblem certificate;

    public SessionException(Kind kind, String message) {
        this(kind, null, message, null);
    }

    public SessionException(Kind kind, SessionEndReason reason, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.reason = reason;
        this.certificate = null;
    }

    /** An UNTRUSTED_CERTIFICATE (nothing pinned yet) or CERTIFICATE_CHANGED refusal. */
    public SessionException(CertificateProblem certificate, String message, Throwable cause) {
        super(message, cause);
        this.kind = certificate.firstContact() ? Kind.UNTRUSTED_CERTIFICATE : Kind.CERTIFICATE_CHANGED;
        this.reason = null;
        this.certificate = certificate;
    }

    public Kind kind() {
        return kind;
    }

    /** Why the session ended, when this is about an ended session (also for a server's 401). */
    public Optional<SessionEndReason> reason() {
        return Optional.ofNullable(reason);
    }

    /** For UNTRUSTED_CERTIFICATE and CERTIFICATE_CHANGED: the certificate presented and the one pinned. */
    public Optional<CertificateProblem> certificate() {
        return Optional.ofNullable(certificate);
    }
}
