package org.airgap.sync;

import java.io.IOException;

/**
 * A sync that failed at the server or on the way to it: the message is the server's own (its
 * ErrorResponse.error) or names the network problem and the server address.
 */
public class SyncException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int status;

    /** @param status the HTTP status the server answered with; 0 when it did not answer */
    public SyncException(int status, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status the server answered with; 0 when it did not answer (unreachable, connection cut). */
    public int status() {
        return status;
    }
}
