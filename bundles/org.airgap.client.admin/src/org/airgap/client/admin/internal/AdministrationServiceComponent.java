package org.airgap.client.admin.internal;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.airgap.client.admin.AdministrationService;
import org.airgap.client.admin.RunFilter;
import org.airgap.protocol.AdminOverview;
import org.airgap.protocol.AdminRunDetail;
import org.airgap.protocol.AdminRunPage;
import org.airgap.protocol.AdminVersion;
import org.airgap.protocol.CommentRequest;
import org.airgap.protocol.SnapshotCompare;
import org.airgap.protocol.Api;
import org.airgap.protocol.Assignment;
import org.airgap.protocol.AssignmentChange;
import org.airgap.protocol.NewUser;
import org.airgap.protocol.PlantJob;
import org.airgap.protocol.OpenSession;
import org.airgap.protocol.Role;
import org.airgap.protocol.SessionsEnded;
import org.airgap.protocol.UserAccount;
import org.airgap.protocol.UserChange;
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
    private final PlantRequests plant;

    @Activate
    public AdministrationServiceComponent(@Reference SessionService sessions) {
        this.calls = new CancellableCalls(sessions);
        this.plant = new PlantRequests(calls);
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

    // --- Users and assignments view (org.airgap.client.admin.users)

    @Override
    public List<UserAccount> users(ClientSession session, IProgressMonitor monitor) throws IOException {
        return calls.call(session, monitor, "Reading users from the server",
                client -> client.getJsonList(Api.ADMIN_USERS, UserAccount.class));
    }

    @Override
    public List<OpenSession> openSessions(ClientSession session, IProgressMonitor monitor) throws IOException {
        return calls.call(session, monitor, "Reading the open sessions from the server",
                client -> client.getJsonList(Api.ADMIN_SESSIONS, OpenSession.class));
    }

    @Override
    public SessionsEnded endAllSessions(ClientSession session, IProgressMonitor monitor) throws IOException {
        return calls.call(session, monitor, "Ending every other session",
                client -> client.postJson(Api.ADMIN_SESSIONS + Api.END_SUFFIX, null, SessionsEnded.class));
    }

    @Override
    public UserAccount addUser(ClientSession session, NewUser user, IProgressMonitor monitor) throws IOException {
        return calls.call(session, monitor, "Adding user " + user.name(),
                client -> client.postJson(Api.ADMIN_USERS, user, UserAccount.class));
    }

    @Override
    public UserAccount disableUser(ClientSession session, String name, IProgressMonitor monitor) throws IOException {
        return changeUser(session, name, "disable", new UserChange(null, null, null), monitor);
    }

    @Override
    public UserAccount enableUser(ClientSession session, String name, IProgressMonitor monitor) throws IOException {
        return changeUser(session, name, "enable", new UserChange(null, null, null), monitor);
    }

    @Override
    public UserAccount resetPassword(ClientSession session, String name, char[] password, IProgressMonitor monitor)
            throws IOException {
        return changeUser(session, name, "password", new UserChange(null, new String(password), null), monitor);
    }

    @Override
    public UserAccount changeRole(ClientSession session, String name, Role role, IProgressMonitor monitor)
            throws IOException {
        return changeUser(session, name, "role", new UserChange(role, null, null), monitor);
    }

    @Override
    public UserAccount changeScope(ClientSession session, String name, List<String> folders, IProgressMonitor monitor)
            throws IOException {
        return changeUser(session, name, "scope", new UserChange(null, null, List.copyOf(folders)), monitor);
    }

    private UserAccount changeUser(ClientSession session, String name, String change, UserChange body,
            IProgressMonitor monitor) throws IOException {
        String path = Api.ADMIN_USER + segment(name, "user name") + "/" + change;
        return calls.call(session, monitor, "Changing user " + name + " (" + change + ")",
                client -> client.postJson(path, body, UserAccount.class));
    }

    @Override
    public List<PlantJob> jobs(ClientSession session, IProgressMonitor monitor) throws IOException {
        return calls.call(session, monitor, "Reading jobs from the server",
                client -> client.getJsonList(Api.ADMIN_JOBS, PlantJob.class));
    }

    @Override
    public List<Assignment> assignments(ClientSession session, String user, IProgressMonitor monitor)
            throws IOException {
        String path = Api.ADMIN_ASSIGNMENTS + (user == null ? "" : "?user=" + segment(user, "user name"));
        return calls.call(session, monitor, "Reading assignments from the server",
                client -> client.getJsonList(path, Assignment.class));
    }

    @Override
    public List<Assignment> assign(ClientSession session, String jobId, String user, IProgressMonitor monitor)
            throws IOException {
        return changeAssignment(session, Api.ADMIN_ASSIGNMENTS, jobId, user, "Assigning ", monitor);
    }

    @Override
    public List<Assignment> unassign(ClientSession session, String jobId, String user, IProgressMonitor monitor)
            throws IOException {
        return changeAssignment(session, Api.ADMIN_UNASSIGN, jobId, user, "Unassigning ", monitor);
    }

    private List<Assignment> changeAssignment(ClientSession session, String path, String jobId, String user,
            String what, IProgressMonitor monitor) throws IOException {
        segment(jobId, "job id");
        segment(user, "user name");
        AssignmentChange change = new AssignmentChange(jobId, List.of(user));
        return calls.call(session, monitor, what + jobId + " / " + user,
                client -> Arrays.asList(client.postJson(path, change, Assignment[].class)));
    }

    /** One path segment or query value: a name cannot add segments or parameters. */
    static String segment(String value, String what) {
        if (value == null || value.isBlank() || value.length() > MAX_ID) {
            throw new IllegalArgumentException("not a " + what + ": '" + value + "'");
        }
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // --- the Versions view (org.airgap.client.admin.versions)

    @Override
    public List<AdminVersion> versions(ClientSession session, String componentId, IProgressMonitor monitor)
            throws IOException {
        String path = Api.ADMIN_VERSIONS + "/" + segment(componentId, "component id");
        return calls.call(session, monitor, "Reading the versions of " + componentId,
                client -> client.getJsonList(path, AdminVersion.class));
    }

    @Override
    public AdminVersion commentVersion(ClientSession session, String componentId, int number, String comment,
            IProgressMonitor monitor) throws IOException {
        String path = Api.ADMIN_VERSIONS + "/" + segment(componentId, "component id") + "/" + number + "/comment";
        return calls.call(session, monitor, "Changing the comment of version " + number + " of " + componentId,
                client -> client.postJson(path, new CommentRequest(comment), AdminVersion.class));
    }

    @Override
    public AdminVersion checkIn(ClientSession session, String runId, String comment, IProgressMonitor monitor)
            throws IOException {
        String path = Api.ADMIN_RUNS + "/" + segment(runId, "run id") + Api.CHECKIN_SUFFIX;
        return calls.call(session, monitor, "Checking in run " + runId,
                client -> client.postJson(path, new CommentRequest(comment), AdminVersion.class));
    }

    @Override
    public SnapshotCompare compare(ClientSession session, String componentId, String left, String right, String path,
            IProgressMonitor monitor) throws IOException {
        segment(componentId, "component id"); // checked as the other ids; the query encodes it
        Map<String, String> query = new LinkedHashMap<>();
        query.put("component", componentId);
        query.put("left", left);
        query.put("right", right);
        query.put("path", path);
        String request = Api.ADMIN_COMPARE + Api.query(query);
        return calls.call(session, monitor, "Comparing " + left + " and " + right + " of " + componentId,
                client -> client.getJson(request, SnapshotCompare.class));
    }

    @Override
    public long downloadVersion(ClientSession session, String componentId, int number, Path target,
            IProgressMonitor monitor) throws IOException {
        String path = Api.COMPONENTS + segment(componentId, "component id") + "/versions/" + number + "/archive";
        return VersionArchiveDownload.download(calls, session, path, "version " + number + " of " + componentId,
                target, monitor);
    }

    // --- Server audit trail view (org.airgap.client.admin.audit)

    @Override
    public org.airgap.protocol.AuditPage auditTrail(ClientSession session,
            org.airgap.client.admin.AuditTrailFilter filter, IProgressMonitor monitor) throws IOException {
        String path = Api.ADMIN_AUDIT + filter.query();
        return calls.call(session, monitor, "Reading the audit trail from the server",
                client -> client.getJson(path, org.airgap.protocol.AuditPage.class));
    }

    @Override
    public java.util.List<org.airgap.protocol.AuditTrailCheck> verifyAuditTrails(ClientSession session,
            org.airgap.client.admin.AuditTrailFilter.Source source, IProgressMonitor monitor) throws IOException {
        String path = Api.ADMIN_AUDIT_VERIFY + Api.query(java.util.Map.of("source", source.parameter()));
        return calls.call(session, monitor, "Verifying the audit trails on the server",
                client -> client.getJsonList(path, org.airgap.protocol.AuditTrailCheck.class));
    }

    // Plant view (org.airgap.client.admin.plant)

    @Override
    public List<org.airgap.model.Folder> folders(ClientSession session, IProgressMonitor monitor) throws IOException {
        return plant.folders(session, monitor);
    }

    @Override
    public List<org.airgap.protocol.PlantComponent> components(ClientSession session, boolean archived,
            IProgressMonitor monitor) throws IOException {
        return plant.components(session, archived, monitor);
    }

    @Override
    public List<PlantJob> jobs(ClientSession session, boolean archived, IProgressMonitor monitor) throws IOException {
        return plant.jobs(session, archived, monitor);
    }

    @Override
    public org.airgap.model.Folder createFolder(ClientSession session, org.airgap.model.Folder folder,
            IProgressMonitor monitor) throws IOException {
        return plant.create(session, Api.ADMIN_FOLDERS, folder, org.airgap.model.Folder.class,
                "folder " + folder.id(), monitor);
    }

    @Override
    public org.airgap.model.Folder changeFolder(ClientSession session, org.airgap.model.Folder folder,
            IProgressMonitor monitor) throws IOException {
        return plant.change(session, Api.ADMIN_FOLDERS, folder.id(), folder, org.airgap.model.Folder.class,
                "folder " + folder.id(), monitor);
    }

    @Override
    public org.airgap.model.Folder moveFolder(ClientSession session, String id, String to, IProgressMonitor monitor)
            throws IOException {
        return plant.move(session, Api.ADMIN_FOLDERS, id, to, org.airgap.model.Folder.class, "folder " + id, monitor);
    }

    @Override
    public org.airgap.protocol.PlantDeletion deleteFolder(ClientSession session, String id, IProgressMonitor monitor)
            throws IOException {
        return plant.delete(session, Api.ADMIN_FOLDERS, id, false, "folder " + id, monitor);
    }

    @Override
    public org.airgap.model.Component createComponent(ClientSession session, org.airgap.model.Component component,
            IProgressMonitor monitor) throws IOException {
        return plant.create(session, Api.ADMIN_COMPONENTS, component, org.airgap.model.Component.class,
                "component " + component.id(), monitor);
    }

    @Override
    public org.airgap.model.Component changeComponent(ClientSession session, org.airgap.model.Component component,
            IProgressMonitor monitor) throws IOException {
        return plant.change(session, Api.ADMIN_COMPONENTS, component.id(), component,
                org.airgap.model.Component.class, "component " + component.id(), monitor);
    }

    @Override
    public org.airgap.model.Component moveComponent(ClientSession session, String id, String to,
            IProgressMonitor monitor) throws IOException {
        return plant.move(session, Api.ADMIN_COMPONENTS, id, to, org.airgap.model.Component.class,
                "component " + id, monitor);
    }

    @Override
    public org.airgap.protocol.PlantDeletion deleteComponent(ClientSession session, String id,
            IProgressMonitor monitor) throws IOException {
        return plant.delete(session, Api.ADMIN_COMPONENTS, id, false, "component " + id, monitor);
    }

    @Override
    public org.airgap.model.Component restoreComponent(ClientSession session, String id, IProgressMonitor monitor)
            throws IOException {
        return plant.restore(session, Api.ADMIN_COMPONENTS, id, org.airgap.model.Component.class, "component " + id,
                monitor);
    }

    @Override
    public org.airgap.protocol.PlantDeletion purgeComponent(ClientSession session, String id,
            IProgressMonitor monitor) throws IOException {
        return plant.delete(session, Api.ADMIN_COMPONENTS, id, true, "component " + id, monitor);
    }

    @Override
    public org.airgap.model.Job createJob(ClientSession session, org.airgap.model.Job job, IProgressMonitor monitor)
            throws IOException {
        return plant.create(session, Api.ADMIN_JOBS, job, org.airgap.model.Job.class, "job " + job.id(), monitor);
    }

    @Override
    public org.airgap.model.Job changeJob(ClientSession session, org.airgap.model.Job job, IProgressMonitor monitor)
            throws IOException {
        return plant.change(session, Api.ADMIN_JOBS, job.id(), job, org.airgap.model.Job.class, "job " + job.id(),
                monitor);
    }

    @Override
    public org.airgap.protocol.PlantDeletion deleteJob(ClientSession session, String id, IProgressMonitor monitor)
            throws IOException {
        return plant.delete(session, Api.ADMIN_JOBS, id, false, "job " + id, monitor);
    }

    @Override
    public org.airgap.model.Job restoreJob(ClientSession session, String id, IProgressMonitor monitor)
            throws IOException {
        return plant.restore(session, Api.ADMIN_JOBS, id, org.airgap.model.Job.class, "job " + id, monitor);
    }
}
