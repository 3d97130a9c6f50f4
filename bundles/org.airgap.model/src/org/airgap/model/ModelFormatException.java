package org.airgap.model;

import java.io.IOException;

/**
 * A model JSON document that cannot be read. The message says what is wrong and where: the file (when
 * read from one), the position of a syntax error, or the JSON path of the bad field.
 */
public class ModelFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, for callers that react differently (a newer format asks for an update). */
    public enum Problem {
        /** Not JSON, or JSON with a syntax error. */
        MALFORMED,
        /** No {@code formatVersion}, or not a number Airgap ever wrote. */
        NO_FORMAT_VERSION,
        /** Written by a newer Airgap in a format this one does not know. */
        NEWER_FORMAT,
        /** Another kind of document than the one asked for. */
        WRONG_KIND,
        /** Well-formed, but a field is missing, unknown, of the wrong type or has an invalid value. */
        INVALID
    }

    private final Problem problem;

    public ModelFormatException(Problem problem, String message) {
        this(problem, message, null);
    }

    public ModelFormatException(Problem problem, String message, Throwable cause) {
        super(message, cause);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }
}
