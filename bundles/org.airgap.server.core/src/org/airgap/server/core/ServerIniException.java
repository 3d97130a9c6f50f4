package org.airgap.server.core;

/**
 * A data directory the server cannot start on: no {@code server.ini}, or a line in it that is wrong.
 * The message names the file, the line and the key, and says what to do.
 */
public class ServerIniException extends Exception {

    private static final long serialVersionUID = 1L;

    public ServerIniException(String message) {
        super(message);
    }

    public ServerIniException(String message, Throwable cause) {
        super(message, cause);
    }
}
