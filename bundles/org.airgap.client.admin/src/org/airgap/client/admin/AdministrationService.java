package org.airgap.client.admin;

import java.io.IOException;
import java.util.List;
import java.nio.file.Path;

import org.airgap.protocol.AdminOverview;
import org.airgap.protocol.AdminRunDetail;
import org.airgap.protocol.AdminRunPage;
import org.airgap.protocol.Assignment;
import org.airgap.protocol.NewUser;
import org.airgap.protocol.PlantJob;
import org.airgap.protocol.OpenSession;
import org.airgap.protocol.Role;
import org.airgap.protocol.SessionsEnded;
import org.airgap.protocol.UserAccount;
import org.airgap.protocol.AdminVersion;
import org.airgap.protocol.SnapshotCompare;
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

    // --- Users and assignments view (org.airgap.client.admin.users)

    /** GET /api/admin/users: every user with role, state, folder scope and last login. */
    List<UserAccount> users(ClientSession session, IProgressMonitor monitor) throws IOException;

    /** POST /api/admin/users: adds a user; the server checks the name and the password's length. */
    UserAccount addUser(ClientSession session, NewUser user, IProgressMonitor monitor) throws IOException;

    /** POST /api/admin/users/&lt;name&gt;/disable: their sessions end at once (the last administrator: 409). */
    UserAccount disableUser(ClientSession session, String name, IProgressMonitor monitor) throws IOException;

    /** POST /api/admin/users/&lt;name&gt;/enable. */
    UserAccount enableUser(ClientSession session, String name, IProgressMonitor monitor) throws IOException;

    /** POST /api/admin/users/&lt;name&gt;/password: a new password; the user's sessions end. */
    UserAccount resetPassword(ClientSession session, String name, char[] password, IProgressMonitor monitor)
            throws IOException;

    /** POST /api/admin/users/&lt;name&gt;/role: the user's sessions end. */
    UserAccount changeRole(ClientSession session, String name, Role role, IProgressMonitor monitor) throws IOException;

    /** GET /api/admin/sessions: the open sessions, the oldest login first (never a token). */
    List<OpenSession> openSessions(ClientSession session, IProgressMonitor monitor) throws IOException;

    /** POST /api/admin/sessions/end: every open session but this one ends at once. */
    SessionsEnded endAllSessions(ClientSession session, IProgressMonitor monitor) throws IOException;

    /** POST /api/admin/users/&lt;name&gt;/scope: an administrator's folders (empty: the whole plant). */
    UserAccount changeScope(ClientSession session, String name, List<String> folders, IProgressMonitor monitor)
            throws IOException;

    /** GET /api/admin/jobs: the jobs the administrator manages, each with the users it is assigned to. */
    List<PlantJob> jobs(ClientSession session, IProgressMonitor monitor) throws IOException;

    /** GET /api/admin/assignments?user=&lt;name&gt;: the jobs assigned to one technician ({@code null}: all). */
    List<Assignment> assignments(ClientSession session, String user, IProgressMonitor monitor) throws IOException;

    /** POST /api/admin/assignments: assigns the job to the technician → the job's assignments afterwards. */
    List<Assignment> assign(ClientSession session, String jobId, String user, IProgressMonitor monitor)
            throws IOException;

    /** POST /api/admin/assignments/remove: the technician's reads of the job stop → the job's assignments. */
    List<Assignment> unassign(ClientSession session, String jobId, String user, IProgressMonitor monitor)
            throws IOException;

    // --- the Versions view (org.airgap.client.admin.versions)

    /** GET /api/admin/versions/&lt;component&gt;: the component's versions, newest first. */
    List<AdminVersion> versions(ClientSession session, String componentId, IProgressMonitor monitor)
            throws IOException;

    /** POST /api/admin/versions/&lt;component&gt;/&lt;number&gt;/comment: replaces the comment; the version as changed. */
    AdminVersion commentVersion(ClientSession session, String componentId, int number, String comment,
            IProgressMonitor monitor) throws IOException;

    /**
     * POST /api/admin/runs/&lt;id&gt;/checkin: the run's backup becomes its component's next version; the server
     * refuses (409, with the reason) a run that is a version already, stale, failed or without a backup.
     */
    AdminVersion checkIn(ClientSession session, String runId, String comment, IProgressMonitor monitor)
            throws IOException;

    /**
     * GET /api/admin/compare: two snapshots of the component compared on the server, {@code left} the basis.
     *
     * @param left  {@code vN} (version N) or {@code run:<id>}
     * @param right likewise
     * @param path  only this file's differences; {@code null} for the server's first ones
     */
    SnapshotCompare compare(ClientSession session, String componentId, String left, String right, String path,
            IProgressMonitor monitor) throws IOException;

    /**
     * GET /api/components/&lt;component&gt;/versions/&lt;number&gt;/archive streamed into {@code target} (tar.gz): written
     * to a temporary file beside it and renamed only when complete, so a cancelled or broken download leaves
     * {@code target} as it was. The monitor's subtask says how many bytes arrived.
     *
     * @return the archive's size in bytes
     */
    long downloadVersion(ClientSession session, String componentId, int number, Path target,
            IProgressMonitor monitor) throws IOException;

    // --- Server audit trail view (org.airgap.client.admin.audit)

    /**
     * GET /api/admin/audit with the filter's query: one page of the server's audit trail and the laptops' trails,
     * oldest or newest first as the filter says, with the check of each trail asked for (administrators of the
     * whole plant only).
     */
    org.airgap.protocol.AuditPage auditTrail(ClientSession session, AuditTrailFilter filter, IProgressMonitor monitor)
            throws IOException;

    /** GET /api/admin/audit/verify: whether each trail of {@code source} verifies, the server's first. */
    java.util.List<org.airgap.protocol.AuditTrailCheck> verifyAuditTrails(ClientSession session,
            AuditTrailFilter.Source source, IProgressMonitor monitor) throws IOException;

    // Plant view (org.airgap.client.admin.plant): folders, components and jobs on the server (docs/administration.md,
    // "The plant"); a refusal (a folder not empty, a move into itself, a purge of an active component) arrives as a
    // ServerCallException with the server's words.

    /** GET /api/admin/folders: every folder the administrator looks after. */
    java.util.List<org.airgap.model.Folder> folders(ClientSession session, IProgressMonitor monitor)
            throws IOException;

    /** GET /api/admin/components ({@code archived}: with the archived ones). */
    java.util.List<org.airgap.protocol.PlantComponent> components(ClientSession session, boolean archived,
            IProgressMonitor monitor) throws IOException;

    /** GET /api/admin/jobs ({@code archived}: with the archived ones and those of archived components). */
    java.util.List<PlantJob> jobs(ClientSession session, boolean archived, IProgressMonitor monitor)
            throws IOException;

    /** POST /api/admin/folders: a new folder ({@code parentId} null: at the top level). */
    org.airgap.model.Folder createFolder(ClientSession session, org.airgap.model.Folder folder,
            IProgressMonitor monitor) throws IOException;

    /** PUT /api/admin/folders/&lt;id&gt;: the folder's new name (its parent changes only by a move). */
    org.airgap.model.Folder changeFolder(ClientSession session, org.airgap.model.Folder folder,
            IProgressMonitor monitor) throws IOException;

    /** POST /api/admin/folders/&lt;id&gt;/move: into folder {@code to}, or to the top level when it is null. */
    org.airgap.model.Folder moveFolder(ClientSession session, String id, String to, IProgressMonitor monitor)
            throws IOException;

    /** DELETE /api/admin/folders/&lt;id&gt;: an empty folder goes; one that holds anything is refused (409). */
    org.airgap.protocol.PlantDeletion deleteFolder(ClientSession session, String id, IProgressMonitor monitor)
            throws IOException;

    /** POST /api/admin/components: a new component in its folder. */
    org.airgap.model.Component createComponent(ClientSession session, org.airgap.model.Component component,
            IProgressMonitor monitor) throws IOException;

    /** PUT /api/admin/components/&lt;id&gt;: name, device type and connection (its folder changes by a move). */
    org.airgap.model.Component changeComponent(ClientSession session, org.airgap.model.Component component,
            IProgressMonitor monitor) throws IOException;

    /** POST /api/admin/components/&lt;id&gt;/move: into folder {@code to}. */
    org.airgap.model.Component moveComponent(ClientSession session, String id, String to, IProgressMonitor monitor)
            throws IOException;

    /** DELETE /api/admin/components/&lt;id&gt;: removed, or archived when it has jobs, runs or versions. */
    org.airgap.protocol.PlantDeletion deleteComponent(ClientSession session, String id, IProgressMonitor monitor)
            throws IOException;

    /** POST /api/admin/components/&lt;id&gt;/restore: an archived component back, with its jobs. */
    org.airgap.model.Component restoreComponent(ClientSession session, String id, IProgressMonitor monitor)
            throws IOException;

    /** DELETE /api/admin/components/&lt;id&gt;?purge=true: an archived component with its jobs, runs and versions. */
    org.airgap.protocol.PlantDeletion purgeComponent(ClientSession session, String id, IProgressMonitor monitor)
            throws IOException;

    /** POST /api/admin/jobs: a new job of an existing component. */
    org.airgap.model.Job createJob(ClientSession session, org.airgap.model.Job job, IProgressMonitor monitor)
            throws IOException;

    /** PUT /api/admin/jobs/&lt;id&gt;: name, driver parameters and options. */
    org.airgap.model.Job changeJob(ClientSession session, org.airgap.model.Job job, IProgressMonitor monitor)
            throws IOException;

    /** DELETE /api/admin/jobs/&lt;id&gt;: removed, or archived when it has runs. */
    org.airgap.protocol.PlantDeletion deleteJob(ClientSession session, String id, IProgressMonitor monitor)
            throws IOException;

    /** POST /api/admin/jobs/&lt;id&gt;/restore: an archived job back, with its assignments. */
    org.airgap.model.Job restoreJob(ClientSession session, String id, IProgressMonitor monitor) throws IOException;
}
