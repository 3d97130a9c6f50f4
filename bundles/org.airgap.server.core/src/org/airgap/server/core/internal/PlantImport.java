package org.airgap.server.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.protocol.AdminImport;
import org.airgap.protocol.Assignment;
import org.airgap.protocol.ImportSummary;
import org.airgap.protocol.PlantComponent;
import org.airgap.protocol.PlantJob;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.internal.JobDefinitions.Change;

/**
 * An import on the running server: creates and updates what the file defines (restoring what of it was
 * archived), and with {@code prune} removes what it does not define, the way a single delete would
 * (archiving jobs with runs and components with runs or versions; a folder that still holds something
 * archived stays). Each change is listed in words. A dry run makes every change in its transaction and
 * then rolls it back, so it reports exactly what the import would do. The import is audited as one entry
 * listing its changes.
 */
final class PlantImport {

    private final Jdbc jdbc;
    private final List<String> changes = new ArrayList<>();
    private final int[] counts = new int[Change.values().length];
    private int removed;
    private int archived;

    private PlantImport(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    static ImportSummary run(Jdbc jdbc, String user, AdminImport definitions, boolean prune, boolean dryRun)
            throws ServerException {
        return new PlantImport(jdbc).apply(user, definitions, prune, dryRun);
    }

    private ImportSummary apply(String user, AdminImport definitions, boolean prune, boolean dryRun)
            throws ServerException {
        return jdbc.transaction(connection -> {
            Map<String, Folder> folders = PlantRows.foldersById(connection);
            DefinitionChecks.ImportPlan plan = DefinitionChecks.plan(definitions, new DefinitionChecks.Stored(folders,
                    new HashSet<>(JobDefinitions.ids(connection, "components")),
                    new HashSet<>(JobDefinitions.ids(connection, "jobs")), new HashSet<>(Users.names(connection))));
            for (Folder folder : plan.folders()) {
                count(JobDefinitions.upsert(connection, "folders", "parent_id", folder.id(), folder.parentId(), folder),
                        false, "folder " + folder.id());
            }
            for (Component component : plan.components()) {
                count(JobDefinitions.upsert(connection, "components", "folder_id", component.id(),
                        component.folderId(), component), restore(connection, "components", component.id()),
                        "component " + component.id());
            }
            for (Job job : plan.jobs()) {
                count(JobDefinitions.upsert(connection, "jobs", "component_id", job.id(), job.componentId(), job),
                        restore(connection, "jobs", job.id()), "job " + job.id());
            }
            for (Assignment assignment : plan.assignments()) {
                Change change = JobDefinitions.assign(connection, assignment);
                counts[change.ordinal()]++;
                if (change == Change.CREATED) {
                    changes.add("assign job " + assignment.jobId() + " to " + assignment.user());
                }
            }
            if (prune) {
                prune(connection, plan);
            }
            ImportSummary summary = new ImportSummary(counts[Change.CREATED.ordinal()],
                    counts[Change.UPDATED.ordinal()], counts[Change.UNCHANGED.ordinal()], removed, archived, dryRun,
                    changes);
            if (dryRun) {
                connection.rollback();
            } else if (!changes.isEmpty()) {
                ServerAudit.recordChange(connection, jdbc.now(), user, prune ? "IMPORT_PRUNE" : "IMPORT", "plant",
                        summary.created() + " created, " + summary.updated() + " updated, " + removed + " removed, "
                                + archived + " archived: " + String.join("; ", changes));
            }
            return summary;
        });
    }

    /** Clears the archive mark of an item the file defines; whether there was one. */
    private static boolean restore(Connection connection, String table, String id) throws SQLException {
        return Jdbc.update(connection, "UPDATE " + table + " SET archived = NULL WHERE id = ? AND archived IS NOT NULL",
                id) > 0;
    }

    private void count(Change change, boolean restored, String subject) {
        Change counted = restored && change == Change.UNCHANGED ? Change.UPDATED : change;
        counts[counted.ordinal()]++;
        if (change != Change.UNCHANGED) {
            changes.add((change == Change.CREATED ? "create " : "update ") + subject);
        }
        if (restored) {
            changes.add("restore " + subject);
        }
    }

    private void prune(Connection connection, DefinitionChecks.ImportPlan plan) throws SQLException {
        Set<Assignment> keptAssignments = new HashSet<>(plan.assignments());
        for (Assignment assignment : Jdbc.list(connection, "SELECT job_id, user_name FROM assignments ORDER BY job_id,"
                + " user_name", row -> new Assignment(row.getString(1), row.getString(2)))) {
            if (!keptAssignments.contains(assignment)) {
                Jdbc.update(connection, "DELETE FROM assignments WHERE job_id = ? AND user_name = ?",
                        assignment.jobId(), assignment.user());
                removed++;
                changes.add("unassign job " + assignment.jobId() + " from " + assignment.user());
            }
        }
        Set<String> keptJobs = ids(plan.jobs().stream().map(Job::id).toList());
        for (PlantJob job : PlantRows.jobs(connection, true)) {
            String id = job.job().id();
            if (keptJobs.contains(id) || PlantRows.jobArchived(connection, id)) {
                continue;
            }
            if (job.runs() > 0) {
                Jdbc.update(connection, "UPDATE jobs SET archived = ? WHERE id = ?", jdbc.now(), id);
                archived++;
                changes.add("archive job " + id + " (it has " + PlantRows.count(job.runs(), "run") + ")");
            } else {
                Jdbc.update(connection, "DELETE FROM assignments WHERE job_id = ?", id);
                Jdbc.update(connection, "DELETE FROM jobs WHERE id = ?", id);
                removed++;
                changes.add("remove job " + id);
            }
        }
        Set<String> keptComponents = ids(plan.components().stream().map(Component::id).toList());
        for (PlantComponent component : PlantRows.components(connection, false)) {
            String id = component.component().id();
            if (keptComponents.contains(id)) {
                continue;
            }
            boolean hasJobs = Jdbc.exists(connection, "SELECT 1 FROM jobs WHERE component_id = ?", id);
            if (hasJobs || component.runs() > 0 || component.versions() > 0) {
                Jdbc.update(connection, "UPDATE components SET archived = ? WHERE id = ?", jdbc.now(), id);
                archived++;
                changes.add("archive component " + id + " (it has " + PlantRows.count(component.versions(), "version")
                        + " and " + PlantRows.count(component.runs(), "run") + ")");
            } else {
                Jdbc.update(connection, "DELETE FROM components WHERE id = ?", id);
                removed++;
                changes.add("remove component " + id);
            }
        }
        pruneFolders(connection, ids(plan.folders().stream().map(Folder::id).toList()));
    }

    /** Deepest first, so that a folder whose subfolders go is empty when its turn comes. */
    private void pruneFolders(Connection connection, Set<String> kept) throws SQLException {
        Map<String, Folder> all = PlantRows.foldersById(connection);
        List<Folder> deepestFirst = new ArrayList<>(DefinitionChecks.parentsFirst(all.values(), all));
        Collections.reverse(deepestFirst);
        for (Folder folder : deepestFirst) {
            if (kept.contains(folder.id())) {
                continue;
            }
            List<String> inside = Jdbc.list(connection, "SELECT id FROM folders WHERE parent_id = ? UNION ALL"
                    + " SELECT id FROM components WHERE folder_id = ?", row -> row.getString(1), folder.id(), folder.id());
            if (inside.isEmpty()) {
                Jdbc.update(connection, "DELETE FROM folders WHERE id = ?", folder.id());
                removed++;
                changes.add("remove folder " + folder.id());
            } else {
                changes.add("keep folder " + folder.id() + ": it still holds " + String.join(", ", inside)
                        + " (archived, or kept by the file)");
            }
        }
    }

    private static Set<String> ids(List<String> ids) {
        return new HashSet<>(ids);
    }
}
