package org.airgap.session.internal;

import java.io.IOException;
import java.time.Clock;

import org.airgap.session.SessionService;
import org.airgap.workspace.JobRepository;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** The {@link SessionService} of a workbench or CLI process, on the workspace of its job repository. */
@Component(service = SessionService.class)
public class SessionServiceComponent extends LocalSessionService {

    @Activate
    public SessionServiceComponent(@Reference JobRepository repository) throws IOException {
        super(repository, Clock.systemUTC());
    }

    @Deactivate
    void deactivate() {
        close();
    }
}
