package org.airgap.server.core;

import org.airgap.protocol.SessionEndReason;

/** A bearer token the server does not accept (401), with the reason the client shows. */
public class SessionRefusedException extends ServerException {

    private static final long serialVersionUID = 1L;

    private final SessionEndReason reason;

    public SessionRefusedException(SessionEndReason reason) {
        super(Kind.UNAUTHORIZED, reason.message());
        this.reason = reason;
    }

    public SessionEndReason reason() {
        return reason;
    }
}
