package org.airgap.client.admin;

import java.io.IOException;

import org.airgap.protocol.AdminOverview;
import org.airgap.protocol.AdminRunDetail;
import org.airgap.protocol.AdminRunPage;
import org.airgap.session.ClientSession;
import org.eclipse.core.runtime.IProgressMonitor;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The administrator's calls to the running server, with the workbench's online session (a DS service). The
 * server decides who may do what: a technician's call is refused there (403) and arrives here as a
 * {@link org.airgap.session.http.ServerCallException} with the server's message.
 * <p>
 * Errors: a {@link org.airgap.session.SessionException} OFFLINE for an offline session, NOT_LOGGED_IN when the
 * server refused the session's token (the local session is ended then, with the server's reason); a
 * {@link org.airgap.session.http.ServerCallException} with the server's message or the network problem for
 * everything else. Each call waits for the server on a thread of its own and watches the monitor: cancelling
 * it abandons the request at once and throws {@link org.eclipse.core.runtime.OperationCanceledException}.
 * Nothing is cached; every call asks the server.
 */
@ProviderType
public interface AdministrationService {

    /** GET /api/admin/overview: the plant with each folder's worst status and the jobs that need attention. */
    AdminOverview overview(ClientSession session, IProgressMonitor monitor) throws IOException;

    /** GET /api/admin/runs with the filter's query: one page of the uploaded runs, newest backup first. */
    AdminRunPage runs(ClientSession session, RunFilter filter, IProgressMonitor monitor) throws IOException;

    /** GET /api/admin/runs/&lt;id&gt;: one run with its log, attempts, device and results. */
    AdminRunDetail run(ClientSession session, String runId, IProgressMonitor monitor) throws IOException;
}
