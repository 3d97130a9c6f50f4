package org.airgap.server.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.ModelFormatException;
import org.airgap.model.ModelJson;
import org.airgap.protocol.Assignment;
import org.airgap.protocol.AdminImport;
import org.airgap.protocol.ImportReport;
import org.airgap.protocol.JobSummary;
import org.airgap.protocol.Role;
import org.airgap.protocol.UserInfo;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerRepository.Definitions;

/**
 * The definitions aggregate: folders, components and jobs (tables of the same names, each record as its
 * canonical {@link ModelJson} with its parent's id as a key column) and the assignments of jobs to
 * users. The rules they obey are {@link DefinitionChecks}; this class reads and writes them, and answers
 * who sees what.
 */
final class JobDefinitions {

    enum Change {
        CREATED, UPDATED, UNCHANGED
    }

    /**
     * Joined to {@code jobs j}: the jobs neither archived themselves nor of an archived component, which are
     * all anyone syncs, lists or uploads to (archived ones are the administrator's, under /api/admin).
     */
    static final String ACTIVE = " JOIN components active_c ON active_c.id = j.component_id"
            + " WHERE j.archived IS NULL AND active_c.archived IS NULL";

    private final Jdbc jdbc;

    JobDefinitions(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Creates or updates everything in {@code definitions} in one transaction, after the checks passed. */
    ImportReport importAll(AdminImport definitions) throws ServerException {
        return jdbc.transaction(connection -> {
            Map<String, Folder> folders = new HashMap<>();
            readAll(connection, "folders", Folder.class).forEach(folder -> folders.put(folder.id(), folder));
            DefinitionChecks.ImportPlan plan = DefinitionChecks.plan(definitions, new DefinitionChecks.Stored(folders,
                    new HashSet<>(ids(connection, "components")), new HashSet<>(ids(connection, "jobs")),
                    new HashSet<>(Users.names(connection))));
            int[] counts = new int[Change.values().length];
            for (Folder folder : plan.folders()) {
                counts[upsert(connection, "folders", "parent_id", folder.id(), folder.parentId(), folder).ordinal()]++;
            }
            for (Component component : plan.components()) {
                counts[upsert(connection, "components", "folder_id", component.id(), component.folderId(), component)
                        .ordinal()]++;
            }
            for (Job job : plan.jobs()) {
                counts[upsert(connection, "jobs", "component_id", job.id(), job.componentId(), job).ordinal()]++;
            }
            for (Assignment assignment : plan.assignments()) {
                counts[assign(connection, assignment).ordinal()]++;
            }
            return new ImportReport(counts[Change.CREATED.ordinal()], counts[Change.UPDATED.ordinal()],
                    counts[Change.UNCHANGED.ordinal()]);
        });
    }

    /** The jobs assigned to {@code user} (an administrator: all jobs), with their components and folders. */
    Definitions visibleTo(UserInfo user) {
        return jdbc.read(connection -> {
            List<Job> jobs = visibleJobs(connection, user);
            Map<String, Component> allComponents = new HashMap<>();
            Jdbc.list(connection, "SELECT json FROM components WHERE archived IS NULL ORDER BY id",
                    row -> parse(Component.class, row.getString(1))).forEach(c -> allComponents.put(c.id(), c));
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

    List<JobSummary> summaries(UserInfo user) {
        return jdbc.read(connection -> {
            Map<String, List<String>> assigned = new HashMap<>();
            for (Assignment assignment : Jdbc.list(connection, "SELECT job_id, user_name FROM assignments"
                    + " ORDER BY user_name", row -> new Assignment(row.getString(1), row.getString(2)))) {
                assigned.computeIfAbsent(assignment.jobId(), id -> new ArrayList<>()).add(assignment.user());
            }
            List<JobSummary> summaries = new ArrayList<>();
            for (Job job : visibleJobs(connection, user)) {
                Component component = find(connection, "components", job.componentId(), Component.class).orElseThrow();
                summaries.add(new JobSummary(job.id(), job.name(), component.id(), component.name(),
                        component.deviceType(), assigned.getOrDefault(job.id(), List.of())));
            }
            return summaries;
        });
    }

    Optional<Job> job(String jobId) {
        return jdbc.read(connection -> find(connection, "jobs", jobId, Job.class));
    }

    Optional<Component> component(String componentId) {
        return jdbc.read(connection -> find(connection, "components", componentId, Component.class));
    }

    /** Whether {@code user} may see and upload runs of the job (assigned, or an administrator). */
    boolean mayAccess(UserInfo user, String jobId) {
        return jdbc.read(connection -> user.role() == Role.ADMIN
                ? Jdbc.exists(connection, "SELECT 1 FROM jobs j" + ACTIVE + " AND j.id = ?", jobId)
                : Jdbc.exists(connection, "SELECT 1 FROM jobs j" + ACTIVE + " AND j.id = ? AND EXISTS (SELECT 1"
                        + " FROM assignments a WHERE a.job_id = j.id AND a.user_name = ?)", jobId, user.name()));
    }

    private static List<Job> visibleJobs(Connection connection, UserInfo user) throws SQLException {
        if (user.role() == Role.ADMIN) {
            return Jdbc.list(connection, "SELECT j.json FROM jobs j" + ACTIVE + " ORDER BY j.id",
                    row -> parse(Job.class, row.getString(1)));
        }
        return Jdbc.list(connection, "SELECT j.json FROM jobs j JOIN assignments a ON a.job_id = j.id" + ACTIVE
                + " AND a.user_name = ? ORDER BY j.id", row -> parse(Job.class, row.getString(1)), user.name());
    }

    /** Inserts or updates one model record stored as its canonical JSON with one key column. */
    static Change upsert(Connection connection, String table, String keyColumn, String id, String key,
            Object record) throws SQLException {
        String json = ModelJson.write(record);
        Optional<String> stored = Jdbc.first(connection, "SELECT json FROM " + table + " WHERE id = ?",
                row -> row.getString(1), id);
        if (stored.isPresent() && json.equals(stored.get())) {
            return Change.UNCHANGED;
        }
        Jdbc.update(connection, stored.isPresent() ? "UPDATE " + table + " SET " + keyColumn + " = ?, json = ? WHERE id = ?"
                : "INSERT INTO " + table + " (" + keyColumn + ", json, id) VALUES (?, ?, ?)", key, json, id);
        return stored.isPresent() ? Change.UPDATED : Change.CREATED;
    }

    static Change assign(Connection connection, Assignment assignment) throws SQLException {
        if (Jdbc.exists(connection, "SELECT 1 FROM assignments WHERE job_id = ? AND user_name = ?",
                assignment.jobId(), assignment.user())) {
            return Change.UNCHANGED;
        }
        Jdbc.update(connection, "INSERT INTO assignments (job_id, user_name) VALUES (?, ?)", assignment.jobId(),
                assignment.user());
        return Change.CREATED;
    }

    static <T> List<T> readAll(Connection connection, String table, Class<T> type) throws SQLException {
        return Jdbc.list(connection, "SELECT json FROM " + table + " ORDER BY id", row -> parse(type, row.getString(1)));
    }

    static List<String> ids(Connection connection, String table) throws SQLException {
        return Jdbc.list(connection, "SELECT id FROM " + table, row -> row.getString(1));
    }

    static <T> Optional<T> find(Connection connection, String table, String id, Class<T> type)
            throws SQLException {
        return Jdbc.first(connection, "SELECT json FROM " + table + " WHERE id = ?", row -> parse(type, row.getString(1)),
                id);
    }

    static <T> T parse(Class<T> type, String json) {
        try {
            return ModelJson.read(type, json);
        } catch (ModelFormatException e) {
            throw new IllegalStateException("the server database holds an invalid " + type.getSimpleName() + ": "
                    + e.getMessage(), e);
        }
    }
}
