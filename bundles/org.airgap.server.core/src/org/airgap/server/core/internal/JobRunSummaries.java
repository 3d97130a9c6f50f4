package org.airgap.server.core.internal;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.airgap.model.RunOutcome;
import org.airgap.protocol.OverviewStatus;

/**
 * Each job's last run and latest backup, for the overview, kept in memory and brought up to date from the
 * runs committed since the last look. An aggregate over all runs reads every one of them (200,000 on a
 * large plant: about a second); the first overview after a start does that once, later ones read only the
 * runs committed meanwhile (index {@code runs_by_commit_time}). Commit times are taken before their
 * transaction ends, so a look also reads back {@link #MARGIN} before the newest commit it saw; reading a run
 * twice changes nothing. A purge, which deletes runs, makes the next look start over
 * ({@link Jdbc#runsDeleted()}). A run whose snapshot a retention policy let go ({@code dropped_snapshot_id})
 * still counts as a backup taken then: the backup's age is what the overview warns about.
 */
final class JobRunSummaries {

    /** Longer than any commit transaction takes. */
    static final Duration MARGIN = Duration.ofMinutes(10);

    /**
     * A job's last committed run and latest backup.
     *
     * @param committed    the last run's commit time (the server's clock), which orders the runs
     * @param latestBackup the start of the job's latest run with a backup, {@code null} for none
     */
    record LastRun(Instant committed, Instant start, RunOutcome outcome, OverviewStatus status,
            Instant latestBackup) {

        /** The later of the two (the worse when committed at the same time), with the later backup. */
        LastRun merge(LastRun other) {
            boolean thisLast = committed.isAfter(other.committed)
                    || committed.equals(other.committed) && statusOf(this).compareTo(statusOf(other)) >= 0;
            LastRun last = thisLast ? this : other;
            Instant backup = latestBackup == null ? other.latestBackup
                    : other.latestBackup == null || latestBackup.isAfter(other.latestBackup) ? latestBackup
                            : other.latestBackup;
            return new LastRun(last.committed, last.start, last.outcome, last.status, backup);
        }
    }

    private static final String ALL_JOBS = """
            SELECT l.job_id, r.committed, r.run_start, r.outcome, r.server_version_result, l.latest_backup
            FROM (SELECT job_id, MAX(committed) AS last_commit,
                         MAX(CASE WHEN COALESCE(snapshot_id, dropped_snapshot_id) IS NOT NULL THEN run_start END) AS latest_backup
                  FROM runs GROUP BY job_id) l
            JOIN runs r ON r.job_id = l.job_id AND r.committed = l.last_commit""";
    private static final String SINCE = """
            SELECT job_id, committed, run_start, outcome, server_version_result,
                   CASE WHEN COALESCE(snapshot_id, dropped_snapshot_id) IS NOT NULL THEN run_start END
            FROM runs WHERE committed >= ?""";

    private final Map<String, LastRun> byJob = new HashMap<>();
    private Instant newest;
    private long seenDeletions;

    /** The summaries as of now, read in {@code connection}'s transaction; a copy the caller may keep. */
    synchronized Map<String, LastRun> current(Connection connection, long runDeletions) throws SQLException {
        if (runDeletions != seenDeletions) { // a purge deleted runs: what is kept here may name them
            byJob.clear();
            newest = null;
            seenDeletions = runDeletions;
        }
        if (newest == null) {
            Jdbc.list(connection, ALL_JOBS, this::add);
        } else {
            Jdbc.list(connection, SINCE, this::add, newest.minus(MARGIN));
        }
        return Map.copyOf(byJob);
    }

    private Void add(ResultSet row) throws SQLException {
        // A row without an outcome (not written by this server: every commit records one) is a run still
        // running, as the run's own model says of a run without an end; one odd row must not break the overview.
        String outcome = row.getString(4);
        LastRun run = new LastRun(Jdbc.instant(row, 2), Jdbc.instant(row, 3),
                outcome == null ? RunOutcome.RUNNING : RunOutcome.valueOf(outcome),
                OverviewStatus.valueOf(row.getString(5)), row.getObject(6) == null ? null : Jdbc.instant(row, 6));
        byJob.merge(row.getString(1), run, LastRun::merge);
        if (newest == null || run.committed().isAfter(newest)) {
            newest = run.committed();
        }
        return null;
    }

    static OverviewStatus statusOf(LastRun last) {
        return last == null ? OverviewRollUp.job(null, null) : OverviewRollUp.job(last.outcome(), last.status());
    }
}
