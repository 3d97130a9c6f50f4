package org.airgap.cli.internal;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * The streams of one {@code airgap} invocation: results on {@code out}; progress, warnings, errors on
 * {@code err}; {@code terminal} asks questions, {@code null} when the command does not run on a terminal.
 */
record Console(InputStream in, PrintStream out, PrintStream err, Terminal terminal) {

    Console(InputStream in, PrintStream out, PrintStream err) {
        this(in, out, err, Terminal.of(in));
    }
}
