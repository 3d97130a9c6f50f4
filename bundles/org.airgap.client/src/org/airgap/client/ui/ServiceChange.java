package org.airgap.client.ui;

import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.widgets.Control;

/**
 * What a part's service injection method does when E4 injects a new service (or {@code null}) into a
 * part that is already built: it reloads on the UI thread, because E4 calls the method on the thread that
 * registered or removed the service. See "Services in the workbench" in docs/architecture.md.
 *
 * <pre>
 * &#64;Inject
 * void repository(&#64;Optional &#64;Service JobRepository repository) {
 *     this.repository = repository;
 *     ServiceChange.reload(sync, viewer == null ? null : viewer.getControl(), this::reload);
 * }
 * </pre>
 */
public final class ServiceChange {

    private ServiceChange() {
    }

    /**
     * @param control the part's main control; {@code null} before {@code @PostConstruct} has built it, which
     *                then loads with the service it finds (nothing to do here)
     */
    public static void reload(UISynchronize sync, Control control, Runnable reload) {
        if (control == null) {
            return;
        }
        sync.asyncExec(() -> {
            if (!control.isDisposed()) {
                reload.run();
            }
        });
    }
}
