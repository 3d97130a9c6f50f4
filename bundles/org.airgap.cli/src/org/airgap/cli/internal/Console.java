package org.airgap.cli.internal;

import java.io.InputStream;
import java.io.PrintStream;

/** The streams of one {@code airgap} invocation: results on {@code out}; progress, warnings, errors on {@code err}. */
record Console(InputStream in, PrintStream out, PrintStream err) {
}
