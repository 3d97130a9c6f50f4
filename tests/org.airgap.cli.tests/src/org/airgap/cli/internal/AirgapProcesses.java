package org.airgap.cli.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.airgap.workspace.Workspace;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;
import org.osgi.util.tracker.ServiceTracker;

/** What the tests need of the framework they share with the commands. */
final class AirgapProcesses {

    private AirgapProcesses() {
    }

    /**
     * Ends the job repository component and those that use it (session, sync, runner), as the end of an
     * airgap process does: Equinox keeps delayed components once activated, and the next test has its
     * own workspace.
     */
    static void end() throws Exception {
        BundleContext context = FrameworkUtil.getBundle(AirgapProcesses.class).getBundleContext();
        ServiceTracker<ServiceComponentRuntime, ServiceComponentRuntime> tracker = new ServiceTracker<>(context,
                ServiceComponentRuntime.class, null);
        tracker.open();
        try {
            ServiceComponentRuntime runtime = tracker.waitForService(20_000);
            Bundle workspaceBundle = FrameworkUtil.getBundle(Workspace.class);
            ComponentDescriptionDTO repository = runtime.getComponentDescriptionDTO(workspaceBundle,
                    "org.airgap.workspace.internal.LocalJobRepositoryComponent");
            assertNotNull(repository, "no job repository component in " + workspaceBundle);
            runtime.disableComponent(repository).getValue();
            runtime.enableComponent(repository).getValue();
        } finally {
            tracker.close();
        }
    }
}
