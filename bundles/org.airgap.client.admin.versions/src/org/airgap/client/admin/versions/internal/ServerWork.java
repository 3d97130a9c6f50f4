package org.airgap.client.admin.versions.internal;

import java.io.IOException;
import java.util.function.Consumer;

import org.airgap.client.admin.perspective.ServerRead;
import org.airgap.session.http.ServerCallException;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.jobs.IJobFunction;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.di.UISynchronize;

/**
 * The Versions view's calls to the server, one Eclipse job at a time: a new call cancels the one before, and Cancel
 * the running one; a cancelled call's answer is dropped. Answers and problems reach the view on the UI thread, a
 * problem as words (the server's refusal as it gave it).
 */
final class ServerWork {

    /** One call, off the UI thread; what it returns is handed to the UI thread. */
    interface Call<T> {
        T run(IProgressMonitor monitor) throws IOException;
    }

    private final UISynchronize sync;
    private Job job;
    private int requests;

    ServerWork(UISynchronize sync) {
        this.sync = sync;
    }

    /** Runs {@code call} in a job named {@code name}; {@code done} or {@code problem} hears of it, if still wanted. */
    <T> void start(String name, Call<T> call, Consumer<T> done, Consumer<String> problem) {
        cancel();
        int request = requests;
        IJobFunction work = monitor -> ServerRead.inJob(() -> {
            T answer = call.run(monitor);
            whenWanted(request, () -> done.accept(answer));
        }, () -> {
            // the view said so when it cancelled
        }, failure -> whenWanted(request, () -> problem.accept(failure instanceof ServerCallException
                ? "The server refused: " + failure.getMessage()
                : failure.getMessage())));
        job = Job.create(name, work);
        job.schedule();
    }

    private void whenWanted(int request, Runnable action) {
        sync.asyncExec(() -> {
            if (request == requests) {
                action.run();
            }
        });
    }

    /** Cancels the running call (Cancel, a new call, closing the view); whatever it still answers is dropped. */
    void cancel() {
        requests++;
        if (job != null) {
            job.cancel();
        }
    }
}
