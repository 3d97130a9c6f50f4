package org.airgap.server.http.internal;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.airgap.model.Job;
import org.airgap.protocol.Api;
import org.airgap.protocol.JobSummary;
import org.airgap.protocol.Role;
import org.airgap.protocol.UserInfo;
import org.airgap.server.core.ServerException;

import javax.servlet.Servlet;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /api/jobs}: the jobs the caller may see (a technician: those assigned to them; an administrator:
 * those in their folders).
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(Api.JOBS)
public class JobsServlet extends JsonEndpoint {

    private static final long serialVersionUID = 1L;

    @Activate
    public JobsServlet(@Reference ApiServices services) {
        super(services);
    }

    @Override
    void get(Exchange exchange) throws ServerException, IOException {
        UserInfo user = exchange.user();
        List<JobSummary> jobs = services.repository().jobSummaries(user);
        if (user.role() == Role.ADMIN) {
            // A folder-scoped administrator lists the jobs in their folders only.
            Set<String> visible = services.access().definitions(user).jobs().stream().map(Job::id)
                    .collect(Collectors.toSet());
            jobs = jobs.stream().filter(job -> visible.contains(job.id())).toList();
        }
        exchange.sendOk(jobs);
    }
}
