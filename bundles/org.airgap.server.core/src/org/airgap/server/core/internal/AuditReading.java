package org.airgap.server.core.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.airgap.audit.AuditEntry;
import org.airgap.protocol.AuditLogEntry;
import org.airgap.protocol.AuditPage;
import org.airgap.protocol.AuditTrailCheck;
import org.airgap.protocol.ProtocolJson;
import org.airgap.server.core.AuditFilter;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;

/**
 * Reads the audit trails for administrators: the server's own ({@code server_audit}) and the laptops'
 * ({@code audit}) as one list, filtered and paged by a keyset cursor (time, trail, number), with every
 * trail of the sources asked for verified ({@link ServerTrailVerification}, {@link LaptopTrailsVerification}).
 * A laptop entry is shown as it was uploaded (its stored JSON, which its hash covers).
 */
final class AuditReading {

    /** A page's last entry, as {@code next}: {@code <time>~<server|laptop>~<number or hash>}. */
    private record Cursor(Instant time, String source, String key) {

        private static final Pattern KEY = Pattern.compile("[0-9]{19}|[0-9a-f]{64}");

        static Cursor parse(String text) throws ServerException {
            String[] parts = text.split("~", -1);
            try {
                if (parts.length == 3 && (parts[1].equals(AuditLogEntry.SERVER) || parts[1].equals(AuditLogEntry.LAPTOP))
                        && KEY.matcher(parts[2]).matches()) {
                    return new Cursor(Instant.parse(parts[0]), parts[1], parts[2]);
                }
            } catch (DateTimeParseException e) {
                // refused below, like any other malformed cursor
            }
            throw new ServerException(Kind.BAD_REQUEST, "after='" + (text.length() > 100 ? text.substring(0, 100) + "…"
                    : text) + "' is not a page cursor: pass the 'next' of the page before");
        }

        String text() {
            return time + "~" + source + "~" + key;
        }
    }

    private static final String SERVER_ROWS = "SELECT '" + AuditLogEntry.SERVER + "' AS src, time, user_name,"
            + " kind AS action, subject, details, LPAD(CAST(sequence AS VARCHAR), 19, '0') AS k,"
            + " CAST(NULL AS VARCHAR(64)) AS uploaded_by, hash, CAST(NULL AS VARCHAR) AS entry_json,"
            + " sequence AS seq FROM server_audit WHERE hash IS NOT NULL";
    private static final String LAPTOP_ROWS = "SELECT '" + AuditLogEntry.LAPTOP + "' AS src, time, user_name, action,"
            + " subject, details, hash AS k, uploaded_by, hash, entry_json, sequence AS seq FROM audit WHERE TRUE";

    private final Jdbc jdbc;

    AuditReading(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** A page oldest first, or newest first when {@code newestFirst} (the cursor then continues with older ones). */
    AuditPage page(AuditFilter filter, boolean newestFirst) throws ServerException {
        Cursor after = filter.after() == null ? null : Cursor.parse(filter.after());
        return jdbc.read(connection -> {
            List<Object> parameters = new ArrayList<>();
            List<String> branches = new ArrayList<>();
            if (filter.server()) {
                branches.add(SERVER_ROWS + conditions(filter, "kind", parameters));
            }
            if (filter.laptops()) {
                branches.add(LAPTOP_ROWS + conditions(filter, "action", parameters));
            }
            String sql = "SELECT src, time, user_name, action, subject, details, k, uploaded_by, hash, entry_json, seq"
                    + " FROM (" + String.join(" UNION ALL ", branches) + ") t";
            if (after != null) {
                String beyond = newestFirst ? "<" : ">";
                sql += " WHERE time " + beyond + " ? OR (time = ? AND (src " + beyond + " ? OR (src = ? AND k " + beyond
                        + " ?)))";
                parameters.addAll(List.of(after.time(), after.time(), after.source(), after.source(), after.key()));
            }
            sql += (newestFirst ? " ORDER BY time DESC, src DESC, k DESC" : " ORDER BY time, src, k") + " FETCH FIRST "
                    + (filter.limit() + 1) + " ROWS ONLY";
            List<Row> rows = Jdbc.list(connection, sql, AuditReading::row, parameters.toArray());
            boolean more = rows.size() > filter.limit();
            List<Row> page = more ? rows.subList(0, filter.limit()) : rows;
            String next = more ? page.get(page.size() - 1).cursor().text() : null;
            return new AuditPage(page.stream().map(Row::entry).toList(), verify(connection, filter), next);
        });
    }

    List<AuditTrailCheck> verify(AuditFilter filter) {
        return jdbc.read(connection -> verify(connection, filter));
    }

    private static List<AuditTrailCheck> verify(Connection connection, AuditFilter filter) throws SQLException {
        List<AuditTrailCheck> trails = new ArrayList<>();
        if (filter.server()) {
            trails.add(ServerTrailVerification.verify(connection));
        }
        if (filter.laptops()) {
            trails.addAll(LaptopTrailsVerification.verify(connection));
        }
        return trails;
    }

    private static String conditions(AuditFilter filter, String actionColumn, List<Object> parameters) {
        StringBuilder sql = new StringBuilder();
        if (filter.user() != null) {
            sql.append(" AND user_name = ?");
            parameters.add(filter.user());
        }
        if (filter.action() != null) {
            sql.append(" AND ").append(actionColumn).append(" = ?");
            parameters.add(filter.action());
        }
        if (filter.subject() != null) {
            sql.append(" AND LOWER(subject) LIKE ? ESCAPE '\\'");
            parameters.add("%" + filter.subject().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                    .replace("_", "\\_") + "%");
        }
        if (filter.from() != null) {
            sql.append(" AND time >= ?");
            parameters.add(filter.from());
        }
        if (filter.to() != null) {
            sql.append(" AND time < ?");
            parameters.add(filter.to());
        }
        return sql.toString();
    }

    private record Row(AuditLogEntry entry, Cursor cursor) {
    }

    private static Row row(ResultSet row) throws SQLException {
        String source = row.getString(1);
        Instant time = Jdbc.instant(row, 2);
        Cursor cursor = new Cursor(time, source, row.getString(7));
        AuditEntry uploaded = source.equals(AuditLogEntry.LAPTOP) ? uploaded(row.getString(10)) : null;
        if (uploaded != null) {
            return new Row(new AuditLogEntry(source, uploaded.sequence(), uploaded.time(), uploaded.user(),
                    uploaded.action().name(), uploaded.subject(), uploaded.details(), row.getString(8), uploaded.hash()),
                    cursor);
        }
        return new Row(new AuditLogEntry(source, row.getLong(11), time, row.getString(3), row.getString(4),
                nonNull(row.getString(5)), nonNull(row.getString(6)), row.getString(8), row.getString(9)), cursor);
    }

    /** The entry as uploaded; {@code null} when the stored JSON was damaged (the verification reports it). */
    private static AuditEntry uploaded(String json) {
        try {
            return json == null ? null : ProtocolJson.read(json, AuditEntry.class);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static String nonNull(String text) {
        return text == null ? "" : text;
    }
}
