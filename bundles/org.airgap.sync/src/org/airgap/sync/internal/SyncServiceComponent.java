package org.airgap.sync.internal;

import org.airgap.session.SessionService;
import org.airgap.sync.SyncService;
import org.airgap.workspace.JobRepository;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The {@link SyncService} of a workbench or CLI process, on its job repository and session service. */
@Component(service = SyncService.class)
public class SyncServiceComponent extends ServerSync {

    @Activate
    public SyncServiceComponent(@Reference JobRepository repository, @Reference SessionService sessions) {
        super(repository, sessions);
    }
}
