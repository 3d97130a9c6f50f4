package org.airgap.session.http;

import java.io.IOException;
import java.util.Optional;

import org.airgap.protocol.SessionEndReason;
import org.airgap.session.CertificateProblem;

/**
 * A call to the Airgap server that failed: the server's own message (its ErrorResponse.error), or the
 * network problem naming the server's address.
 */
public class ServerCallException extends IOException {

    private static final long serialVersionUID = 1L;

    /** How the call failed. */
    public enum Kind {
        /** No answer: refused, unknown host, timeout, connection cut. */
        UNREACHABLE,
        /** Something answered that does not speak the Airgap API. */
        NOT_AIRGAP_SERVER,
        /** The server refused the request with an ErrorResponse. */
        REFUSED
    }

    private final Kind kind;
    private final int status;
    private final SessionEndReason reason;
    private final CertificateProblem certificate;

    public ServerCallException(Kind kind, int status, SessionEndReason reason, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.reason = reason;
        this.certificate = null;
    }

    /**
     * The server's TLS certificate was refused (not signed by a trusted authority, not the pinned one):
     * UNREACHABLE, as the laptop did not talk to the server, with the fingerprints in {@link #certificate()}.
     */
    public ServerCallException(CertificateProblem certificate, String message, Throwable cause) {
        super(message, cause);
        this.kind = Kind.UNREACHABLE;
        this.status = 0;
        this.reason = null;
        this.certificate = certificate;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status; 0 when the server did not answer. */
    public int status() {
        return status;
    }

    /** For a 401: why the server refused the token. */
    public Optional<SessionEndReason> reason() {
        return Optional.ofNullable(reason);
    }

    /** When the server's TLS certificate was refused: the certificate presented and the one pinned. */
    public Optional<CertificateProblem> certificate() {
        return Optional.ofNullable(certificate);
    }
}
