package org.airgap.client.admin;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.airgap.model.RunOutcome;
import org.airgap.protocol.Api;

/**
 * Which runs {@link AdministrationService#runs} asks for: each filter {@code null} for any, the page size and
 * the run the page continues after (the previous page's {@code next}). The server checks every value again.
 *
 * @param component runs of this component
 * @param job       runs of this job
 * @param user      runs uploaded by this technician
 * @param outcome   runs that ended so
 * @param from      backups from this time on (included)
 * @param to        backups before this time
 * @param limit     runs per page, 1 to {@value #MAX_LIMIT}
 * @param after     the page after this run; {@code null} for the first page
 */
public record RunFilter(String component, String job, String user, RunOutcome outcome, Instant from, Instant to,
        int limit, String after) {

    /** The server's default page size. */
    public static final int DEFAULT_LIMIT = 50;
    /** The largest page the server gives. */
    public static final int MAX_LIMIT = 500;
    /** Every run, first page of the default size. */
    public static final RunFilter ALL = new RunFilter(null, null, null, null, null, null, DEFAULT_LIMIT, null);

    public RunFilter {
        component = blankIsNull(component);
        job = blankIsNull(job);
        user = blankIsNull(user);
        after = blankIsNull(after);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("a page holds 1 to " + MAX_LIMIT + " runs, not " + limit);
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("the time range ends (" + to + ") before it starts (" + from + ")");
        }
    }

    /** The same filter, the page after {@code run} ({@code null}: the first page). */
    public RunFilter after(String run) {
        return new RunFilter(component, job, user, outcome, from, to, limit, run);
    }

    /** The query string of the run list ({@code ?component=…&limit=50}), each value encoded. */
    public String query() {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put("component", component);
        parameters.put("job", job);
        parameters.put("user", user);
        parameters.put("outcome", outcome);
        parameters.put("from", from);
        parameters.put("to", to);
        parameters.put("limit", limit);
        parameters.put("after", after);
        return Api.query(parameters);
    }

    private static String blankIsNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }
}
