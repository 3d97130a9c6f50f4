package org.airgap.cli.internal;

import java.io.InputStream;

/** The technician's terminal when a command runs on one: questions are asked there, never in scripts. */
interface Terminal {

    /** Shows {@code prompt} and reads the answer; {@code null} at the end of input. */
    String readLine(String prompt);

    /** The terminal of this process when {@code in} is its standard input and that is a terminal; else {@code null}. */
    static Terminal of(InputStream in) {
        java.io.Console console = System.console();
        if (in != System.in || console == null) {
            return null;
        }
        return prompt -> console.readLine("%s", prompt);
    }
}
