package org.airgap.server.http.internal;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.servlet.Servlet;

import org.airgap.model.Component;
import org.airgap.model.IgnoreRule;
import org.airgap.model.Job;
import org.airgap.protocol.Api;
import org.airgap.protocol.SnapshotCompare.Side;
import org.airgap.server.core.AdminScope;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.airgap.server.core.ServerRepository;
import org.airgap.server.core.SnapshotOrigin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.http.whiteboard.propertytypes.HttpWhiteboardServletPattern;

/**
 * {@code GET /api/admin/compare?component=C&left=REF&right=REF[&path=P]} (administrators of the component's
 * folder): two snapshots of the component compared, a REF being {@code vN} (version N) or
 * {@code run:<id>} (an uploaded run of the component). The ignore rules are those of the job whose run
 * made the right snapshot, else the left's.
 */
@org.osgi.service.component.annotations.Component(service = Servlet.class)
@HttpWhiteboardServletPattern(Api.ADMIN_COMPARE)
public class AdminCompareServlet extends JsonEndpoint {

    private static final long serialVersionUID = 1L;
    private static final Pattern VERSION = Pattern.compile("v([1-9][0-9]{0,8})");
    private static final String RUN_PREFIX = "run:";
    private static final int MAX_ID_LENGTH = 200;
    private static final int MAX_PATH_LENGTH = 4096;

    private final transient SnapshotComparer comparer;

    @Activate
    public AdminCompareServlet(@Reference ApiServices services) {
        super(services);
        this.comparer = new SnapshotComparer(services.compare(), services.repository().store());
    }

    @Override
    void get(Exchange exchange) throws ServerException, IOException {
        AdminScope scope = exchange.adminScope();
        ServerRepository repository = services.repository();
        String componentId = required(exchange, "component", MAX_ID_LENGTH);
        scope.requireId("component", componentId, repository.component(componentId).map(Component::folderId)
                .orElse(null), () -> new ServerException(Kind.NOT_FOUND, "no component " + componentId
                        + " on the server (airgap admin overview lists them)"));
        Side left = side(repository, componentId, required(exchange, "left", MAX_ID_LENGTH + RUN_PREFIX.length()));
        Side right = side(repository, componentId, required(exchange, "right", MAX_ID_LENGTH + RUN_PREFIX.length()));
        String path = exchange.queryParameter("path");
        if (path != null && (path.isEmpty() || path.length() > MAX_PATH_LENGTH)) {
            throw new ServerException(Kind.BAD_REQUEST, "path must be a snapshot path of 1 to " + MAX_PATH_LENGTH
                    + " characters");
        }
        String rulesJob = right.jobId() != null ? right.jobId() : left.jobId();
        Optional<Job> job = rulesJob == null ? Optional.empty() : repository.job(rulesJob);
        List<IgnoreRule> rules = job.map(j -> j.options().ignoreRules()).orElse(List.of());
        exchange.sendOk(comparer.compare(componentId, left, right, rules, job.map(Job::id).orElse(null), path));
    }

    private static String required(Exchange exchange, String name, int maxLength) throws ServerException {
        String value = exchange.queryParameter(name);
        if (value == null || value.isEmpty()) {
            throw new ServerException(Kind.BAD_REQUEST, "the compare needs ?component=ID&left=REF&right=REF, a REF"
                    + " being vN (version N) or run:ID (an uploaded run); " + name + " is missing");
        }
        if (value.length() > maxLength) {
            throw new ServerException(Kind.BAD_REQUEST, name + " is longer than " + maxLength + " characters");
        }
        return value;
    }

    /** The snapshot a REF names, which must be the component's. */
    static Side side(ServerRepository repository, String componentId, String ref) throws ServerException {
        Matcher version = VERSION.matcher(ref);
        Optional<SnapshotOrigin> origin;
        if (version.matches()) {
            int number = Integer.parseInt(version.group(1));
            origin = repository.versionOrigin(componentId, number);
            if (origin.isEmpty()) {
                throw new ServerException(Kind.NOT_FOUND, "component " + componentId + " has no version " + number
                        + " (airgap admin versions " + componentId + " lists them)");
            }
        } else if (ref.startsWith(RUN_PREFIX) && ref.length() > RUN_PREFIX.length()) {
            String runId = ref.substring(RUN_PREFIX.length());
            // A run of another component answers as an unknown one: its id says nothing about that component.
            origin = repository.runOrigin(runId).filter(run -> run.componentId().equals(componentId));
            if (origin.isEmpty()) {
                throw new ServerException(Kind.NOT_FOUND, "component " + componentId + " has no uploaded run "
                        + runId);
            }
        } else {
            throw new ServerException(Kind.BAD_REQUEST, "'" + ref + "' names no snapshot: give vN for version N"
                    + " or run:ID for an uploaded run");
        }
        SnapshotOrigin found = origin.get();
        return new Side(ref, found.snapshotId(), found.version(), found.runId(), found.jobId(), found.time(),
                found.user());
    }
}
