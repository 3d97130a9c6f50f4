package org.airgap.server.core.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

import org.airgap.audit.AuditEntry;
import org.airgap.model.CompareResult;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.ModelFormatException;
import org.airgap.model.ModelJson;
import org.airgap.model.Run;
import org.airgap.model.Version;
import org.airgap.protocol.AdminImport;
import org.airgap.protocol.Assignment;
import org.airgap.protocol.AuditAck;
import org.airgap.protocol.CommitResult;
import org.airgap.protocol.ImportReport;
import org.airgap.protocol.JobSummary;
import org.airgap.protocol.ProtocolJson;
import org.airgap.protocol.Role;
import org.airgap.protocol.UserInfo;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.airgap.server.core.ServerRepository;
import org.airgap.server.core.ServerSettings;
import org.airgap.store.ContentStore;
import org.airgap.store.ContentStores;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The server's metadata in an embedded H2 database file (schema: {@link Schema}) and its contents in
 * the content store, both under the data directory of the {@link ServerSettings} service. Connections
 * come from a small pool, each change is one transaction; version numbers are handed out under a lock
 * per component (the database file is locked to this process), with the (component, number) primary
 * key as the last guard.
 */
@org.osgi.service.component.annotations.Component(service = ServerRepository.class)
public class H2ServerRepository implements ServerRepository {

    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
    private static final int MAX_CONNECTIONS = 16;
    static final String USER = "airgap";

    @Reference
    private ServerSettings settings;

    private final Clock clock;
    private final Map<String, ReentrantLock> componentLocks = new ConcurrentHashMap<>();
    /** Hashed against for unknown users, so that they cost the same time as known ones. */
    private final byte[] unknownUserSalt = Passwords.randomBytes(Passwords.SALT_BYTES);
    private JdbcConnectionPool pool;
    private ContentStore store;

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
        Path database = settings.databaseFile().toAbsolutePath();
        Files.createDirectories(database.getParent());
        JdbcConnectionPool opened = JdbcConnectionPool.create(url(database), USER, "");
        opened.setMaxConnections(MAX_CONNECTIONS);
        try (Connection connection = opened.getConnection()) {
            Schema.migrate(connection, database + ".mv.db");
        } catch (SQLException e) {
            opened.dispose();
            if (e.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
                throw new IllegalStateException("the database " + database + ".mv.db is in use by another process:"
                        + " is airgap-server running on " + settings.dataDirectory()
                        + "? Stop it first, or use the admin endpoints of the running server", e);
            }
            throw e;
        }
        pool = opened;
        store = ContentStores.open(settings.storeDirectory());
    }

    /**
     * The JDBC URL of the database file. No H2 shutdown hook: the framework's stop closes the pool
     * (deactivate) after the last request; every commit is written to the file at once (WRITE_DELAY=0),
     * so a killed server loses nothing it acknowledged.
     */
    static String url(Path database) {
        return "jdbc:h2:file:" + database.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0";
    }

    @Deactivate
    void deactivate() {
        if (pool != null) {
            pool.dispose();
            pool = null;
        }
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
        return read(Schema::appliedVersions);
    }

    // ------------------------------------------------------------------ users

    @Override
    public UserInfo addUser(String name, Role role, char[] password) throws ServerException {
        if (name == null || !USER_NAME.matcher(name).matches()) {
            throw new ServerException(Kind.BAD_REQUEST, "'" + name + "' is not a valid user name: use up to 64"
                    + " letters, digits and . _ @ -, starting with a letter or digit");
        }
        Objects.requireNonNull(role, "role");
        if (password == null || password.length == 0) {
            throw new ServerException(Kind.BAD_REQUEST, "the password of " + name + " is empty");
        }
        Passwords.Hash hash = Passwords.hash(password, settings.passwordIterations());
        return transaction(connection -> {
            if (findUser(connection, name).isPresent()) {
                throw new ServerException(Kind.CONFLICT, "the user " + name + " exists already");
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO users (name, role, salt, iterations, hash, created) VALUES (?, ?, ?, ?, ?, ?)")) {
                insert.setString(1, name);
                insert.setString(2, role.name());
                insert.setBytes(3, hash.salt());
                insert.setInt(4, hash.iterations());
                insert.setBytes(5, hash.hash());
                insert.setObject(6, utc(now()));
                insert.executeUpdate();
            } catch (SQLException e) {
                if (e.getErrorCode() == ErrorCode.DUPLICATE_KEY_1) {
                    throw new ServerException(Kind.CONFLICT, "the user " + name + " exists already", e);
                }
                throw e;
            }
            return new UserInfo(name, role);
        });
    }

    @Override
    public Optional<UserInfo> checkPassword(String name, char[] password) {
        if (password == null || password.length == 0) {
            return Optional.empty();
        }
        record Stored(UserInfo user, Passwords.Hash hash) {
        }
        Optional<Stored> stored = read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT role, salt, iterations, hash FROM users WHERE name = ?")) {
                query.setString(1, name);
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    return Optional.of(new Stored(new UserInfo(name, Role.valueOf(row.getString(1))),
                            new Passwords.Hash(row.getBytes(2), row.getInt(3), row.getBytes(4))));
                }
            }
        });
        if (stored.isEmpty()) {
            // Spend the same work as for a known user: the answer's timing must not tell who exists.
            Passwords.pbkdf2(password, unknownUserSalt, settings.passwordIterations());
            return Optional.empty();
        }
        return stored.get().hash().matches(password) ? Optional.of(stored.get().user()) : Optional.empty();
    }

    @Override
    public Optional<UserInfo> user(String name) {
        return read(connection -> findUser(connection, name));
    }

    private static Optional<UserInfo> findUser(Connection connection, String name) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT role FROM users WHERE name = ?")) {
            query.setString(1, name);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(new UserInfo(name, Role.valueOf(row.getString(1)))) : Optional.empty();
            }
        }
    }

    @Override
    public List<UserInfo> users() {
        return read(connection -> {
            List<UserInfo> users = new ArrayList<>();
            try (PreparedStatement query = connection.prepareStatement("SELECT name, role FROM users ORDER BY name");
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    users.add(new UserInfo(rows.getString(1), Role.valueOf(rows.getString(2))));
                }
            }
            return users;
        });
    }

    // ------------------------------------------------------------------ definitions

    @Override
    public ImportReport importDefinitions(AdminImport definitions) throws ServerException {
        Map<String, Folder> folders = byId(definitions.folders(), Folder::id, "folder");
        Map<String, Component> components = byId(definitions.components(), Component::id, "component");
        Map<String, Job> jobs = byId(definitions.jobs(), Job::id, "job");
        return transaction(connection -> {
            Map<String, Folder> allFolders = new HashMap<>();
            readAll(connection, "folders", Folder.class).forEach(folder -> allFolders.put(folder.id(), folder));
            allFolders.putAll(folders);
            Set<String> componentIds = new HashSet<>(ids(connection, "components"));
            componentIds.addAll(components.keySet());
            Set<String> jobIds = new HashSet<>(ids(connection, "jobs"));
            jobIds.addAll(jobs.keySet());
            for (Folder folder : folders.values()) {
                checkFolderChain(folder, allFolders);
            }
            for (Component component : components.values()) {
                if (!allFolders.containsKey(component.folderId())) {
                    throw new ServerException(Kind.BAD_REQUEST, "component '" + component.id()
                            + "' is in folder '" + component.folderId() + "', which is not defined");
                }
            }
            for (Job job : jobs.values()) {
                if (!componentIds.contains(job.componentId())) {
                    throw new ServerException(Kind.BAD_REQUEST, "job '" + job.id() + "' backs up component '"
                            + job.componentId() + "', which is not defined");
                }
            }
            for (Assignment assignment : definitions.assignments()) {
                if (assignment == null || assignment.jobId() == null || assignment.user() == null) {
                    throw new ServerException(Kind.BAD_REQUEST, "an assignment needs a jobId and a user: " + assignment);
                }
                if (!jobIds.contains(assignment.jobId())) {
                    throw new ServerException(Kind.BAD_REQUEST, "the assignment of job '" + assignment.jobId()
                            + "' to " + assignment.user() + " names a job that is not defined");
                }
                if (findUser(connection, assignment.user()).isEmpty()) {
                    throw new ServerException(Kind.BAD_REQUEST, "the assignment of job '" + assignment.jobId()
                            + "' to " + assignment.user() + " names an unknown user: add it first with"
                            + " airgap-server user add " + assignment.user() + " --role technician");
                }
            }
            int[] counts = new int[3];
            for (Folder folder : parentsFirst(folders.values(), allFolders)) {
                count(counts, upsert(connection, "folders", "parent_id", folder.id(), folder.parentId(), folder));
            }
            for (Component component : components.values()) {
                count(counts, upsert(connection, "components", "folder_id", component.id(), component.folderId(),
                        component));
            }
            for (Job job : jobs.values()) {
                count(counts, upsert(connection, "jobs", "component_id", job.id(), job.componentId(), job));
            }
            for (Assignment assignment : new LinkedHashSet<>(definitions.assignments())) {
                count(counts, assign(connection, assignment));
            }
            return new ImportReport(counts[0], counts[1], counts[2]);
        });
    }

    private enum Change {
        CREATED, UPDATED, UNCHANGED
    }

    private static void count(int[] counts, Change change) {
        counts[change.ordinal()]++;
    }

    private static <T> Map<String, T> byId(List<T> items, java.util.function.Function<T, String> id, String kind)
            throws ServerException {
        Map<String, T> byId = new LinkedHashMap<>();
        for (T item : items) {
            if (item == null) {
                throw new ServerException(Kind.BAD_REQUEST, "the import has an empty " + kind);
            }
            if (byId.put(id.apply(item), item) != null) {
                throw new ServerException(Kind.BAD_REQUEST, "the import defines " + kind + " '" + id.apply(item)
                        + "' twice");
            }
        }
        return byId;
    }

    private static void checkFolderChain(Folder folder, Map<String, Folder> allFolders) throws ServerException {
        Set<String> seen = new HashSet<>();
        Folder current = folder;
        while (current.parentId() != null) {
            if (!seen.add(current.id())) {
                throw new ServerException(Kind.BAD_REQUEST, "folder '" + folder.id()
                        + "' is inside itself: its parent folders form a cycle through '" + current.id() + "'");
            }
            Folder parent = allFolders.get(current.parentId());
            if (parent == null) {
                throw new ServerException(Kind.BAD_REQUEST, "folder '" + current.id() + "' is in folder '"
                        + current.parentId() + "', which is not defined");
            }
            current = parent;
        }
    }

    /** The folders sorted so that each comes after its parent (their chains are checked to end). */
    private static List<Folder> parentsFirst(Iterable<Folder> folders, Map<String, Folder> allFolders) {
        TreeMap<Integer, List<Folder>> byDepth = new TreeMap<>();
        for (Folder folder : folders) {
            int depth = 0;
            for (Folder current = folder; current.parentId() != null; current = allFolders.get(current.parentId())) {
                depth++;
            }
            byDepth.computeIfAbsent(depth, d -> new ArrayList<>()).add(folder);
        }
        List<Folder> sorted = new ArrayList<>();
        byDepth.values().forEach(sorted::addAll);
        return sorted;
    }

    /** Inserts or updates one model record stored as its canonical JSON with one key column. */
    private static Change upsert(Connection connection, String table, String keyColumn, String id, String key,
            Object record) throws SQLException {
        String json = ModelJson.write(record);
        String stored = null;
        boolean exists;
        try (PreparedStatement query = connection.prepareStatement("SELECT json FROM " + table + " WHERE id = ?")) {
            query.setString(1, id);
            try (ResultSet row = query.executeQuery()) {
                exists = row.next();
                if (exists) {
                    stored = row.getString(1);
                }
            }
        }
        if (exists && json.equals(stored)) {
            return Change.UNCHANGED;
        }
        String sql = exists ? "UPDATE " + table + " SET " + keyColumn + " = ?, json = ? WHERE id = ?"
                : "INSERT INTO " + table + " (" + keyColumn + ", json, id) VALUES (?, ?, ?)";
        try (PreparedStatement write = connection.prepareStatement(sql)) {
            write.setString(1, key);
            write.setString(2, json);
            write.setString(3, id);
            write.executeUpdate();
        }
        return exists ? Change.UPDATED : Change.CREATED;
    }

    private static Change assign(Connection connection, Assignment assignment) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT 1 FROM assignments WHERE job_id = ? AND user_name = ?")) {
            query.setString(1, assignment.jobId());
            query.setString(2, assignment.user());
            try (ResultSet row = query.executeQuery()) {
                if (row.next()) {
                    return Change.UNCHANGED;
                }
            }
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO assignments (job_id, user_name) VALUES (?, ?)")) {
            insert.setString(1, assignment.jobId());
            insert.setString(2, assignment.user());
            insert.executeUpdate();
        }
        return Change.CREATED;
    }

    @Override
    public Definitions definitionsFor(UserInfo user) {
        return read(connection -> {
            List<Job> jobs = visibleJobs(connection, user);
            Map<String, Component> allComponents = new HashMap<>();
            readAll(connection, "components", Component.class).forEach(c -> allComponents.put(c.id(), c));
            Map<String, Folder> allFolders = new HashMap<>();
            readAll(connection, "folders", Folder.class).forEach(f -> allFolders.put(f.id(), f));
            Map<String, Component> components = new TreeMap<>();
            Map<String, Folder> folders = new TreeMap<>();
            for (Job job : jobs) {
                Component component = allComponents.get(job.componentId());
                components.put(component.id(), component);
                // The folder and its ancestors, so that the client can show the component in its tree.
                for (Folder folder = allFolders.get(component.folderId()); folder != null;
                        folder = folder.parentId() == null ? null : allFolders.get(folder.parentId())) {
                    folders.put(folder.id(), folder);
                }
            }
            if (user.role() == Role.ADMIN) {
                allComponents.values().forEach(c -> components.put(c.id(), c));
                allFolders.values().forEach(f -> folders.put(f.id(), f));
            }
            return new Definitions(List.copyOf(folders.values()), List.copyOf(components.values()), jobs);
        });
    }

    @Override
    public List<JobSummary> jobSummaries(UserInfo user) {
        return read(connection -> {
            Map<String, List<String>> assigned = new HashMap<>();
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT job_id, user_name FROM assignments ORDER BY user_name");
                    ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    assigned.computeIfAbsent(rows.getString(1), id -> new ArrayList<>()).add(rows.getString(2));
                }
            }
            List<JobSummary> summaries = new ArrayList<>();
            for (Job job : visibleJobs(connection, user)) {
                Component component = findRecord(connection, "components", job.componentId(), Component.class)
                        .orElseThrow();
                summaries.add(new JobSummary(job.id(), job.name(), component.id(), component.name(),
                        component.deviceType(), assigned.getOrDefault(job.id(), List.of())));
            }
            return summaries;
        });
    }

    private static List<Job> visibleJobs(Connection connection, UserInfo user) throws SQLException {
        if (user.role() == Role.ADMIN) {
            return readAll(connection, "jobs", Job.class);
        }
        List<Job> jobs = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT j.json FROM jobs j JOIN assignments a"
                + " ON a.job_id = j.id WHERE a.user_name = ? ORDER BY j.id")) {
            query.setString(1, user.name());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    jobs.add(parse(Job.class, rows.getString(1)));
                }
            }
        }
        return jobs;
    }

    @Override
    public Optional<Job> job(String jobId) {
        return read(connection -> findRecord(connection, "jobs", jobId, Job.class));
    }

    @Override
    public Optional<Component> component(String componentId) {
        return read(connection -> findRecord(connection, "components", componentId, Component.class));
    }

    @Override
    public boolean mayAccess(UserInfo user, String jobId) {
        return read(connection -> {
            if (user.role() == Role.ADMIN) {
                return findRecord(connection, "jobs", jobId, Job.class).isPresent();
            }
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT 1 FROM assignments WHERE job_id = ? AND user_name = ?")) {
                query.setString(1, jobId);
                query.setString(2, user.name());
                try (ResultSet row = query.executeQuery()) {
                    return row.next();
                }
            }
        });
    }

    private static <T> List<T> readAll(Connection connection, String table, Class<T> type) throws SQLException {
        List<T> records = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT json FROM " + table + " ORDER BY id");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                records.add(parse(type, rows.getString(1)));
            }
        }
        return records;
    }

    private static List<String> ids(Connection connection, String table) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT id FROM " + table);
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private static <T> Optional<T> findRecord(Connection connection, String table, String id, Class<T> type)
            throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT json FROM " + table + " WHERE id = ?")) {
            query.setString(1, id);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(parse(type, row.getString(1))) : Optional.empty();
            }
        }
    }

    private static <T> T parse(Class<T> type, String json) {
        try {
            return ModelJson.read(type, json);
        } catch (ModelFormatException e) {
            throw new IllegalStateException("the server database holds an invalid " + type.getSimpleName() + ": "
                    + e.getMessage(), e);
        }
    }

    // ------------------------------------------------------------------ runs and versions

    @Override
    public Optional<Version> latestVersion(String componentId) {
        return read(connection -> findLatestVersion(connection, componentId));
    }

    @Override
    public List<Version> versions(String componentId) {
        return read(connection -> versions(connection, "WHERE component_id = ? ORDER BY number", componentId));
    }

    @Override
    public Optional<Version> version(String componentId, int number) {
        return read(connection -> findVersion(connection, componentId, number));
    }

    private static Optional<Version> findLatestVersion(Connection connection, String componentId) throws SQLException {
        return versions(connection, "WHERE component_id = ? ORDER BY number DESC LIMIT 1", componentId).stream()
                .findFirst();
    }

    private static Optional<Version> findVersion(Connection connection, String componentId, int number)
            throws SQLException {
        return versions(connection, "WHERE component_id = ? AND number = " + number, componentId).stream().findFirst();
    }

    private static List<Version> versions(Connection connection, String where, String componentId) throws SQLException {
        List<Version> versions = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT component_id, number, time, user_name, comment, snapshot_id FROM versions " + where)) {
            query.setString(1, componentId);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    versions.add(new Version(rows.getString(1), rows.getInt(2), instant(rows, 3), rows.getString(4),
                            rows.getString(5), rows.getString(6)));
                }
            }
        }
        return versions;
    }

    @Override
    public Optional<String> latestBackupSnapshot(String componentId) {
        return read(connection -> {
            try (PreparedStatement query = connection.prepareStatement("SELECT snapshot_id FROM runs"
                    + " WHERE component_id = ? AND snapshot_id IS NOT NULL ORDER BY run_start DESC, committed DESC"
                    + " LIMIT 1")) {
                query.setString(1, componentId);
                try (ResultSet row = query.executeQuery()) {
                    return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public Optional<CommitResult> committed(String runId) {
        return read(connection -> findCommitted(connection, runId));
    }

    private static Optional<CommitResult> findCommitted(Connection connection, String runId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("SELECT component_id, server_version_result,"
                + " previous_backup_result, version_number, version_created FROM runs WHERE id = ?")) {
            query.setString(1, runId);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                int number = row.getInt(4);
                Version version = row.wasNull() ? null
                        : findVersion(connection, row.getString(1), number).orElseThrow();
                return Optional.of(new CommitResult(runId, CompareResult.valueOf(row.getString(2)),
                        CompareResult.valueOf(row.getString(3)), version, row.getBoolean(5)));
            }
        }
    }

    @Override
    public CommitResult commit(Run run, String user, CommitResult results, boolean createVersion, String comment)
            throws ServerException {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(results, "results");
        Optional<CommitResult> earlier = committed(run.id());
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Job job = job(run.jobId()).orElseThrow(() -> new ServerException(Kind.NOT_FOUND, "run " + run.id()
                + " is of job '" + run.jobId() + "', which the server does not know"));
        if (run.snapshotId() != null && !store.hasSnapshot(run.snapshotId())) {
            throw new ServerException(Kind.BAD_REQUEST, "the snapshot " + run.snapshotId() + " of run " + run.id()
                    + " is not on the server: upload its manifest and blobs before committing");
        }
        if (createVersion && run.snapshotId() == null) {
            throw new ServerException(Kind.BAD_REQUEST, "run " + run.id() + " has no snapshot to make a version of");
        }
        String componentId = job.componentId();
        ReentrantLock lock = componentLocks.computeIfAbsent(componentId, id -> new ReentrantLock());
        lock.lock();
        try {
            return transaction(connection -> {
                Optional<CommitResult> meanwhile = findCommitted(connection, run.id());
                if (meanwhile.isPresent()) {
                    return meanwhile.get();
                }
                Instant now = now();
                Version version = findLatestVersion(connection, componentId).orElse(null);
                if (createVersion) {
                    version = new Version(componentId, version == null ? 1 : version.number() + 1, now, user, comment,
                            run.snapshotId());
                    insertVersion(connection, version, run.id());
                }
                insertRun(connection, run, componentId, user, now, results, version, createVersion);
                return new CommitResult(run.id(), results.serverVersionResult(), results.previousBackupResult(),
                        version, createVersion);
            });
        } finally {
            lock.unlock();
        }
    }

    private static void insertVersion(Connection connection, Version version, String runId) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO versions (component_id, number,"
                + " time, user_name, comment, snapshot_id, run_id) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, version.componentId());
            insert.setInt(2, version.number());
            insert.setObject(3, utc(version.time()));
            insert.setString(4, version.user());
            insert.setString(5, version.comment());
            insert.setString(6, version.snapshotId());
            insert.setString(7, runId);
            insert.executeUpdate();
        }
    }

    private static void insertRun(Connection connection, Run run, String componentId, String user, Instant now,
            CommitResult results, Version version, boolean versionCreated) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO runs (id, job_id, component_id,"
                + " user_name, run_start, run_json, committed, server_version_result, previous_backup_result,"
                + " snapshot_id, version_number, version_created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, run.id());
            insert.setString(2, run.jobId());
            insert.setString(3, componentId);
            insert.setString(4, user);
            insert.setObject(5, utc(run.start()));
            insert.setString(6, ModelJson.write(run));
            insert.setObject(7, utc(now));
            insert.setString(8, orNotCompared(results.serverVersionResult()).name());
            insert.setString(9, orNotCompared(results.previousBackupResult()).name());
            insert.setString(10, run.snapshotId());
            if (version == null) {
                insert.setNull(11, java.sql.Types.INTEGER);
            } else {
                insert.setInt(11, version.number());
            }
            insert.setBoolean(12, versionCreated);
            insert.executeUpdate();
        }
    }

    private static CompareResult orNotCompared(CompareResult result) {
        return result == null ? CompareResult.NOT_COMPARED : result;
    }

    // ------------------------------------------------------------------ audit

    @Override
    public AuditAck storeAudit(String user, List<AuditEntry> entries) {
        try {
            return transaction(connection -> {
                int stored = 0;
                int known = 0;
                for (AuditEntry entry : entries) {
                    if (exists(connection, "SELECT 1 FROM audit WHERE hash = ?", entry.hash())) {
                        known++;
                        continue;
                    }
                    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO audit (hash, user_name,"
                            + " sequence, time, action, subject, details, entry_json, received)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                        insert.setString(1, entry.hash());
                        insert.setString(2, user);
                        insert.setLong(3, entry.sequence());
                        insert.setObject(4, utc(entry.time()));
                        insert.setString(5, entry.action().name());
                        insert.setString(6, entry.subject());
                        insert.setString(7, entry.details());
                        insert.setString(8, ProtocolJson.write(entry));
                        insert.setObject(9, utc(now()));
                        insert.executeUpdate();
                    }
                    stored++;
                }
                return new AuditAck(stored, known);
            });
        } catch (ServerException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static boolean exists(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, parameter);
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        }
    }

    // ------------------------------------------------------------------ plumbing

    @FunctionalInterface
    private interface Transaction<T> {
        T run(Connection connection) throws SQLException, ServerException;
    }

    @FunctionalInterface
    private interface Query<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Runs {@code work} in one transaction: all of it is committed, or nothing. */
    private <T> T transaction(Transaction<T> work) throws ServerException {
        try (Connection connection = connection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | ServerException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private <T> T read(Query<T> work) {
        try (Connection connection = connection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private Connection connection() throws SQLException {
        JdbcConnectionPool current = pool;
        if (current == null) {
            throw new IllegalStateException("the server repository on " + settings.dataDirectory() + " is closed");
        }
        return current.getConnection();
    }

    private IllegalStateException failed(SQLException e) {
        return new IllegalStateException("the server database " + settings.databaseFile() + " failed: "
                + e.getMessage(), e);
    }

    /**
     * The time to store, in milliseconds: what a commit answers must equal what it answers again from
     * the database, whose timestamps are coarser than the clock.
     */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet row, int column) throws SQLException {
        return row.getObject(column, OffsetDateTime.class).toInstant();
    }
}
