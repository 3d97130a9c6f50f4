package org.airgap.client.admin.perspective;

import java.io.IOException;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;

/**
 * A read from the server that an Administration view runs in an Eclipse job; {@link #inJob} turns a cancel or a
 * failure into the message the view shows instead of its result.
 */
@FunctionalInterface
public interface ServerRead {

    void run() throws IOException;

    /** Runs {@code read}: "Cancelled." or "Cannot read from the server: …" go to {@code problem}. */
    static IStatus inJob(ServerRead read, Consumer<String> problem) {
        try {
            read.run();
            return Status.OK_STATUS;
        } catch (OperationCanceledException e) {
            problem.accept("Cancelled.");
            return Status.CANCEL_STATUS;
        } catch (IOException e) {
            problem.accept("Cannot read from the server: " + e.getMessage());
            return Status.OK_STATUS;
        }
    }
}
