package org.airgap.server.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

import org.airgap.model.Job;
import org.airgap.model.ModelJson;
import org.airgap.protocol.PlantComponent;
import org.airgap.protocol.PlantDeletion;
import org.airgap.protocol.PlantJob;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;

/**
 * Jobs changed one at a time. A job stays with the component it backs up; a delete removes a job
 * without runs (with its assignments) and archives one with runs, so that its runs stay readable.
 */
final class PlantJobs {

    private final Jdbc jdbc;

    PlantJobs(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    Job create(String user, Job job) throws ServerException {
        return jdbc.transaction(connection -> {
            if (PlantRows.job(connection, job.id()).isPresent()) {
                throw new ServerException(Kind.CONFLICT, "job '" + job.id() + "' exists already");
            }
            PlantComponent component = PlantRows.component(connection, job.componentId()).orElse(null);
            DefinitionChecks.checkJob(job, component == null ? Set.of() : Set.of(job.componentId()));
            if (component.archived() != null) {
                throw new ServerException(Kind.CONFLICT, "job '" + job.id() + "' would back up component '"
                        + job.componentId() + "', which is archived: restore it first");
            }
            write(connection, job, true);
            audit(connection, user, "JOB_CREATE", job.id(), "created \"" + job.name() + "\" backing up component "
                    + job.componentId());
            return job;
        });
    }

    Job change(String user, Job job) throws ServerException {
        return jdbc.transaction(connection -> {
            Job stored = PlantRows.requireJob(connection, job.id()).job();
            if (!stored.componentId().equals(job.componentId())) {
                throw new ServerException(Kind.BAD_REQUEST, "job '" + job.id() + "' backs up component "
                        + stored.componentId() + " and stays with it: create a new job for component "
                        + job.componentId());
            }
            if (stored.equals(job)) {
                return stored;
            }
            write(connection, job, false);
            audit(connection, user, "JOB_CHANGE", job.id(), changes(stored, job));
            return job;
        });
    }

    PlantDeletion delete(String user, String id) throws ServerException {
        return jdbc.transaction(connection -> {
            PlantJob stored = PlantRows.requireJob(connection, id);
            if (PlantRows.jobArchived(connection, id)) {
                throw new ServerException(Kind.CONFLICT, "job '" + id + "' is archived already: restore it, or"
                        + " purge its component to remove its runs");
            }
            if (stored.runs() == 0) {
                Jdbc.update(connection, "DELETE FROM assignments WHERE job_id = ?", id);
                Jdbc.update(connection, "DELETE FROM jobs WHERE id = ?", id);
                audit(connection, user, "JOB_DELETE", id, "deleted \"" + stored.job().name() + "\" (no runs)"
                        + (stored.assignedTo().isEmpty() ? "" : ", unassigned from " + stored.assignedTo()));
                return new PlantDeletion("job " + id, PlantDeletion.DELETED, "job " + id + " deleted");
            }
            Jdbc.update(connection, "UPDATE jobs SET archived = ? WHERE id = ?", jdbc.now(), id);
            audit(connection, user, "JOB_ARCHIVE", id, "archived; its " + PlantRows.count(stored.runs(), "run")
                    + " and assignments "
                    + stored.assignedTo() + " are kept");
            return new PlantDeletion("job " + id, PlantDeletion.ARCHIVED, "job " + id + " archived with its "
                    + PlantRows.count(stored.runs(), "run") + ": hidden from syncs and job lists, back with restore");
        });
    }

    Job restore(String user, String id) throws ServerException {
        return jdbc.transaction(connection -> {
            PlantJob stored = PlantRows.requireJob(connection, id);
            if (!PlantRows.jobArchived(connection, id)) {
                throw new ServerException(Kind.CONFLICT, "job '" + id + "' is not archived"
                        + (stored.archived() != null ? ": its component " + stored.job().componentId()
                                + " is; restore the component" : ""));
            }
            Jdbc.update(connection, "UPDATE jobs SET archived = NULL WHERE id = ?", id);
            audit(connection, user, "JOB_RESTORE", id, "restored");
            return stored.job();
        });
    }

    private static String changes(Job before, Job after) {
        StringBuilder changes = new StringBuilder();
        if (!before.name().equals(after.name())) {
            changes.append("name \"").append(before.name()).append("\" → \"").append(after.name()).append("\"; ");
        }
        if (!before.parameters().equals(after.parameters())) {
            changes.append("parameters ").append(before.parameters()).append(" → ").append(after.parameters())
                    .append("; ");
        }
        if (!before.options().equals(after.options())) {
            changes.append("options ").append(before.options()).append(" → ").append(after.options());
        }
        return changes.toString().replaceFirst("; $", "");
    }

    private static void write(Connection connection, Job job, boolean insert) throws SQLException {
        Jdbc.update(connection, insert ? "INSERT INTO jobs (component_id, json, id) VALUES (?, ?, ?)"
                : "UPDATE jobs SET component_id = ?, json = ? WHERE id = ?", job.componentId(), ModelJson.write(job),
                job.id());
    }

    private void audit(Connection connection, String user, String action, String id, String details)
            throws SQLException {
        ServerAudit.recordChange(connection, jdbc.now(), user, action, "job " + id, details);
    }
}
