package org.airgap.server.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.airgap.protocol.Assignment;
import org.airgap.protocol.Role;
import org.airgap.protocol.UserInfo;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;

/**
 * Assigning jobs to technicians and removing assignments (table {@code assignments}), each change one
 * transaction with its entry in the server's audit trail. Both are idempotent: assigning twice or removing
 * an assignment that is not there changes and records nothing.
 */
final class Assignments {

    /** The most users one change names: a request is hostile until checked. */
    static final int MAX_USERS = 1000;

    private final Jdbc jdbc;

    Assignments(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The assignments, of one job and/or one user when given, ordered by job and user. */
    List<Assignment> list(String jobId, String user) {
        return jdbc.read(connection -> Jdbc.list(connection, "SELECT job_id, user_name FROM assignments"
                + " WHERE (CAST(? AS VARCHAR) IS NULL OR job_id = ?) AND (CAST(? AS VARCHAR) IS NULL OR user_name = ?)"
                + " ORDER BY job_id, user_name", row -> new Assignment(row.getString(1), row.getString(2)), jobId, jobId,
                user, user));
    }

    List<Assignment> assign(String actor, String jobId, List<String> users) throws ServerException {
        return change(actor, jobId, users, true);
    }

    List<Assignment> unassign(String actor, String jobId, List<String> users) throws ServerException {
        return change(actor, jobId, users, false);
    }

    private List<Assignment> change(String actor, String jobId, List<String> users, boolean add)
            throws ServerException {
        if (users == null || users.isEmpty() || users.size() > MAX_USERS) {
            throw new ServerException(Kind.BAD_REQUEST, "name between 1 and " + MAX_USERS + " users to "
                    + (add ? "assign to" : "remove from") + " job " + jobId);
        }
        return jdbc.transaction(connection -> {
            if (jobId == null || !Jdbc.exists(connection, "SELECT 1 FROM jobs WHERE id = ?", jobId)) {
                throw new ServerException(Kind.NOT_FOUND, "no job '" + jobId + "' on the server");
            }
            List<String> changed = new ArrayList<>();
            for (String user : users) {
                Optional<UserInfo> found = user == null ? Optional.empty() : Users.find(connection, user);
                if (found.isEmpty()) {
                    throw UserAdministration.unknown(user);
                }
                if (add && found.get().role() != Role.TECHNICIAN) {
                    throw new ServerException(Kind.BAD_REQUEST, user + " is an administrator: administrators see"
                            + " every job without assignments");
                }
                boolean assigned = Jdbc.exists(connection, "SELECT 1 FROM assignments WHERE job_id = ? AND user_name = ?",
                        jobId, user);
                if (add && !assigned) {
                    Jdbc.update(connection, "INSERT INTO assignments (job_id, user_name) VALUES (?, ?)", jobId, user);
                    changed.add(user);
                } else if (!add && assigned) {
                    Jdbc.update(connection, "DELETE FROM assignments WHERE job_id = ? AND user_name = ?", jobId, user);
                    changed.add(user);
                }
            }
            if (!changed.isEmpty()) {
                ServerAudit.recordChange(connection, jdbc.now(), actor, add ? "ASSIGN" : "UNASSIGN", "job " + jobId,
                        (add ? "assigned to " : "no longer assigned to ") + String.join(", ", changed));
            }
            return ofJob(connection, jobId);
        });
    }

    private static List<Assignment> ofJob(Connection connection, String jobId) throws SQLException {
        return Jdbc.list(connection, "SELECT job_id, user_name FROM assignments WHERE job_id = ? ORDER BY user_name",
                row -> new Assignment(row.getString(1), row.getString(2)), jobId);
    }
}
