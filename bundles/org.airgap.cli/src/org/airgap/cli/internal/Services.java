package org.airgap.cli.internal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;
import org.osgi.util.tracker.ServiceTrackerCustomizer;

/**
 * The OSGi services one command uses, held until the command ends (closing releases them, so that a
 * framework without kept instances closes the workspace). A DS component whose activation fails (the
 * job repository on a workspace another process holds) is reported at once, not after the wait: the
 * wait is only for the service to be registered.
 */
final class Services implements AutoCloseable {

    /** DS registers services as bundles start, in parallel with the command: they may need a moment. */
    static final Duration WAIT = Duration.ofSeconds(20);

    private final BundleContext context = FrameworkUtil.getBundle(Services.class).getBundleContext();
    private final List<ServiceTracker<?, ?>> trackers = new ArrayList<>();
    private final List<ServiceReference<?>> used = new ArrayList<>();

    /** The service; {@code null} when none was registered within {@code wait} or it failed to activate. */
    <T> T find(Class<T> type, Duration wait) {
        ServiceTracker<T, ServiceReference<T>> tracker = new ServiceTracker<>(context, type,
                new ServiceTrackerCustomizer<T, ServiceReference<T>>() {
                    @Override
                    public ServiceReference<T> addingService(ServiceReference<T> reference) {
                        return reference;
                    }

                    @Override
                    public void modifiedService(ServiceReference<T> reference, ServiceReference<T> tracked) {
                    }

                    @Override
                    public void removedService(ServiceReference<T> reference, ServiceReference<T> tracked) {
                    }
                });
        tracker.open();
        trackers.add(tracker);
        ServiceReference<T> reference;
        try {
            reference = tracker.waitForService(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        if (reference == null) {
            return null;
        }
        T service = context.getService(reference);
        if (service != null) {
            used.add(reference);
        }
        return service;
    }

    /** The service, or a failure that says which part of Airgap did not start. */
    <T> T require(Class<T> type, String purpose) throws CommandException {
        T service = find(type, WAIT);
        if (service == null) {
            throw CommandException.failed("the " + purpose + " service (" + type.getName() + ") did not start; "
                    + "the log says why. If it persists, reinstall Airgap from its product archive.");
        }
        return service;
    }

    @Override
    public void close() {
        for (int i = used.size() - 1; i >= 0; i--) {
            try {
                context.ungetService(used.get(i));
            } catch (IllegalStateException e) {
                // The framework is stopping: nothing left to release.
            }
        }
        used.clear();
        for (int i = trackers.size() - 1; i >= 0; i--) {
            trackers.get(i).close();
        }
        trackers.clear();
    }
}
