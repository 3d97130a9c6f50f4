package org.airgap.protocol;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.airgap.model.CompareResult;

/**
 * GET /api/admin/compare: two snapshots of one component compared by the laptop's compare engine, left as
 * the basis and right as the backup (so ADDED means only on the right).
 *
 * @param componentId    the component
 * @param left           the left snapshot
 * @param right          the right snapshot
 * @param result         the overall result
 * @param ignoreRulesOf  the job whose ignore rules were applied, {@code null} for none
 * @param counts         how many paths have each status (EQUAL, ADDED, REMOVED, CHANGED, IGNORED, ERROR)
 * @param entries        every path of either side, sorted (the file tree with statuses)
 * @param diffs          the differences of the changed, added and removed files, at most
 *                       {@code diffsLimit} of them in path order (or only the asked path's)
 * @param diffsOmitted   how many differing files got no diff because of the limit
 */
public record SnapshotCompare(String componentId, Side left, Side right, CompareResult result, String ignoreRulesOf,
        Map<String, Integer> counts, List<Entry> entries, List<FileDiff> diffs, int diffsOmitted) {

    public SnapshotCompare {
        counts = Map.copyOf(counts);
        entries = List.copyOf(entries);
        diffs = List.copyOf(diffs);
    }

    /**
     * One side.
     *
     * @param ref         as asked: {@code v3} or {@code run:<id>}
     * @param snapshotId  its snapshot
     * @param version     the version number, {@code null} for a run
     * @param runId       the run it came from, {@code null} when unknown
     * @param jobId       the job of that run, {@code null} when unknown
     * @param time        when the version was made or the run started
     * @param user        who made the version or uploaded the run
     */
    public record Side(String ref, String snapshotId, Integer version, String runId, String jobId, Instant time,
            String user) {
    }

    /**
     * One path.
     *
     * @param type       FILE, DIRECTORY or SYMLINK (the right side's when it has the path)
     * @param leftSize   the left file's size, {@code null} when the path is not a file there
     * @param rightSize  the right file's size, {@code null} when the path is not a file there
     * @param detail     why, when the status does not say it all
     */
    public record Entry(String path, String status, String type, Long leftSize, Long rightSize, String detail) {
    }

    /**
     * The differences of one file.
     *
     * @param kind      TEXT (hunks), TABLE (rows), NONE (no line differences: binary, too large, not a
     *                  file; {@code reason} says why) or ERROR (a content could not be read; {@code reason})
     * @param text      the differences for people: a unified diff for TEXT, one line per row for TABLE
     * @param hunks     TEXT: the hunks, each line with its prefix (' ', '-', '+')
     * @param columns   TABLE: the right file's columns (the left's when it was removed), the key first
     * @param rows      TABLE: the rows added, removed or changed
     * @param reason    NONE and ERROR: why there is no diff; TEXT: why a table file was diffed as text
     * @param truncated whether hunks or rows were cut at the server's limit
     */
    public record FileDiff(String path, String kind, String text, List<Hunk> hunks, List<String> columns,
            List<Row> rows, String reason, boolean truncated) {

        public FileDiff {
            hunks = hunks == null ? List.of() : List.copyOf(hunks);
            columns = columns == null ? List.of() : List.copyOf(columns);
            rows = rows == null ? List.of() : List.copyOf(rows);
        }
    }

    /** A text hunk as in a unified diff: line numbers start at 1. */
    public record Hunk(int leftStart, int leftCount, int rightStart, int rightCount, List<String> lines) {
        public Hunk {
            lines = List.copyOf(lines);
        }
    }

    /**
     * A table row that differs: {@code kind} ADDED, REMOVED or CHANGED; the cells that changed (all for an
     * added or removed row).
     */
    public record Row(String kind, String key, List<Cell> cells) {
        public Row {
            cells = List.copyOf(cells);
        }
    }

    /** A value: {@code left} is {@code null} in an added row, {@code right} in a removed one. */
    public record Cell(String column, String left, String right) {
    }
}
