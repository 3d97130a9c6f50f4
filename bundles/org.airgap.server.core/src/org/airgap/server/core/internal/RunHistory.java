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
            + " r.version_refusal, v.number, r.technician, r.signature FROM runs r LEFT JOIN versions v ON v.run_id = r.id ";

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
            Instant afterTime = null;
            if (query.after() != null) {
                afterTime = Jdbc.first(connection, "SELECT backup_time FROM runs WHERE id = ?",
                        row -> Jdbc.instant(row, 1), query.after()).orElseThrow(() -> new ServerException(
                                Kind.BAD_REQUEST, "after=" + query.after() + " names no run: page on with the"
                                        + " \"next\" of the previous page"));
            }
            PageStatement statement = statement(query, scope, afterTime);
            List<AdminRun> rows = Jdbc.list(connection, statement.sql(), row -> summary(row, run(row)),
                    statement.parameters().toArray());
            boolean more = rows.size() > query.limit();
            List<AdminRun> page = more ? rows.subList(0, query.limit()) : rows;
            return new AdminRunPage(page, more ? page.get(page.size() - 1).id() : null);
        });
    }

    /** The SELECT of one page (one row more than the page, to know whether another follows) and its parameters. */
    record PageStatement(String sql, List<Object> parameters) {
    }

    /** @param afterTime the backup time of {@code query.after()}, the previous page's last run */
    static PageStatement statement(RunQuery query, AdminScope scope, Instant afterTime) {
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
        if (afterTime != null) {
            // The first condition alone is a range of the index: the page starts there, not at the top.
            where.append(" AND r.backup_time <= ? AND (r.backup_time < ? OR r.id < ?)");
            parameters.add(afterTime);
            parameters.add(afterTime);
            parameters.add(query.after());
        }
        if (!scope.everything()) {
            where.append(" AND r.component_id IN (SELECT c.id FROM components c WHERE c.folder_id IN (")
                    .append(String.join(", ", scope.folderIds().stream().map(id -> "?").toList())).append("))");
            parameters.addAll(scope.folderIds());
        }
        return new PageStatement(COLUMNS + where + " ORDER BY " + leadingColumn(query) + "r.backup_time DESC,"
                + " r.id DESC FETCH FIRST " + (query.limit() + 1) + " ROWS ONLY", parameters);
    }

    Optional<AdminRunDetail> detail(String runId) {
        return jdbc.read(connection -> Jdbc.first(connection, COLUMNS + "WHERE r.id = ?", row -> {
            Run run = run(row);
            return new AdminRunDetail(summary(row, run), run);
        }, runId));
    }

    /**
     * The first filter's column, ordered by first (it is constant in the result): H2 reads an index in order,
     * and stops after the page, only when the ORDER BY starts with the index's columns. Else it would read
     * every run of, say, an outcome and sort them.
     */
    private static String leadingColumn(RunQuery query) {
        return query.componentId() != null ? "r.component_id, " : query.jobId() != null ? "r.job_id, "
                : query.user() != null ? "r.user_name, " : query.outcome() != null ? "r.outcome, " : "";
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
                skew, row.getObject(11, Integer.class), row.getString(10), row.getString(12), row.getString(13));
    }
}
