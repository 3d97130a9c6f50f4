package org.airgap.server.core;

import java.time.Instant;

import org.airgap.model.RunOutcome;

/**
 * What the administrator's run list shows: the filters (each {@code null} for any) and one page of at most
 * {@link #limit} runs, newest backup first, after the run {@link #after} (the previous page's last).
 *
 * @param from  the earliest backup time included
 * @param to    the backup time from which runs are no longer included (exclusive)
 * @param after the id of the last run of the previous page; {@code null} for the first page
 */
public record RunQuery(String componentId, String jobId, String user, RunOutcome outcome, Instant from, Instant to,
        int limit, String after) {

    /** The page size when none is asked for. */
    public static final int DEFAULT_LIMIT = 50;
    /** The largest page served: a request for more is refused, so no request reads the whole table. */
    public static final int MAX_LIMIT = 500;

    /** @throws IllegalArgumentException for a page size outside 1…{@link #MAX_LIMIT} or an empty time range */
    public RunQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit " + limit + " is outside 1…" + MAX_LIMIT
                    + ": ask for at most " + MAX_LIMIT + " runs a page and page on with after=");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            throw new IllegalArgumentException("from " + from + " is not before to " + to);
        }
    }

    /** The first page of every run. */
    public static RunQuery all(int limit) {
        return new RunQuery(null, null, null, null, null, null, limit, null);
    }
}
