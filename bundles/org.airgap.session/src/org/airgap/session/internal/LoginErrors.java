package org.airgap.session.internal;

import java.net.URI;

import org.airgap.session.SessionException;
import org.airgap.session.http.ServerCallException;
import org.airgap.session.http.ServerClient;

/** How a login at the server fails, as the session's exceptions say it to the technician. */
final class LoginErrors {

    static final String WRONG_PASSWORD = "wrong user name or password";

    private LoginErrors() {
    }

    /** Refuses a URL that is no Airgap server's ({@code http://} to another machine, no host). */
    static void checkServer(URI server) throws SessionException {
        try {
            ServerClient.checkServer(server);
        } catch (IllegalArgumentException e) {
            throw new SessionException(SessionException.Kind.NOT_AIRGAP_SERVER, e.getMessage());
        }
    }

    /** The server's refusal or the network's failure of a login. */
    static SessionException of(ServerCallException e) {
        if (e.certificate().isPresent()) {
            return new SessionException(e.certificate().get(), e.getMessage(), e);
        }
        return switch (e.kind()) {
            case UNREACHABLE -> new SessionException(SessionException.Kind.UNREACHABLE, null, e.getMessage(), e);
            case NOT_AIRGAP_SERVER -> new SessionException(SessionException.Kind.NOT_AIRGAP_SERVER, null, e.getMessage(), e);
            case REFUSED -> e.status() == 401
                    ? new SessionException(SessionException.Kind.WRONG_PASSWORD, null, WRONG_PASSWORD, e)
                    : new SessionException(SessionException.Kind.REFUSED, null, e.getMessage(), e);
        };
    }
}
