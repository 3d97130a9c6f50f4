package org.airgap.sync.internal;

import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.core.runtime.NullProgressMonitor;

/**
 * Runs an action (cancel, cut the network, restart the server) once, at the n-th progress report (the
 * first by default): for a push the first is right after the first chunk the server acknowledged, for a
 * pull right after the sync answer; the third of a pull is during the first blob download.
 */
class TriggerMonitor extends NullProgressMonitor {

    interface Action {
        void run(TriggerMonitor monitor) throws Exception;
    }

    private final Action action;
    private final int reports;
    private final AtomicInteger reported = new AtomicInteger();

    TriggerMonitor(Action action) {
        this(1, action);
    }

    TriggerMonitor(int reports, Action action) {
        this.reports = reports;
        this.action = action;
    }

    static TriggerMonitor cancelling() {
        return new TriggerMonitor(monitor -> monitor.setCanceled(true));
    }

    boolean fired() {
        return reported.get() >= reports;
    }

    @Override
    public void worked(int work) {
        if (work > 0) {
            fire();
        }
    }

    @Override
    public void internalWorked(double work) {
        if (work > 0) {
            fire();
        }
    }

    private void fire() {
        if (reported.incrementAndGet() == reports) {
            try {
                action.run(this);
            } catch (Exception e) {
                throw new IllegalStateException("the test's action failed", e);
            }
        }
    }
}
