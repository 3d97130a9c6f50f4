package org.airgap.client.admin.tests;

import java.time.Duration;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/** The DS services of this test runtime, waited for. */
final class Services {

    private Services() {
    }

    static <T> T get(Class<T> type) throws InterruptedException {
        BundleContext context = FrameworkUtil.getBundle(Services.class).getBundleContext();
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        T service = tracker.waitForService(Duration.ofSeconds(30).toMillis());
        if (service == null) {
            throw new AssertionError("No " + type.getName() + " service in the test runtime within 30 s");
        }
        return service; // the tracker stays open for the test class
    }
}
