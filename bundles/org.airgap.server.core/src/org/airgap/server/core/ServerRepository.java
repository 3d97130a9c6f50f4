package org.airgap.server.core;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.airgap.audit.AuditEntry;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.Run;
import org.airgap.model.Version;
import org.airgap.protocol.AdminImport;
import org.airgap.protocol.Assignment;
import org.airgap.protocol.AdminRunDetail;
import org.airgap.protocol.AdminRunPage;
import org.airgap.protocol.AdminVersion;
import org.airgap.protocol.AdminOverview;
import org.airgap.protocol.AuditAck;
import org.airgap.protocol.AuditPage;
import org.airgap.protocol.AuditTrailCheck;
import org.airgap.protocol.CommitResult;
import org.airgap.protocol.GcResult;
import org.airgap.protocol.ImportReport;
import org.airgap.protocol.JobSummary;
import org.airgap.protocol.RetentionPolicy;
import org.airgap.protocol.RetentionSetting;
import org.airgap.protocol.Role;
import org.airgap.protocol.UserAccount;
import org.airgap.protocol.UserInfo;
import org.airgap.store.ContentStore;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The server's data: metadata in an embedded H2 database (migrated on start), contents in the
 * content-addressed store. Every change is one transaction.
 */
@ProviderType
public interface ServerRepository {

    ServerSettings settings();

    ContentStore store();

    // --- users

    /** @throws ServerException CONFLICT when the user exists, BAD_REQUEST for an invalid name or empty password */
    UserInfo addUser(String name, Role role, char[] password) throws ServerException;

    /** The user when the password is right; empty for a wrong password or an unknown user. */
    Optional<UserInfo> checkPassword(String name, char[] password);

    Optional<UserInfo> user(String name);

    List<UserInfo> users();

    // --- definitions

    /**
     * Creates or updates the folders, components, jobs and assignments of {@code definitions}; the same
     * definitions twice change nothing.
     *
     * @throws ServerException BAD_REQUEST naming the item that refers to something unknown (a component's
     *                         folder, a job's component, an assignment's job or user); nothing is changed
     */
    ImportReport importDefinitions(AdminImport definitions) throws ServerException;

    /** The jobs assigned to {@code user} (an administrator: all jobs), with their components and folders. */
    Definitions definitionsFor(UserInfo user);

    /** Every job {@code user} may see (an administrator: all), for listing. */
    List<JobSummary> jobSummaries(UserInfo user);

    Optional<Job> job(String jobId);

    Optional<Component> component(String componentId);

    /** Whether {@code user} may see and upload runs of the job (assigned, or an administrator). */
    boolean mayAccess(UserInfo user, String jobId);

    // --- the plant, administered on the running server

    /**
     * Folders, components and jobs as the administrator creates, changes, moves, archives and deletes them.
     *
     * @since 0.2
     */
    Plant plant();

    // --- runs and versions

    Optional<Version> latestVersion(String componentId);

    List<Version> versions(String componentId);

    Optional<Version> version(String componentId, int number);

    /** The snapshot of the component's latest backup, by the server's commit time (run times are the laptop's). */
    Optional<String> latestBackupSnapshot(String componentId);

    /** The result of an earlier commit of the run, if it was committed. */
    Optional<CommitResult> committed(String runId);

    /** Whose run of which job and snapshot was committed under the id, if one was. */
    Optional<CommittedRun> committedRun(String runId);

    /**
     * Stores the run, its results, and (when {@code createVersion}) a new version of its snapshot with the
     * next number, in one transaction. Idempotent: a run committed before returns its stored result and
     * changes nothing. The run's snapshot must be in the store.
     */
    CommitResult commit(Run run, String user, CommitResult results, boolean createVersion, String comment)
            throws ServerException;

    /**
     * {@link #commit(Run, String, CommitResult, boolean, String)}, recording with the run how far the
     * laptop's clock was off (its clock minus the server's; {@code null} when the laptop did not say).
     *
     * @since 0.2
     */
    CommitResult commit(Run run, String user, Duration clockSkew, CommitResult results, boolean createVersion,
            String comment) throws ServerException;

    /**
     * How far the clock of the laptop that uploaded the run was off (its clock minus the server's), when
     * it said; empty for unknown runs.
     *
     * @since 0.2
     */
    Optional<Duration> clockSkew(String runId);

    // --- audit

    /**
     * Keeps each entry once (by its hash), with its own user as written and, apart, {@code uploader}.
     *
     * @throws ServerException BAD_REQUEST naming the first entry whose hash is not its content's or that does
     *                         not continue its laptop's trail (a gap or a fork); nothing of the batch is stored
     */
    AuditAck storeAudit(String uploader, List<AuditEntry> entries) throws ServerException;

    /** Keeps a login attempt in the server's own audit trail (not among the laptops' entries). */
    void recordLogin(String user, String clientAddress, LoginRecord.Outcome outcome);

    /** The latest {@code limit} login attempts, newest first. */
    List<LoginRecord> logins(int limit);

    /**
     * Keeps an administrator's action that changes nothing the repository stores (such as ending every
     * session) in the server's own audit trail: {@code user} did {@code action} (an upper-case word) on
     * {@code subject}; {@code details} say what happened.
     *
     * @since 0.2
     */
    void recordAdministration(String user, String action, String subject, String details);

    // --- user administration and assignments (issue 13: every change is audited in its transaction)

    /** Every user with disabled flag, folder scope and last login, by name. @since 0.2 */
    List<UserAccount> accounts();

    /** @since 0.2 */
    Optional<UserAccount> account(String name);

    /**
     * Adds a user as {@code actor}; {@code folders} scope an administrator (empty: the whole plant).
     *
     * @throws ServerException CONFLICT when the user exists, BAD_REQUEST for an invalid name, an empty
     *                         password, an unknown folder or folders for a technician
     * @since 0.2
     */
    UserAccount addUser(String actor, String name, Role role, char[] password, List<String> folders)
            throws ServerException;

    /**
     * Disables (the user can no longer log in; the caller ends their sessions) or enables a user.
     *
     * @throws ServerException NOT_FOUND for an unknown user, BAD_REQUEST for disabling oneself, CONFLICT for
     *                         the last enabled administrator of the whole plant
     * @since 0.2
     */
    UserAccount setDisabled(String actor, String name, boolean disabled) throws ServerException;

    /** @throws ServerException NOT_FOUND for an unknown user, BAD_REQUEST for an empty password @since 0.2 */
    UserAccount resetPassword(String actor, String name, char[] password) throws ServerException;

    /**
     * Changes the role; a folder scope ends with it.
     *
     * @throws ServerException NOT_FOUND, CONFLICT for the last enabled administrator of the whole plant
     * @since 0.2
     */
    UserAccount changeRole(String actor, String name, Role role) throws ServerException;

    /**
     * Scopes an administrator to {@code folders} and their descendants (empty: the whole plant).
     *
     * @throws ServerException NOT_FOUND, BAD_REQUEST for a technician or an unknown folder, CONFLICT for the
     *                         last enabled administrator of the whole plant
     * @since 0.2
     */
    UserAccount scopeUser(String actor, String name, List<String> folders) throws ServerException;

    /** The part of the plant the administrator {@code name} manages. @since 0.2 */
    AdminScope adminScope(String name);

    /** Those of {@code names} who may not log in: disabled or unknown. @since 0.2 */
    List<String> refusedLogins(List<String> names);

    /** The assignments, of one job and/or one user when not {@code null}. @since 0.2 */
    List<Assignment> assignments(String jobId, String user);

    /**
     * Assigns the job to the technicians {@code users}; answers the job's assignments.
     *
     * @throws ServerException NOT_FOUND for an unknown job or user, BAD_REQUEST for an administrator
     * @since 0.2
     */
    List<Assignment> assign(String actor, String jobId, List<String> users) throws ServerException;

    /** Removes the assignments; answers the job's remaining ones. @throws ServerException NOT_FOUND @since 0.2 */
    List<Assignment> unassign(String actor, String jobId, List<String> users) throws ServerException;

    /**
     * A page of the audit trails, the server's own and the laptops' as {@code filter} says, with each of
     * their hash chains verified.
     *
     * @throws ServerException BAD_REQUEST for an {@code after} that is not a page's {@code next}
     * @since 0.2
     */
    AuditPage auditTrail(AuditFilter filter) throws ServerException;

    /**
     * {@link #auditTrail(AuditFilter)}, newest entry first when {@code newestFirst}: its {@code next} continues
     * with older entries (the workbench's audit view reads it so).
     *
     * @throws ServerException BAD_REQUEST for an {@code after} that is not a page's {@code next}
     * @since 0.2
     */
    AuditPage auditTrail(AuditFilter filter, boolean newestFirst) throws ServerException;

    /**
     * Verifies the hash chains of the audit trails of {@code source}: the server's first, then each trail
     * laptops uploaded.
     *
     * @since 0.2
     */
    List<AuditTrailCheck> verifyAuditTrails(AuditFilter.Source source);

    // --- run history and versions (administration)

    /**
     * A page of the committed runs {@code query} asks for, newest backup first, of the components in
     * {@code scope}'s folders.
     *
     * @throws ServerException BAD_REQUEST when the query's cursor names no run
     * @since 0.2
     */
    AdminRunPage runs(RunQuery query, AdminScope scope) throws ServerException;

    /** A committed run in full, with its log; empty for an unknown id. @since 0.2 */
    Optional<AdminRunDetail> run(String runId);

    /** The component's versions, newest first, each with the run it came from. @since 0.2 */
    List<AdminVersion> versionHistory(String componentId);

    /**
     * Makes the committed run's backup the component's next version by hand, audited as {@code user}'s
     * VERSION_CHECKIN in the same transaction.
     *
     * @throws ServerException NOT_FOUND for an unknown run; CONFLICT naming the reason for a run that did not
     *                         succeed, has no backup or no longer its snapshot, is a version already, or is
     *                         older than the backup the latest version came from; BAD_REQUEST for a bad comment
     * @since 0.2
     */
    AdminVersion checkIn(String runId, String comment, String user) throws ServerException;

    /**
     * Replaces a version's comment, audited as {@code user}'s VERSION_COMMENT in the same transaction.
     *
     * @throws ServerException NOT_FOUND for an unknown version, BAD_REQUEST for a bad comment
     * @since 0.2
     */
    AdminVersion commentVersion(String componentId, int number, String comment, String user) throws ServerException;

    // --- compare and overview

    /**
     * Version {@code number} of the component with the run and job it came from.
     *
     * @since 0.2
     */
    Optional<SnapshotOrigin> versionOrigin(String componentId, int number);

    /**
     * An uploaded run with its component, job and snapshot.
     *
     * @since 0.2
     */
    Optional<SnapshotOrigin> runOrigin(String runId);

    /**
     * The overview of the folders {@code scope} covers (docs/administration.md, "Overview"), ages measured
     * to the server's clock; its {@code pendingUploads} are empty (the upload area knows them).
     *
     * @since 0.2
     */
    AdminOverview overview(AdminScope scope);

    // --- retention and garbage collection (issue 13, "Retention")

    /**
     * The retention policies set, each as its own {@link RetentionSetting}, folders first.
     *
     * @since 0.2
     */
    List<RetentionSetting> retentionPolicies();

    /**
     * The policy that applies to a folder or component ({@code kind} {@link RetentionSetting#FOLDER} or
     * {@link RetentionSetting#COMPONENT}): its own or the nearest one up the folder tree.
     *
     * @throws ServerException NOT_FOUND for an unknown folder or component, BAD_REQUEST for another kind
     * @since 0.2
     */
    RetentionSetting retention(String kind, String id) throws ServerException;

    /**
     * Sets the target's own policy (replacing one set before), recorded in the audit trail as {@code user}'s.
     *
     * @return the setting that now applies there
     * @throws ServerException BAD_REQUEST for a policy out of range, NOT_FOUND for an unknown target
     * @since 0.2
     */
    RetentionSetting setRetention(String kind, String id, RetentionPolicy policy, String user) throws ServerException;

    /**
     * Removes the target's own policy, recorded in the audit trail as {@code user}'s.
     *
     * @return the setting that applies there afterwards (inherited, or keep everything)
     * @throws ServerException NOT_FOUND when the target is unknown or has no policy of its own
     * @since 0.2
     */
    RetentionSetting clearRetention(String kind, String id, String user) throws ServerException;

    /**
     * Applies the retention policies and removes the manifests and blobs nothing kept names, while uploads
     * and syncs go on; a dry run only counts. Recorded in the audit trail (action {@code GC}) as {@code user}'s.
     *
     * @param uploads what the uploads in progress name, and the lock their plans and commits share
     * @throws ServerException CONFLICT while another gc runs
     * @since 0.2
     */
    GcResult collectGarbage(String user, boolean dryRun, UploadsInProgress uploads) throws ServerException,
            IOException;

    /**
     * Holds a stored snapshot for a reader outside the database's view (an archive being streamed): gc keeps
     * its manifest and blobs until the hold is closed, even if retention drops what named it meanwhile. Taking
     * it waits only for a gc's sweep in progress; holding it stalls neither gc nor uploads.
     *
     * @param what names the snapshot in the refusal, such as "version 3 of component 'plc-7'"
     * @throws ServerException CONFLICT, naming {@code what}, when the snapshot is no longer whole in the store
     *                         (gc removed it): refused before the reader has sent anything
     * @since 0.2
     */
    SnapshotHold holdSnapshot(String snapshotId, String what) throws ServerException, IOException;

    // --- client updates served by the server (issue 18)

    /**
     * Records in the server's audit trail an administrative change made outside the database, such as
     * publishing client updates in the data directory: {@code user} did {@code action} (an upper-case word,
     * {@code UPDATES_PUBLISH}) on {@code subject}; {@code details} say what changed. Called once the change is
     * complete.
     *
     * @since 0.2
     */
    void recordChange(String user, String action, String subject, String details) throws ServerException;

    // --- laptop keys (issue 12, "Signed by the laptop, checked by the server")

    /**
     * The laptops' registered keys.
     *
     * @since 0.2
     */
    Laptops laptops();

    /**
     * {@link #commit(Run, String, Duration, CommitResult, boolean, String)} keeping who ran the run and how its
     * laptop signed it ({@code origin}).
     *
     * @since 0.2
     */
    CommitResult commit(Run run, String user, Duration clockSkew, CommitResult results, boolean createVersion,
            String comment, RunOrigin origin) throws ServerException;

    /**
     * A committed run as far as its id's owner goes: a run id names one run of one job and snapshot,
     * uploaded by one user.
     *
     * @param snapshotId {@code null} for a run without a backup
     */
    record CommittedRun(String jobId, String snapshotId, String user) {
    }

    /** What the server syncs to one user. */
    record Definitions(List<Folder> folders, List<Component> components, List<Job> jobs) {
        public Definitions {
            folders = List.copyOf(folders);
            components = List.copyOf(components);
            jobs = List.copyOf(jobs);
        }
    }
}
