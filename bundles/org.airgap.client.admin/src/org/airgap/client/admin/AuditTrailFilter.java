package org.airgap.client.admin;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.airgap.protocol.Api;

/**
 * Which audit entries {@link AdministrationService#auditTrail} asks for: whose trails, each filter {@code null}
 * for any, the page size and the entry the page continues after (the previous page's {@code next}). The server
 * checks every value again.
 *
 * @param source  the server's trail, the laptops' or all
 * @param user    entries of this user, exactly
 * @param subject entries whose subject contains this text, in any case
 * @param action  entries of this action (LOGIN, COMMIT, FOLDER_CREATE, …)
 * @param from    entries from this time on (included)
 * @param to      entries before this time
 * @param newestFirst the newest entry first, the next page older ones; else the oldest first
 * @param limit   entries per page, 1 to {@link Api#MAX_AUDIT_PAGE}
 * @param after   the page after this cursor; {@code null} for the first page
 */
public record AuditTrailFilter(Source source, String user, String subject, String action, Instant from, Instant to,
        boolean newestFirst, int limit, String after) {

    /** Whose trails, as the server's {@code source} parameter names them. */
    public enum Source {
        ALL("all"), SERVER("server"), LAPTOPS("laptops");

        private final String parameter;

        Source(String parameter) {
            this.parameter = parameter;
        }

        /** The value of the {@code source} parameter. */
        public String parameter() {
            return parameter;
        }
    }

    /** The server's default page size. */
    public static final int DEFAULT_LIMIT = 100;
    /** Every entry of every trail, newest first, first page of the default size. */
    public static final AuditTrailFilter ALL = new AuditTrailFilter(Source.ALL, null, null, null, null, null, true,
            DEFAULT_LIMIT, null);

    public AuditTrailFilter {
        source = source == null ? Source.ALL : source;
        user = blankIsNull(user);
        subject = blankIsNull(subject);
        action = blankIsNull(action);
        after = blankIsNull(after);
        if (limit < 1 || limit > Api.MAX_AUDIT_PAGE) {
            throw new IllegalArgumentException("a page holds 1 to " + Api.MAX_AUDIT_PAGE + " entries, not " + limit);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("the time range ends (" + to + ") before it starts (" + from + ")");
        }
    }

    /** The same filter, the page after {@code cursor} ({@code null}: the first page). */
    public AuditTrailFilter after(String cursor) {
        return new AuditTrailFilter(source, user, subject, action, from, to, newestFirst, limit, cursor);
    }

    /** The query string of the audit list ({@code ?source=all&user=…&order=newest&limit=100}), each value encoded. */
    public String query() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("source", source.parameter());
        parameters.put("user", user);
        parameters.put("subject", subject);
        parameters.put("action", action);
        parameters.put("from", from);
        parameters.put("to", to);
        parameters.put("order", newestFirst ? "newest" : null);
        parameters.put("limit", limit);
        parameters.put("after", after);
        return Api.query(parameters);
    }

    private static String blankIsNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
