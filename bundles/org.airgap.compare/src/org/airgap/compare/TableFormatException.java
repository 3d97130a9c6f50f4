package org.airgap.compare;

import java.io.IOException;

/** A file that starts like a table file but does not follow the format (docs/formats.md, "Table files"). */
public class TableFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final int line;

    public TableFormatException(int line, String message) {
        super("line " + line + ": " + message);
        this.line = line;
    }

    /** The 1-based line number of the problem. */
    public int line() {
        return line;
    }
}
