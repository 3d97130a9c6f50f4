package org.airgap.cli.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The OSGi services one command uses, held until the command ends. Holding them matters: DS deactivates
 * a delayed component (the job repository, with its workspace lock) once nobody uses it, and closing
 * releases the workspace for the next process.
 */
final class Services implements AutoCloseable {

    /** DS activates lazily and in parallel with the command: services may need a moment. */
    static final Duration WAIT = Duration.ofSeconds(20);

    private final BundleContext context = FrameworkUtil.getBundle(Services.class).getBundleContext();
    private final List<ServiceTracker<?, ?>> trackers = new ArrayList<>();

    /** The service, or {@code null} when none appeared within {@code wait}. */
    <T> T find(Class<T> type, Duration wait) {
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        trackers.add(tracker);
        try {
            return tracker.waitForService(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The service, or a failure that says which part of Airgap did not start. */
    <T> T require(Class<T> type, String purpose) throws CommandException {
        T service = find(type, WAIT);
        if (service == null) {
            throw CommandException.failed("the " + purpose + " service (" + type.getName() + ") did not start within "
                    + WAIT.toSeconds() + " s; see the log, or reinstall Airgap from its product archive.");
        }
        return service;
    }

    @Override
    public void close() {
        for (int i = trackers.size() - 1; i >= 0; i--) {
            trackers.get(i).close();
        }
        trackers.clear();
    }
}
