package org.airgap.workspace;

import java.io.IOException;

/**
 * A workspace's key could not be unlocked or its key slots changed: the message says why in words a
 * technician can act on.
 *
 * @since 0.2
 */
public class WorkspaceKeyException extends IOException {

    private static final long serialVersionUID = 1L;

    /** Why. */
    public enum Kind {
        /** The password does not open the user's key slot. */
        WRONG_PASSWORD,
        /** The user has no key slot on this workspace. */
        NO_SLOT,
        /** {@code keys.json} is damaged or of another version, or its slots hold different keys. */
        DAMAGED
    }

    private final Kind kind;

    public WorkspaceKeyException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
