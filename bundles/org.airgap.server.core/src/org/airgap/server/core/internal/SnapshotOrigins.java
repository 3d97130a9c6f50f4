package org.airgap.server.core.internal;

import java.util.Optional;

import org.airgap.server.core.SnapshotOrigin;

/** Where the snapshots an administrator compares come from: versions and uploaded runs. */
final class SnapshotOrigins {

    private final Jdbc jdbc;

    SnapshotOrigins(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    Optional<SnapshotOrigin> version(String componentId, int number) {
        return jdbc.read(connection -> Jdbc.first(connection, "SELECT v.component_id, v.snapshot_id, v.number, v.run_id,"
                + " r.job_id, v.time, v.user_name FROM versions v LEFT JOIN runs r ON r.id = v.run_id"
                + " WHERE v.component_id = ? AND v.number = ?", row -> new SnapshotOrigin(row.getString(1),
                        row.getString(2), row.getInt(3), row.getString(4), row.getString(5), Jdbc.instant(row, 6),
                        row.getString(7)), componentId, number));
    }

    Optional<SnapshotOrigin> run(String runId) {
        return jdbc.read(connection -> Jdbc.first(connection, "SELECT component_id, snapshot_id, id, job_id, run_start,"
                + " user_name FROM runs WHERE id = ?", row -> new SnapshotOrigin(row.getString(1), row.getString(2),
                        null, row.getString(3), row.getString(4), Jdbc.instant(row, 5), row.getString(6)), runId));
    }
}
