package org.airgap.client.admin.perspective;

import java.io.IOException;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.Status;

/**
 * A read from (or a change on) the server that an Administration view runs in an Eclipse job; {@link #inJob}
 * turns a cancel or a failure into the message the view shows instead of its result.
 */
@FunctionalInterface
public interface ServerRead {

    void run() throws IOException;

    /** Runs {@code read}: "Cancelled." or "Cannot read from the server: …" go to {@code problem}. */
    static IStatus inJob(ServerRead read, Consumer<String> problem) {
        return inJob(read, () -> problem.accept("Cancelled."),
                failure -> problem.accept("Cannot read from the server: " + failure.getMessage()));
    }

    /**
     * Runs {@code read}: a cancel goes to {@code cancelled}; a failure (the server unreachable or refusing, or an
     * argument it would refuse) to {@code failed}, for the view to say in its words.
     */
    static IStatus inJob(ServerRead read, Runnable cancelled, Consumer<Exception> failed) {
        try {
            read.run();
            return Status.OK_STATUS;
        } catch (OperationCanceledException e) {
            cancelled.run();
            return Status.CANCEL_STATUS;
        } catch (IOException | IllegalArgumentException e) {
            failed.accept(e);
            return Status.OK_STATUS;
        }
    }
}
