package org.airgap.store;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A problem with stored data, naming the file concerned: a missing or corrupt blob, an unreadable
 * manifest, a manifest of a newer format. Nothing is changed in the store when it is thrown.
 */
public class StoreException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, for callers that react differently (verify reports, repair hints). */
    public enum Kind {
        MISSING_BLOB, CORRUPT_BLOB, MISSING_MANIFEST, CORRUPT_MANIFEST, UNSUPPORTED_FORMAT, INVALID_INPUT, NO_SPACE,
        /** A sealed store is locked: no key yet (log in). @since 0.2 */
        LOCKED
    }

    private final Kind kind;
    private final transient Path file;

    public StoreException(Kind kind, Path file, String message) {
        this(kind, file, message, null);
    }

    public StoreException(Kind kind, Path file, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.file = file;
    }

    public Kind kind() {
        return kind;
    }

    /** The file the problem is about, or {@code null}. */
    public Path file() {
        return file;
    }
}
