package org.airgap.server.core;

/**
 * A request the server refuses, with the HTTP status it maps to and a message naming the problem for
 * the user (shown by the client as it is).
 */
public class ServerException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong, as the HTTP status the endpoints answer with. */
    public enum Kind {
        BAD_REQUEST(400), UNAUTHORIZED(401), FORBIDDEN(403), NOT_FOUND(404), CONFLICT(409), TOO_LARGE(413),
        /** Well-formed but refused as it is: a run whose laptop signature does not verify (since 0.2). */
        UNPROCESSABLE(422),
        /** The server's disk is full, or the user's share of it for unfinished uploads. */
        INSUFFICIENT_STORAGE(507);

        private final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Kind kind;

    public ServerException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ServerException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
