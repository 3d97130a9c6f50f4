package org.airgap.server.http.internal;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.servlet.Servlet;

import org.airgap.model.Job;
import org.airgap.protocol.AdminOverview;
import org.airgap.protocol.AdminOverview.PendingUploads;
import org.airgap.protocol.Api;
import org.airgap.protocol.ProtocolJson;
import org.airgap.server.core.AdminScope;
import org.airgap.server.core.ServerException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

import com.google.gson.JsonParseException;

/**
 * {@code GET /api/admin/overview} (administrators): the plant tree with statuses rolled up, the jobs that
 * need attention, and the technicians whose uploads the server has planned but not received whole, all
 * within the caller's folders.
 */
@Component(service = Servlet.class)
@HttpWhiteboardServletPattern(Api.ADMIN_OVERVIEW)
public class AdminOverviewServlet extends JsonEndpoint {

    private static final long serialVersionUID = 1L;

    @Activate
    public AdminOverviewServlet(@Reference ApiServices services) {
        super(services);
    }

    @Override
    void get(Exchange exchange) throws ServerException, IOException {
        AdminScope scope = exchange.adminScope();
        AdminOverview overview = services.repository().overview(scope);
        Set<String> components = overview.components().stream().map(AdminOverview.Component::id)
                .collect(Collectors.toSet());
        exchange.sendOk(overview.withPendingUploads(pendingUploads(components)));
    }

    /** Per technician, the planned runs of jobs of {@code components} not committed yet. */
    private List<PendingUploads> pendingUploads(Set<String> components) throws IOException {
        Map<String, Optional<String>> componentOfJob = new HashMap<>();
        Map<String, List<Instant>> byUser = new HashMap<>();
        for (String json : services.uploads().allPending()) {
            PendingUpload pending;
            try {
                pending = ProtocolJson.read(json, PendingUpload.class);
            } catch (JsonParseException e) {
                LOG.warning("a pending upload of the upload area does not read back: " + e.getMessage());
                continue;
            }
            Optional<String> component = componentOfJob.computeIfAbsent(pending.run().jobId(),
                    job -> services.repository().job(job).map(Job::componentId));
            if (pending.user() != null && component.filter(components::contains).isPresent()) {
                // Plans saved by servers before 0.2 have no time: they count, but name no oldest.
                byUser.computeIfAbsent(pending.user(), user -> new ArrayList<>()).add(pending.received());
            }
        }
        List<PendingUploads> result = new ArrayList<>();
        byUser.forEach((user, times) -> result.add(new PendingUploads(user, times.size(),
                times.stream().filter(Objects::nonNull).min(Comparator.naturalOrder()).orElse(null))));
        result.sort(Comparator.comparing(PendingUploads::user));
        return result;
    }
}
