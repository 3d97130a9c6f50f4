package org.airgap.server.core.internal;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.airgap.audit.AuditEntry;
import org.airgap.model.Component;
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
import org.airgap.server.core.AuditFilter;
import org.airgap.server.core.AdminScope;
import org.airgap.server.core.LoginRecord;
import org.airgap.server.core.Plant;
import org.airgap.server.core.Laptops;
import org.airgap.server.core.RunOrigin;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.RunQuery;
import org.airgap.server.core.ServerRepository;
import org.airgap.server.core.ServerSettings;
import org.airgap.server.core.SnapshotOrigin;
import org.airgap.server.core.SnapshotHold;
import org.airgap.server.core.UploadsInProgress;
import org.airgap.store.ContentStore;
import org.airgap.store.ContentStores;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The server's metadata in an embedded H2 database file (schema: {@link Schema}), or in PostgreSQL when
 * server.ini names one (both opened by {@link RepositoryDatabase}), and its contents in the content store,
 * under the data directory of the {@link ServerSettings} service. This class opens and closes them; each
 * aggregate has its own class over the shared {@link Jdbc} helper: {@link Users}, {@link JobDefinitions}
 * (rules: {@link DefinitionChecks}), {@link RunsAndVersions}, {@link AuditEntries}, and for the administrator
 * {@link RunHistory} and {@link VersionCheckins}. The plant ({@link H2Plant}) and the laptops' keys
 * ({@link LaptopKeys}) are handed out whole by {@link #plant()} and {@link #laptops()}. Only the opening of the
 * database differs between H2 and PostgreSQL; the aggregates run the same SQL on both.
 */
@org.osgi.service.component.annotations.Component(service = ServerRepository.class)
public class H2ServerRepository implements ServerRepository {

    @Reference
    private ServerSettings settings;

    private final Clock clock;
    /** Closes the connection pool, H2's or PostgreSQL's; {@code null} when closed. */
    private Runnable closePool;
    private Jdbc jdbc;
    private ContentStore store;
    private Users users;
    private JobDefinitions definitions;
    private RunsAndVersions runs;
    private LaptopKeys laptops;
    private AuditEntries audit;
    private ServerAudit serverAudit;
    private H2Plant plant;
    private UserAdministration userAdministration;
    private Assignments assignments;
    private RunHistory runHistory;
    private VersionCheckins checkins;
    private SnapshotOrigins origins;
    private PlantOverviews overviews;
    private RetentionPolicies retention;
    private GarbageCollection garbage;
    private SnapshotHolds holds;

    public H2ServerRepository() {
        this(Clock.systemUTC());
    }

    H2ServerRepository(Clock clock) {
        this.clock = clock;
    }

    /** Opens the repository of {@code settings} outside DS (tests). */
    static H2ServerRepository open(ServerSettings settings, Clock clock) throws IOException, SQLException {
        H2ServerRepository repository = new H2ServerRepository(clock);
        repository.settings = settings;
        repository.activate();
        return repository;
    }

    @Activate
    void activate() throws IOException, SQLException {
        RepositoryDatabase database = RepositoryDatabase.open(settings, clock);
        closePool = database.close();
        jdbc = database.jdbc();
        boolean opened = false;
        try {
            jdbc.transaction(ServerAuditChain::chainUnchainedRows); // before any other writer of this node
            openAggregates();
            opened = true;
        } catch (ServerException e) {
            throw new IllegalStateException(e);
        } finally {
            if (!opened) { // on any failure after the pool opened: closed again, not leaked
                deactivate();
            }
        }
    }

    private void openAggregates() throws IOException {
        store = ServerContentStore.open(settings);
        users = new Users(jdbc, settings.passwordIterations());
        definitions = new JobDefinitions(jdbc);
        runs = new RunsAndVersions(jdbc, definitions, store);
        audit = new AuditEntries(jdbc);
        serverAudit = new ServerAudit(jdbc);
        plant = new H2Plant(jdbc);
        userAdministration = new UserAdministration(jdbc, users);
        assignments = new Assignments(jdbc);
        runHistory = new RunHistory(jdbc);
        holds = new SnapshotHolds(store);
        checkins = new VersionCheckins(jdbc, runs, holds);
        origins = new SnapshotOrigins(jdbc);
        overviews = new PlantOverviews(jdbc);
        retention = new RetentionPolicies(jdbc);
        garbage = new GarbageCollection(jdbc, store, holds);
        laptops = new LaptopKeys(jdbc);
    }

    @Deactivate
    void deactivate() {
        if (closePool != null) {
            jdbc.close();
            closePool.run();
            closePool = null;
        }
        ServerContentStore.close(store);
        store = null;
    }

    @Override
    public ServerSettings settings() {
        return settings;
    }

    @Override
    public ContentStore store() {
        return store;
    }

    /** The schema versions recorded in the database, ascending. */
    List<Integer> appliedSchemaVersions() {
        return jdbc.read(Schema::appliedVersions);
    }

    /** A read of the stored rows, for checks of what the aggregates wrote. */
    <T> T read(Jdbc.Query<T> query) {
        return jdbc.read(query);
    }

    /** The shared JDBC helper, for tests that write as the aggregates do (audit entries in their transaction). */
    Jdbc jdbc() {
        return jdbc;
    }

    // --- users

    @Override
    public UserInfo addUser(String name, Role role, char[] password) throws ServerException {
        return users.add(name, role, password);
    }

    @Override
    public Optional<UserInfo> checkPassword(String name, char[] password) {
        return users.checkPassword(name, password);
    }

    @Override
    public Optional<UserInfo> user(String name) {
        return users.user(name);
    }

    @Override
    public List<UserInfo> users() {
        return users.all();
    }

    // --- definitions

    @Override
    public ImportReport importDefinitions(AdminImport definitions) throws ServerException {
        return this.definitions.importAll(definitions);
    }

    @Override
    public Definitions definitionsFor(UserInfo user) {
        return definitions.visibleTo(user);
    }

    @Override
    public List<JobSummary> jobSummaries(UserInfo user) {
        return definitions.summaries(user);
    }

    @Override
    public Optional<Job> job(String jobId) {
        return definitions.job(jobId);
    }

    @Override
    public Optional<Component> component(String componentId) {
        return definitions.component(componentId);
    }

    @Override
    public boolean mayAccess(UserInfo user, String jobId) {
        return definitions.mayAccess(user, jobId);
    }

    // --- the plant

    @Override
    public Plant plant() {
        return plant;
    }

    // --- runs and versions

    @Override
    public Optional<Version> latestVersion(String componentId) {
        return runs.latestVersion(componentId);
    }

    @Override
    public List<Version> versions(String componentId) {
        return runs.versions(componentId);
    }

    @Override
    public Optional<Version> version(String componentId, int number) {
        return runs.version(componentId, number);
    }

    @Override
    public Optional<String> latestBackupSnapshot(String componentId) {
        return runs.latestBackupSnapshot(componentId);
    }

    @Override
    public Optional<CommitResult> committed(String runId) {
        return runs.committed(runId);
    }

    @Override
    public Optional<CommittedRun> committedRun(String runId) {
        return runs.committedRun(runId);
    }

    @Override
    public CommitResult commit(Run run, String user, CommitResult results, boolean createVersion, String comment)
            throws ServerException {
        return runs.commit(run, user, null, results, createVersion, comment);
    }

    @Override
    public CommitResult commit(Run run, String user, Duration clockSkew, CommitResult results, boolean createVersion,
            String comment) throws ServerException {
        return runs.commit(run, user, clockSkew, results, createVersion, comment);
    }

    @Override
    public CommitResult commit(Run run, String user, Duration clockSkew, CommitResult results, boolean createVersion,
            String comment, RunOrigin origin) throws ServerException {
        return runs.commit(run, user, clockSkew, results, createVersion, comment, origin);
    }

    @Override
    public Optional<Duration> clockSkew(String runId) {
        return runs.clockSkew(runId);
    }

    // --- audit

    @Override
    public AuditAck storeAudit(String uploader, List<AuditEntry> entries) throws ServerException {
        return audit.store(uploader, entries);
    }

    @Override
    public void recordLogin(String user, String clientAddress, LoginRecord.Outcome outcome) {
        serverAudit.recordLogin(new LoginRecord(jdbc.now(), user, clientAddress, outcome));
    }

    @Override
    public void recordAdministration(String user, String action, String subject, String details) {
        serverAudit.recordAdministration(jdbc.now(), user, action, subject, details);
    }

    @Override
    public List<LoginRecord> logins(int limit) {
        return serverAudit.logins(limit);
    }

    @Override
    public AuditPage auditTrail(AuditFilter filter) throws ServerException {
        return new AuditReading(jdbc).page(filter, false);
    }

    @Override
    public AuditPage auditTrail(AuditFilter filter, boolean newestFirst) throws ServerException {
        return new AuditReading(jdbc).page(filter, newestFirst);
    }

    @Override
    public List<AuditTrailCheck> verifyAuditTrails(AuditFilter.Source source) {
        return new AuditReading(jdbc).verify(new AuditFilter(null, null, null, null, null, source, 1, null));
    }

    // --- user administration and assignments

    @Override
    public List<UserAccount> accounts() {
        return userAdministration.accounts();
    }

    @Override
    public Optional<UserAccount> account(String name) {
        return userAdministration.account(name);
    }

    @Override
    public UserAccount addUser(String actor, String name, Role role, char[] password, List<String> folders)
            throws ServerException {
        return userAdministration.add(actor, name, role, password, folders);
    }

    @Override
    public UserAccount setDisabled(String actor, String name, boolean disabled) throws ServerException {
        return userAdministration.setDisabled(actor, name, disabled);
    }

    @Override
    public UserAccount resetPassword(String actor, String name, char[] password) throws ServerException {
        return userAdministration.resetPassword(actor, name, password);
    }

    @Override
    public UserAccount changeRole(String actor, String name, Role role) throws ServerException {
        return userAdministration.changeRole(actor, name, role);
    }

    @Override
    public UserAccount scopeUser(String actor, String name, List<String> folders) throws ServerException {
        return userAdministration.scope(actor, name, folders);
    }

    @Override
    public AdminScope adminScope(String name) {
        return userAdministration.adminScope(name);
    }

    @Override
    public List<String> refusedLogins(List<String> names) {
        return userAdministration.refusedLogins(names);
    }

    @Override
    public List<Assignment> assignments(String jobId, String user) {
        return assignments.list(jobId, user);
    }

    @Override
    public List<Assignment> assign(String actor, String jobId, List<String> users) throws ServerException {
        return assignments.assign(actor, jobId, users);
    }

    @Override
    public List<Assignment> unassign(String actor, String jobId, List<String> users) throws ServerException {
        return assignments.unassign(actor, jobId, users);
    }

    // --- run history and versions (administration)

    @Override
    public AdminRunPage runs(RunQuery query, AdminScope scope) throws ServerException {
        return runHistory.page(query, scope);
    }

    @Override
    public Optional<AdminRunDetail> run(String runId) {
        return runHistory.detail(runId);
    }

    @Override
    public List<AdminVersion> versionHistory(String componentId) {
        return checkins.history(componentId);
    }

    @Override
    public AdminVersion checkIn(String runId, String comment, String user) throws ServerException {
        return checkins.checkIn(runId, comment, user);
    }

    @Override
    public AdminVersion commentVersion(String componentId, int number, String comment, String user)
            throws ServerException {
        return checkins.comment(componentId, number, comment, user);
    }

    // --- compare and overview

    @Override
    public Optional<SnapshotOrigin> versionOrigin(String componentId, int number) {
        return origins.version(componentId, number);
    }

    @Override
    public Optional<SnapshotOrigin> runOrigin(String runId) {
        return origins.run(runId);
    }

    @Override
    public AdminOverview overview(AdminScope scope) {
        return overviews.overview(scope);
    }

    // --- retention and garbage collection

    @Override
    public List<RetentionSetting> retentionPolicies() {
        return retention.all();
    }

    @Override
    public RetentionSetting retention(String kind, String id) throws ServerException {
        return retention.applying(new RetentionRules.Target(kind, id));
    }

    @Override
    public RetentionSetting setRetention(String kind, String id, RetentionPolicy policy, String user)
            throws ServerException {
        return retention.set(new RetentionRules.Target(kind, id), policy, user);
    }

    @Override
    public RetentionSetting clearRetention(String kind, String id, String user) throws ServerException {
        return retention.clear(new RetentionRules.Target(kind, id), user);
    }

    @Override
    public GcResult collectGarbage(String user, boolean dryRun, UploadsInProgress uploads) throws ServerException,
            IOException {
        return garbage.collect(user, dryRun, uploads);
    }

    @Override
    public SnapshotHold holdSnapshot(String snapshotId, String what) throws ServerException, IOException {
        return holds.hold(snapshotId, what);
    }

    // --- client updates served by the server

    @Override
    public void recordChange(String user, String action, String subject, String details) throws ServerException {
        jdbc.transaction(connection -> {
            ServerAudit.recordChange(connection, jdbc.now(), user, action, subject, details);
            return null;
        });
    }

    // --- laptop keys

    @Override
    public Laptops laptops() {
        return laptops;
    }

    /** The check-ins, for tests of their seam beside gc. */
    VersionCheckins checkins() {
        return checkins;
    }
}
