package org.airgap.server.http.internal;

import java.io.IOException;

import javax.servlet.Servlet;

import org.airgap.model.Component;
import org.airgap.model.Job;
import org.airgap.protocol.AdminRunDetail;
import org.airgap.protocol.Api;
import org.airgap.protocol.CommentRequest;
import org.airgap.server.core.AdminScope;
import org.airgap.server.core.RunQuery;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.airgap.server.core.ServerRepository;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /api/admin/runs} (administrators, within their folders): GET lists the committed runs, filtered
 * and paged ({@link RunQueries}); GET {@code /<id>} answers one run with its log; POST {@code /<id>/checkin}
 * with a comment makes the run's backup the component's next version by hand.
 */
@org.osgi.service.component.annotations.Component(service = Servlet.class)
@HttpWhiteboardServletPattern({ Api.ADMIN_RUNS, Api.ADMIN_RUNS + "/*" })
public class AdminRunsServlet extends JsonEndpoint {

    private static final long serialVersionUID = 1L;

    @Activate
    public AdminRunsServlet(@Reference ApiServices services) {
        super(services);
    }

    @Override
    void get(Exchange exchange) throws ServerException, IOException {
        AdminScope scope = exchange.adminScope();
        String[] path = exchange.pathSegments();
        if (path.length == 0) {
            RunQuery query = RunQueries.parse(exchange);
            requireFilterInScope(query, scope);
            exchange.sendOk(services.repository().runs(query, scope));
        } else if (path.length == 1 && !path[0].isEmpty()) {
            exchange.sendOk(runInScope(path[0], scope));
        } else {
            throw noSuchPath(exchange);
        }
    }

    @Override
    void post(Exchange exchange) throws ServerException, IOException {
        AdminScope scope = exchange.adminScope();
        String[] path = exchange.pathSegments();
        if (path.length != 2 || path[0].isEmpty() || !("/" + path[1]).equals(Api.CHECKIN_SUFFIX)) {
            throw noSuchPath(exchange);
        }
        AdminRunDetail run = runInScope(path[0], scope);
        CommentRequest request = exchange.readJson(CommentRequest.class);
        exchange.sendOk(services.repository().checkIn(run.summary().id(), request.comment(),
                exchange.admin().user()));
    }

    /** A component or job named by the filter must exist and be in the caller's folders. */
    private void requireFilterInScope(RunQuery query, AdminScope scope) throws ServerException {
        ServerRepository repository = services.repository();
        if (query.componentId() != null) {
            scope.require(repository.component(query.componentId()).orElseThrow(() -> new ServerException(
                    Kind.NOT_FOUND, "no component '" + query.componentId() + "' on the server")).folderId());
        }
        if (query.jobId() != null) {
            Job job = repository.job(query.jobId()).orElseThrow(() -> new ServerException(Kind.NOT_FOUND,
                    "no job '" + query.jobId() + "' on the server"));
            requireComponentInScope(job.componentId(), scope);
        }
    }

    private AdminRunDetail runInScope(String runId, AdminScope scope) throws ServerException {
        AdminRunDetail run = services.repository().run(runId).orElseThrow(() -> new ServerException(Kind.NOT_FOUND,
                "no run " + runId + " on the server"));
        requireComponentInScope(run.summary().componentId(), scope);
        return run;
    }

    private void requireComponentInScope(String componentId, AdminScope scope) throws ServerException {
        Component component = services.repository().component(componentId).orElse(null);
        if (component == null) {
            scope.requireEverything("a run of a component the server no longer has");
        } else {
            scope.require(component.folderId());
        }
    }
}
