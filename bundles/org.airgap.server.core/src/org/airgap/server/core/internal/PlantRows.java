package org.airgap.server.core.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.protocol.PlantComponent;
import org.airgap.protocol.PlantJob;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;

/**
 * The plant's rows as the administrator sees them, archived ones included, read inside a caller's
 * connection; and the refusal for an id the server does not know.
 */
final class PlantRows {

    private static final String COMPONENT_COLUMNS = "SELECT c.json, c.archived,"
            + " (SELECT COUNT(*) FROM versions v WHERE v.component_id = c.id),"
            + " (SELECT COUNT(*) FROM runs r WHERE r.component_id = c.id) FROM components c ";
    private static final String JOB_COLUMNS = "SELECT j.json, c.folder_id, COALESCE(j.archived, c.archived),"
            + " (SELECT COUNT(*) FROM runs r WHERE r.job_id = j.id), j.id FROM jobs j"
            + " JOIN components c ON c.id = j.component_id ";

    private PlantRows() {
    }

    static Optional<Folder> folder(Connection connection, String id) throws SQLException {
        return JobDefinitions.find(connection, "folders", id, Folder.class);
    }

    static Folder requireFolder(Connection connection, String id) throws SQLException, ServerException {
        return folder(connection, id).orElseThrow(() -> unknown("folder", id));
    }

    static List<Folder> folders(Connection connection) throws SQLException {
        return JobDefinitions.readAll(connection, "folders", Folder.class);
    }

    static Map<String, Folder> foldersById(Connection connection) throws SQLException {
        Map<String, Folder> folders = new HashMap<>();
        folders(connection).forEach(folder -> folders.put(folder.id(), folder));
        return folders;
    }

    static List<PlantComponent> components(Connection connection, boolean withArchived) throws SQLException {
        return Jdbc.list(connection, COMPONENT_COLUMNS + (withArchived ? "" : "WHERE c.archived IS NULL ")
                + "ORDER BY c.id", PlantRows::component);
    }

    static Optional<PlantComponent> component(Connection connection, String id) throws SQLException {
        return Jdbc.first(connection, COMPONENT_COLUMNS + "WHERE c.id = ?", PlantRows::component, id);
    }

    static PlantComponent requireComponent(Connection connection, String id) throws SQLException, ServerException {
        return component(connection, id).orElseThrow(() -> unknown("component", id));
    }

    static List<PlantJob> jobs(Connection connection, boolean withArchived) throws SQLException {
        // All assignments in one query rather than one per job: a plant has thousands of jobs.
        Map<String, List<String>> assigned = new HashMap<>();
        for (String[] pair : Jdbc.list(connection, "SELECT job_id, user_name FROM assignments ORDER BY user_name",
                row -> new String[] { row.getString(1), row.getString(2) })) {
            assigned.computeIfAbsent(pair[0], id -> new ArrayList<>()).add(pair[1]);
        }
        return Jdbc.list(connection, JOB_COLUMNS + (withArchived ? "" : "WHERE j.archived IS NULL AND c.archived IS NULL ")
                + "ORDER BY j.id", row -> job(row, assigned.getOrDefault(row.getString(5), List.of())));
    }

    static Optional<PlantJob> job(Connection connection, String id) throws SQLException {
        Optional<PlantJob> job = Jdbc.first(connection, JOB_COLUMNS + "WHERE j.id = ?", row -> job(row, List.of()), id);
        return job.isEmpty() ? job : Optional.of(withAssignments(connection, job.get()));
    }

    static PlantJob requireJob(Connection connection, String id) throws SQLException, ServerException {
        return job(connection, id).orElseThrow(() -> unknown("job", id));
    }

    /** The job's own archive time, not its component's. */
    static boolean jobArchived(Connection connection, String id) throws SQLException {
        return Jdbc.exists(connection, "SELECT 1 FROM jobs WHERE id = ? AND archived IS NOT NULL", id);
    }

    /** "1 run", "3 runs". */
    static String count(int number, String noun) {
        return number + " " + noun + (number == 1 ? "" : "s");
    }

    static ServerException unknown(String kind, String id) {
        return new ServerException(Kind.NOT_FOUND, "no " + kind + " '" + id + "' on the server (airgap admin "
                + kind + "s list shows them)");
    }

    private static PlantComponent component(ResultSet row) throws SQLException {
        return new PlantComponent(JobDefinitions.parse(Component.class, row.getString(1)), instantOrNull(row, 2),
                row.getInt(3), row.getInt(4));
    }

    private static PlantJob job(ResultSet row, List<String> assignedTo) throws SQLException {
        return new PlantJob(JobDefinitions.parse(Job.class, row.getString(1)), row.getString(2), instantOrNull(row, 3),
                row.getInt(4), assignedTo);
    }

    private static PlantJob withAssignments(Connection connection, PlantJob job) throws SQLException {
        return new PlantJob(job.job(), job.folderId(), job.archived(), job.runs(), Jdbc.list(connection,
                "SELECT user_name FROM assignments WHERE job_id = ? ORDER BY user_name", row -> row.getString(1),
                job.job().id()));
    }

    private static Instant instantOrNull(ResultSet row, int column) throws SQLException {
        return row.getObject(column) == null ? null : Jdbc.instant(row, column);
    }
}
