package org.airgap.server.core.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.airgap.model.CompareResult;
import org.airgap.model.ModelFormatException;
import org.airgap.model.ModelJson;
import org.airgap.model.Run;
import org.airgap.protocol.AdminRun;
import org.airgap.protocol.AdminRunDetail;
import org.airgap.protocol.AdminRunPage;
import org.airgap.server.core.AdminScope;
import org.airgap.server.core.RunQuery;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.airgap.server.core.VersionPolicy;

/**
 * The administrator's reading of the committed runs (table {@code runs}): filtered, newest backup first, a
 * page at a time by keyset (the previous page's last run), so a page costs the same on the first page and
 * the thousandth. Each filter has an index that leads with it and is ordered by backup time (schema 7).
 */
final class RunHistory {

    private static final String COLUMNS = "SELECT r.id, r.component_id, r.user_name, r.run_json, r.backup_time,"
            + " r.committed, r.server_version_result, r.previous_backup_result, r.clock_skew_seconds,"
            + " r.version_refusal, v.number FROM runs r LEFT JOIN versions v ON v.run_id = r.id ";

    private final Jdbc jdbc;

    RunHistory(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the columns the run list filters and orders on, in the commit's transaction: the outcome and
     * the backup time ({@link VersionPolicy#backupTime}, with the skew in the whole seconds it is kept in).
     */
    static void recordListColumns(Connection connection, Run run, Duration clockSkew) throws SQLException {
        Jdbc.update(connection, "UPDATE runs SET outcome = ?, backup_time = ? WHERE id = ?", run.outcome().name(),
                backupTime(run, clockSkew), run.id());
    }

    static Instant backupTime(Run run, Duration clockSkew) {
        return VersionPolicy.backupTime(run.start(), clockSkew == null ? null : Duration.ofSeconds(clockSkew.toSeconds()));
    }

    /**
     * One page of the runs {@code query} asks for within {@code scope}.
     *
     * @throws ServerException BAD_REQUEST when {@code query.after()} names no run
     */
    AdminRunPage page(RunQuery query, AdminScope scope) throws ServerException {
        if (!scope.everything() && scope.folderIds().isEmpty()) {
            return new AdminRunPage(List.of(), null);
        }
        return jdbc.transaction(connection -> {
            StringBuilder where = new StringBuilder("WHERE 1 = 1");
            List<Object> parameters = new ArrayList<>();
            filter(where, parameters, "r.component_id", query.componentId());
            filter(where, parameters, "r.job_id", query.jobId());
            filter(where, parameters, "r.user_name", query.user());
            filter(where, parameters, "r.outcome", query.outcome() == null ? null : query.outcome().name());
            if (query.from() != null) {
                where.append(" AND r.backup_time >= ?");
                parameters.add(query.from());
            }
            if (query.to() != null) {
                where.append(" AND r.backup_time < ?");
                parameters.add(query.to());
            }
            if (query.after() != null) {
                Instant afterTime = Jdbc.first(connection, "SELECT backup_time FROM runs WHERE id = ?",
                        row -> Jdbc.instant(row, 1), query.after()).orElseThrow(() -> new ServerException(
                                Kind.BAD_REQUEST, "after=" + query.after() + " names no run: page on with the"
                                        + " \"next\" of the previous page"));
                where.append(" AND (r.backup_time < ? OR r.backup_time = ? AND r.id < ?)");
                parameters.add(afterTime);
                parameters.add(afterTime);
                parameters.add(query.after());
            }
            if (!scope.everything()) {
                where.append(" AND r.component_id IN (SELECT c.id FROM components c WHERE c.folder_id IN (")
                        .append(String.join(", ", scope.folderIds().stream().map(id -> "?").toList())).append("))");
                parameters.addAll(scope.folderIds());
            }
            List<AdminRun> rows = Jdbc.list(connection, COLUMNS + where + " ORDER BY r.backup_time DESC, r.id DESC"
                    + " FETCH FIRST " + (query.limit() + 1) + " ROWS ONLY", row -> summary(row, run(row)),
                    parameters.toArray());
            boolean more = rows.size() > query.limit();
            List<AdminRun> page = more ? rows.subList(0, query.limit()) : rows;
            return new AdminRunPage(page, more ? page.get(page.size() - 1).id() : null);
        });
    }

    Optional<AdminRunDetail> detail(String runId) {
        return jdbc.read(connection -> Jdbc.first(connection, COLUMNS + "WHERE r.id = ?", row -> {
            Run run = run(row);
            return new AdminRunDetail(summary(row, run), run);
        }, runId));
    }

    private static void filter(StringBuilder where, List<Object> parameters, String column, String value) {
        if (value != null) {
            where.append(" AND ").append(column).append(" = ?");
            parameters.add(value);
        }
    }

    private static Run run(ResultSet row) throws SQLException {
        try {
            return ModelJson.read(Run.class, row.getString(4));
        } catch (ModelFormatException e) {
            throw new SQLException("the stored JSON of run " + row.getString(1) + " does not read back: "
                    + e.getMessage(), e);
        }
    }

    private static AdminRun summary(ResultSet row, Run run) throws SQLException {
        Long skew = row.getObject(9, Long.class);
        return new AdminRun(run.id(), run.jobId(), row.getString(2), row.getString(3), run.outcome(), run.attempts(),
                run.start(), run.end(), Jdbc.instant(row, 5), Jdbc.instant(row, 6),
                run.snapshotId(), CompareResult.valueOf(row.getString(7)), CompareResult.valueOf(row.getString(8)),
                skew, row.getObject(11, Integer.class), row.getString(10));
    }
}
