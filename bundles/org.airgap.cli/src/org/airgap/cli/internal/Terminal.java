package org.airgap.cli.internal;

import java.io.InputStream;

/** The technician's terminal when a command runs on one: questions are asked there, never in scripts. */
interface Terminal {

    /** Shows {@code prompt} and reads the answer; {@code null} at the end of input. */
    String readLine(String prompt);

    /** The terminal of this process when {@code in} is its standard input and that is a terminal; else {@code null}. */
    static Terminal of(InputStream in) {
        java.io.Console console = System.console();
        if (in != System.in || console == null || !isTerminal(console)) {
            return null;
        }
        return prompt -> console.readLine("%s", prompt);
    }

    /**
     * Since Java 22 {@code System.console()} also exists when stdin or stdout is redirected; its
     * {@code isTerminal()} (not in Java 21, hence reflection) tells whether someone can answer.
     */
    private static boolean isTerminal(java.io.Console console) {
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException java21) {
            return true; // Java 21 has a console only on a terminal
        }
    }
}
