package org.airgap.server.http.internal;

import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;

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

    /**
     * A component or job named by the filter must exist and be in the caller's folders, and so must a
     * folder-scoped administrator's page cursor (an administrator of the whole plant is told by the run list
     * when it names no run).
     */
    private void requireFilterInScope(RunQuery query, AdminScope scope) throws ServerException {
        ServerRepository repository = services.repository();
        if (query.componentId() != null) {
            requireNamed(scope, "component", query.componentId(), Optional.of(query.componentId())
                    .filter(id -> repository.component(id).isPresent()), () -> new ServerException(Kind.NOT_FOUND,
                            "no component '" + query.componentId() + "' on the server"));
        }
        if (query.jobId() != null) {
            requireNamed(scope, "job", query.jobId(), repository.job(query.jobId()).map(Job::componentId),
                    () -> new ServerException(Kind.NOT_FOUND, "no job '" + query.jobId() + "' on the server"));
        }
        if (query.after() != null && !scope.everything()) {
            String folder = repository.run(query.after()).flatMap(run -> repository.component(run.summary()
                    .componentId())).map(Component::folderId).orElse(null);
            if (folder == null || !scope.covers(folder)) {
                throw AdminScope.notInScope("run", query.after());
            }
        }
    }

    private AdminRunDetail runInScope(String runId, AdminScope scope) throws ServerException {
        Optional<AdminRunDetail> run = services.repository().run(runId);
        requireNamed(scope, "run", runId, run.map(r -> r.summary().componentId()), () -> new ServerException(
                Kind.NOT_FOUND, "no run " + runId + " on the server"));
        return run.orElseThrow();
    }

    /**
     * Checks what an id names through the component it belongs to ({@code componentId}, empty when the id
     * names nothing): an administrator of the whole plant passes whenever it exists (also when its component
     * is gone); for a folder-scoped one the component's folder must be theirs, and anything else answers as
     * an unknown id ({@link AdminScope#requireId}).
     */
    private void requireNamed(AdminScope scope, String kind, String id, Optional<String> componentId,
            Supplier<ServerException> unknown) throws ServerException {
        if (scope.everything()) {
            if (componentId.isEmpty()) {
                throw unknown.get();
            }
            return;
        }
        scope.requireId(kind, id, componentId.flatMap(services.repository()::component).map(Component::folderId)
                .orElse(null), unknown);
    }
}
