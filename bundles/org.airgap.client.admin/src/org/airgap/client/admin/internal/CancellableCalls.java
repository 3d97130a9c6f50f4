package org.airgap.client.admin.internal;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.airgap.protocol.SessionEndReason;
import org.airgap.session.ClientSession;
import org.airgap.session.SessionException;
import org.airgap.session.SessionService;
import org.airgap.session.http.ServerCallException;
import org.airgap.session.http.ServerClient;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;

/**
 * Runs each call to the server on a thread of its own while the caller's thread watches its monitor: a cancel
 * interrupts the waiting thread, which makes the JDK's HTTP client abandon the request, so the caller is free
 * at once instead of after the request's time limit. A refused token ends the local session.
 */
final class CancellableCalls implements AutoCloseable {

    /** How often the caller looks at its monitor while the server works. */
    private static final long POLL_MILLIS = 50;

    /** One call to the server with the session's client. */
    interface ServerCall<T> {
        T on(ServerClient client) throws IOException;
    }

    private final SessionService sessions;
    private final ExecutorService threads;

    CancellableCalls(SessionService sessions) {
        this.sessions = sessions;
        AtomicInteger count = new AtomicInteger();
        this.threads = Executors.newCachedThreadPool(work -> {
            Thread thread = new Thread(work, "airgap-admin-call-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    <T> T call(ClientSession session, IProgressMonitor monitor, String task, ServerCall<T> call) throws IOException {
        return call(session, monitor, task, call, progress -> {
        });
    }

    /**
     * {@link #call}, and while the server works {@code meanwhile} runs on the caller's thread after each look at
     * the monitor: a download tells its monitor how far it got from there, not from the call's thread.
     */
    <T> T call(ClientSession session, IProgressMonitor monitor, String task, ServerCall<T> call,
            java.util.function.Consumer<SubMonitor> meanwhile) throws IOException {
        SubMonitor progress = SubMonitor.convert(monitor, task, 1);
        if (!session.online() || session.token() == null) {
            throw new SessionException(SessionException.Kind.OFFLINE, "administration works on the running server: "
                    + "log in online as an administrator (user " + session.user() + " is logged in offline)");
        }
        ServerClient client = ServerClient.forSession(session);
        if (progress.isCanceled()) {
            throw new OperationCanceledException();
        }
        Future<T> answer = threads.submit(() -> call.on(client));
        try {
            while (true) {
                if (progress.isCanceled()) {
                    answer.cancel(true);
                    throw new OperationCanceledException();
                }
                try {
                    T result = answer.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    progress.worked(1);
                    return result;
                } catch (TimeoutException e) {
                    meanwhile.accept(progress); // still waiting for the server: look at the monitor again
                }
            }
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new OperationCanceledException();
        } catch (ExecutionException e) {
            throw failure(session, e.getCause());
        }
    }

    private IOException failure(ClientSession session, Throwable cause) {
        if (cause instanceof ServerCallException refused && refused.status() == 401) {
            SessionEndReason reason = refused.reason().orElse(SessionEndReason.UNKNOWN_TOKEN);
            sessions.endedByServer(session, reason);
            return new SessionException(SessionException.Kind.NOT_LOGGED_IN, reason, reason.message(), refused);
        }
        if (cause instanceof IOException io) {
            return io;
        }
        if (cause instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IOException(cause);
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
