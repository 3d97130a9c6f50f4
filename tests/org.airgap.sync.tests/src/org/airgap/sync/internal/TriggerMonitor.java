package org.airgap.sync.internal;

import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.core.runtime.NullProgressMonitor;

/**
 * Runs an action (cancel, cut the network, restart the server) once, at the first progress reported:
 * for a push that is right after the first chunk the server acknowledged, for a pull right after the
 * sync answer.
 */
class TriggerMonitor extends NullProgressMonitor {

    interface Action {
        void run(TriggerMonitor monitor) throws Exception;
    }

    private final Action action;
    private final AtomicBoolean fired = new AtomicBoolean();

    TriggerMonitor(Action action) {
        this.action = action;
    }

    static TriggerMonitor cancelling() {
        return new TriggerMonitor(monitor -> monitor.setCanceled(true));
    }

    boolean fired() {
        return fired.get();
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
        if (fired.compareAndSet(false, true)) {
            try {
                action.run(this);
            } catch (Exception e) {
                throw new IllegalStateException("the test's action failed", e);
            }
        }
    }
}
