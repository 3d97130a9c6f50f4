package org.airgap.cli.internal;

import java.io.PrintStream;

import org.eclipse.core.runtime.NullProgressMonitor;

/** Prints task names as lines (p2's sub-tasks, one per unit, would drown them). */
final class ConsoleProgress extends NullProgressMonitor {

    private final PrintStream out;
    private String last = "";

    ConsoleProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void beginTask(String name, int totalWork) {
        print(name);
    }

    @Override
    public void setTaskName(String name) {
        print(name);
    }

    private void print(String text) {
        if (text != null && !text.isBlank() && !text.equals(last)) {
            last = text;
            out.println("... " + text);
        }
    }
}
