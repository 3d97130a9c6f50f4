package org.airgap.server.http.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.servlet.Servlet;

import org.airgap.model.Component;
import org.airgap.model.Job;
import org.airgap.protocol.Api;
import org.airgap.protocol.Assignment;
import org.airgap.protocol.AssignmentChange;
import org.airgap.server.core.AdminScope;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.airgap.server.core.ServerRepository;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code /api/admin/assignments} (administrators, within their folders): GET lists assignments
 * ({@code ?job=ID}, {@code ?user=NAME}), POST an {@link AssignmentChange} assigns, POST to
 * {@code /api/admin/assignments/remove} removes. A folder-scoped administrator sees and changes only the
 * assignments of jobs in their folders. A removed assignment ends the technician's reads at once: what
 * {@link Access} cached for them is dropped.
 */
@org.osgi.service.component.annotations.Component(service = Servlet.class)
@HttpWhiteboardServletPattern(Api.ADMIN_ASSIGNMENTS + "/*")
public class AdminAssignmentsServlet extends JsonEndpoint {

    private static final long serialVersionUID = 1L;
    private static final int MAX_BODY_BYTES = 64 * 1024;

    @Activate
    public AdminAssignmentsServlet(@Reference ApiServices services) {
        super(services);
    }

    @Override
    void get(Exchange exchange) throws ServerException, IOException {
        AdminScope scope = exchange.adminScope();
        if (exchange.pathSegments().length != 0) {
            throw noSuchPath(exchange);
        }
        ServerRepository repository = services.repository();
        List<Assignment> assignments = repository.assignments(exchange.queryParameter("job"),
                exchange.queryParameter("user"));
        if (!scope.everything()) {
            Map<String, Optional<String>> folderOfJob = new HashMap<>();
            List<Assignment> covered = new ArrayList<>();
            for (Assignment assignment : assignments) {
                Optional<String> folder = folderOfJob.computeIfAbsent(assignment.jobId(), this::folderOf);
                if (folder.isPresent() && scope.covers(folder.get())) {
                    covered.add(assignment);
                }
            }
            assignments = covered;
        }
        exchange.sendOk(assignments);
    }

    @Override
    void post(Exchange exchange) throws ServerException, IOException {
        AdminScope scope = exchange.adminScope();
        String[] path = exchange.pathSegments();
        boolean remove = path.length == 1 && path[0].equals("remove");
        if (path.length != 0 && !remove) {
            throw noSuchPath(exchange);
        }
        AssignmentChange change = exchange.readJson(AssignmentChange.class, MAX_BODY_BYTES);
        if (change == null || change.jobId() == null) {
            throw new ServerException(Kind.BAD_REQUEST, "an assignment change needs \"jobId\" and \"users\"");
        }
        scope.requireId("job", change.jobId(), folderOf(change.jobId()).orElse(null), () -> new ServerException(
                Kind.NOT_FOUND, "no job '" + change.jobId() + "' on the server"));
        String actor = exchange.session().user();
        List<Assignment> result;
        if (remove) {
            result = services.repository().unassign(actor, change.jobId(), change.users());
            change.users().forEach(services.access()::forget);
        } else {
            result = services.repository().assign(actor, change.jobId(), change.users());
        }
        exchange.sendOk(result);
    }

    /** The folder of the job's component; empty for an unknown job. */
    private Optional<String> folderOf(String jobId) {
        ServerRepository repository = services.repository();
        return repository.job(jobId).map(Job::componentId).flatMap(repository::component).map(Component::folderId);
    }
}
