package org.airgap.client.admin.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.airgap.protocol.Role;
import org.airgap.session.ClientSession;
import org.eclipse.core.runtime.NullProgressMonitor;

/** A server that takes the connection and never answers: a call to it waits until its monitor is cancelled. */
final class SilentServer {

    /** A call to the server with an administrator's session. */
    interface Call {
        Object run(ClientSession session) throws IOException;
    }

    /** What the call ended with (its answer or exception) and how long after the cancel. */
    record Outcome(Object ended, long millisAfterCancel) {
    }

    private SilentServer() {
    }

    /** Starts {@code call}, cancels {@code monitor} once the call has waited 200 ms, and waits up to 10 s for its end. */
    static Outcome cancelWhileWaiting(NullProgressMonitor monitor, Call call) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2); // not the common pool: both tasks block
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Future<Socket> accepted = threads.submit(() -> {
                return silent.accept(); // and never answer
            });
            ClientSession session = new ClientSession(AdminTestServer.ADMIN, Role.ADMIN, true,
                    URI.create("http://127.0.0.1:" + silent.getLocalPort()), "token", Instant.now(), Instant.now(),
                    Duration.ofHours(1), Duration.ofHours(8));
            Future<Object> ended = threads.submit(() -> {
                try {
                    return call.run(session);
                } catch (RuntimeException | IOException e) {
                    return (Object) e;
                }
            });
            try (Socket connection = accepted.get(10, TimeUnit.SECONDS)) {
                Thread.sleep(200);
                assertFalse(ended.isDone(), "the server has not answered");
                long cancelled = System.nanoTime();
                monitor.setCanceled(true);
                Object outcome = ended.get(10, TimeUnit.SECONDS);
                return new Outcome(outcome, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - cancelled));
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
