package org.airgap.server.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Objects;

import org.airgap.model.Component;
import org.airgap.model.ModelJson;
import org.airgap.protocol.PlantComponent;
import org.airgap.protocol.PlantDeletion;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;

/**
 * Components changed one at a time. A delete removes a component only when nothing refers to it (no
 * job, run or version); otherwise it archives it, which hides it and its jobs from every sync and job
 * list until it is restored. A purge, of an archived component only, removes its rows with its jobs,
 * runs and versions; the blobs they named are left to gc.
 */
final class PlantComponents {

    private final Jdbc jdbc;

    PlantComponents(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    Component create(String user, Component component) throws ServerException {
        return jdbc.transaction(connection -> {
            if (PlantRows.component(connection, component.id()).isPresent()) {
                throw new ServerException(Kind.CONFLICT, "component '" + component.id() + "' exists already");
            }
            DefinitionChecks.checkComponent(component, PlantRows.foldersById(connection).keySet());
            write(connection, component, true);
            audit(connection, user, "COMPONENT_CREATE", component.id(), "created \"" + component.name() + "\" ("
                    + component.deviceType() + ") in folder " + component.folderId());
            return component;
        });
    }

    Component change(String user, Component component) throws ServerException {
        return jdbc.transaction(connection -> {
            Component stored = PlantRows.requireComponent(connection, component.id()).component();
            if (!stored.folderId().equals(component.folderId())) {
                throw new ServerException(Kind.BAD_REQUEST, "component '" + component.id() + "' is in folder "
                        + stored.folderId() + ": a change keeps it there, move it to change its folder");
            }
            if (stored.equals(component)) {
                return stored;
            }
            write(connection, component, false);
            audit(connection, user, "COMPONENT_CHANGE", component.id(), changes(stored, component));
            return component;
        });
    }

    Component move(String user, String id, String folderId) throws ServerException {
        return jdbc.transaction(connection -> {
            Component stored = PlantRows.requireComponent(connection, id).component();
            Component moved = new Component(id, stored.name(), Objects.requireNonNull(folderId, "folderId"),
                    stored.deviceType(), stored.connection());
            DefinitionChecks.checkComponent(moved, PlantRows.foldersById(connection).keySet());
            if (moved.equals(stored)) {
                return stored;
            }
            write(connection, moved, false);
            audit(connection, user, "COMPONENT_MOVE", id, "moved from folder " + stored.folderId() + " to folder "
                    + folderId);
            return moved;
        });
    }

    PlantDeletion delete(String user, String id) throws ServerException {
        return jdbc.transaction(connection -> {
            PlantComponent stored = PlantRows.requireComponent(connection, id);
            if (stored.archived() != null) {
                throw new ServerException(Kind.CONFLICT, "component '" + id + "' is archived already: restore it,"
                        + " or purge it to remove it with its versions");
            }
            int jobs = Jdbc.list(connection, "SELECT id FROM jobs WHERE component_id = ?", row -> 1, id).size();
            if (jobs == 0 && stored.versions() == 0 && stored.runs() == 0) {
                Jdbc.update(connection, "DELETE FROM components WHERE id = ?", id);
                audit(connection, user, "COMPONENT_DELETE", id, "deleted \"" + stored.component().name()
                        + "\" (no jobs, runs or versions)");
                return new PlantDeletion("component " + id, PlantDeletion.DELETED, "component " + id + " deleted");
            }
            Jdbc.update(connection, "UPDATE components SET archived = ? WHERE id = ?", jdbc.now(), id);
            String kept = PlantRows.count(stored.versions(), "version") + ", " + PlantRows.count(stored.runs(), "run")
                    + " and " + PlantRows.count(jobs, "job");
            audit(connection, user, "COMPONENT_ARCHIVE", id, "archived; its " + kept + " are kept");
            return new PlantDeletion("component " + id, PlantDeletion.ARCHIVED, "component " + id + " archived with its "
                    + kept + ": hidden from syncs and job lists, back with restore, removed only by a purge");
        });
    }

    PlantDeletion purge(String user, String id) throws ServerException {
        PlantDeletion purged = jdbc.transaction(connection -> {
            PlantComponent stored = PlantRows.requireComponent(connection, id);
            if (stored.archived() == null) {
                throw new ServerException(Kind.CONFLICT, "component '" + id + "' is not archived: delete it first"
                        + " (which archives it), then purge it");
            }
            int assignments = Jdbc.update(connection, "DELETE FROM assignments WHERE job_id IN (SELECT id FROM jobs"
                    + " WHERE component_id = ?)", id);
            int versions = Jdbc.update(connection, "DELETE FROM versions WHERE component_id = ?", id);
            int runs = Jdbc.update(connection, "DELETE FROM runs WHERE component_id = ? OR job_id IN (SELECT id FROM"
                    + " jobs WHERE component_id = ?)", id, id);
            int jobs = Jdbc.update(connection, "DELETE FROM jobs WHERE component_id = ?", id);
            Jdbc.update(connection, "DELETE FROM components WHERE id = ?", id);
            String removed = PlantRows.count(versions, "version") + ", " + PlantRows.count(runs, "run") + ", "
                    + PlantRows.count(jobs, "job") + " and " + PlantRows.count(assignments, "assignment");
            audit(connection, user, "COMPONENT_PURGE", id, "purged with its " + removed);
            return new PlantDeletion("component " + id, PlantDeletion.PURGED, "component " + id + " purged with its "
                    + removed + "; gc reclaims the space of files no other snapshot names");
        });
        jdbc.runsDeleted();
        return purged;
    }

    Component restore(String user, String id) throws ServerException {
        return jdbc.transaction(connection -> {
            PlantComponent stored = PlantRows.requireComponent(connection, id);
            if (stored.archived() == null) {
                throw new ServerException(Kind.CONFLICT, "component '" + id + "' is not archived");
            }
            Jdbc.update(connection, "UPDATE components SET archived = NULL WHERE id = ?", id);
            audit(connection, user, "COMPONENT_RESTORE", id, "restored (archived since " + stored.archived() + ")");
            return stored.component();
        });
    }

    private static String changes(Component before, Component after) {
        StringBuilder changes = new StringBuilder();
        if (!before.name().equals(after.name())) {
            changes.append("name \"").append(before.name()).append("\" → \"").append(after.name()).append("\"; ");
        }
        if (!before.deviceType().equals(after.deviceType())) {
            changes.append("device type ").append(before.deviceType()).append(" → ").append(after.deviceType())
                    .append("; ");
        }
        if (!before.connection().equals(after.connection())) {
            // Keys only: a connection may hold a password, which does not belong in the audit trail.
            changes.append("connection keys ").append(before.connection().keySet()).append(" → ")
                    .append(after.connection().keySet()).append(" (values changed)");
        }
        return changes.toString().replaceFirst("; $", "");
    }

    private static void write(Connection connection, Component component, boolean insert) throws SQLException {
        Jdbc.update(connection, insert ? "INSERT INTO components (folder_id, json, id) VALUES (?, ?, ?)"
                : "UPDATE components SET folder_id = ?, json = ? WHERE id = ?", component.folderId(),
                ModelJson.write(component), component.id());
    }

    private void audit(Connection connection, String user, String action, String id, String details)
            throws SQLException {
        ServerAudit.recordChange(connection, jdbc.now(), user, action, "component " + id, details);
    }
}
