package org.airgap.server.http.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the logins in progress. PBKDF2 itself runs on at most one thread per core (the core's
 * password hashing waits for a free one), but each waiting login holds one of the HTTP server's
 * threads: beyond {@link #limit} logins at once the server answers 503 at once instead, so a flood of
 * logins leaves threads for every other request.
 */
final class LoginGate {

    private final int limit;
    private final AtomicInteger inProgress = new AtomicInteger();

    LoginGate(int limit) {
        this.limit = limit;
    }

    /** Four waiting logins per core: enough to keep every core busy, few enough to leave threads free. */
    static LoginGate forThisMachine() {
        return new LoginGate(4 * Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    /** Whether a login may start now; if so, {@link #leave()} must follow. */
    boolean enter() {
        if (inProgress.incrementAndGet() > limit) {
            inProgress.decrementAndGet();
            return false;
        }
        return true;
    }

    void leave() {
        inProgress.decrementAndGet();
    }
}
