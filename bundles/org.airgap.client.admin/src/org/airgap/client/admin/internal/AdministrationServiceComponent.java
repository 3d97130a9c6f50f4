package org.airgap.client.admin.internal;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.airgap.client.admin.AdministrationService;
import org.airgap.client.admin.RunFilter;
import org.airgap.protocol.AdminOverview;
import org.airgap.protocol.AdminRunDetail;
import org.airgap.protocol.AdminRunPage;
import org.airgap.protocol.Api;
import org.airgap.session.ClientSession;
import org.airgap.session.SessionService;
import org.eclipse.core.runtime.IProgressMonitor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/** The {@link AdministrationService} of a workbench: the admin endpoints, each call cancellable. */
@Component(service = AdministrationService.class)
public class AdministrationServiceComponent implements AdministrationService {

    /** Longer than any id the server stores; a longer one cannot name a run. */
    private static final int MAX_ID = 200;

    private final CancellableCalls calls;

    @Activate
    public AdministrationServiceComponent(@Reference SessionService sessions) {
        this.calls = new CancellableCalls(sessions);
    }

    @Deactivate
    void stop() {
        calls.close();
    }

    @Override
    public AdminOverview overview(ClientSession session, IProgressMonitor monitor) throws IOException {
        return calls.call(session, monitor, "Reading the overview from the server",
                client -> client.getJson(Api.ADMIN_OVERVIEW, AdminOverview.class));
    }

    @Override
    public AdminRunPage runs(ClientSession session, RunFilter filter, IProgressMonitor monitor) throws IOException {
        String path = Api.ADMIN_RUNS + filter.query();
        return calls.call(session, monitor, "Reading runs from the server",
                client -> client.getJson(path, AdminRunPage.class));
    }

    @Override
    public AdminRunDetail run(ClientSession session, String runId, IProgressMonitor monitor) throws IOException {
        if (runId == null || runId.isBlank() || runId.length() > MAX_ID) {
            throw new IllegalArgumentException("not a run id: '" + runId + "'");
        }
        // One path segment: an id cannot add segments or a query.
        String path = Api.ADMIN_RUNS + "/" + URLEncoder.encode(runId, StandardCharsets.UTF_8).replace("+", "%20");
        return calls.call(session, monitor, "Reading run " + runId + " from the server",
                client -> client.getJson(path, AdminRunDetail.class));
    }
}
