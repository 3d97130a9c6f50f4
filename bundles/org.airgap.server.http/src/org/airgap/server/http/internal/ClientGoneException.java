package org.airgap.server.http.internal;

import java.io.IOException;

/** Reading the request failed: the client closed the connection or stopped sending. Not a server fault. */
final class ClientGoneException extends IOException {

    private static final long serialVersionUID = 1L;

    ClientGoneException(String message, IOException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
