package org.airgap.sync.internal;

import java.io.IOException;

import org.airgap.protocol.SessionEndReason;
import org.airgap.session.ClientSession;
import org.airgap.session.SessionException;
import org.airgap.session.SessionService;
import org.airgap.session.http.ServerCallException;
import org.airgap.session.http.ServerClient;
import org.airgap.sync.SyncException;

/** The server client of an online session, and the exceptions its failures become for sync callers. */
final class ServerCalls {

    private final SessionService sessions;
    private final ClientSession session;
    private final ServerClient client;

    ServerCalls(SessionService sessions, ClientSession session) throws SessionException {
        if (!session.online()) {
            throw new SessionException(SessionException.Kind.OFFLINE, "this is an offline session: log in online "
                    + "(airgap login --server URL) to sync with the server");
        }
        this.sessions = sessions;
        this.session = session;
        this.client = ServerClient.forSession(session);
    }

    ServerClient client() {
        return client;
    }

    ClientSession session() {
        return session;
    }

    /**
     * What a failed call means to the caller: a refused token ends the local session and says why (log in
     * again); everything else is a {@link SyncException} with the server's message or the network problem.
     */
    IOException failure(ServerCallException e, String doing) {
        if (e.status() == 401) {
            SessionEndReason reason = e.reason().orElse(SessionEndReason.UNKNOWN_TOKEN);
            sessions.endedByServer(session, reason);
            return new SessionException(SessionException.Kind.NOT_LOGGED_IN, reason, reason.message(), e);
        }
        String message = e.kind() == ServerCallException.Kind.REFUSED ? doing + ": " + e.getMessage() : e.getMessage();
        return new SyncException(e.status(), message, e);
    }
}
