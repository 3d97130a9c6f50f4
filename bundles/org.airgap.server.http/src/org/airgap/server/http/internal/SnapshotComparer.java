package org.airgap.server.http.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.airgap.compare.CompareEngine;
import org.airgap.compare.EntryComparison;
import org.airgap.compare.EntryStatus;
import org.airgap.compare.FileDiff;
import org.airgap.compare.SnapshotComparison;
import org.airgap.compare.TableDiff;
import org.airgap.compare.TextDiff;
import org.airgap.model.IgnoreRule;
import org.airgap.protocol.SnapshotCompare;
import org.airgap.protocol.SnapshotCompare.Side;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.airgap.store.ContentStore;
import org.airgap.store.EntryType;
import org.airgap.store.Manifest;
import org.airgap.store.ManifestEntry;

/**
 * Two snapshots of the server's store compared with the laptop's {@link CompareEngine}, as the
 * administrator's compare answers it: every path with its status, and the text or table differences of
 * the files that differ, within limits that keep one answer small enough to send and to show.
 */
final class SnapshotComparer {

    /** The most files whose differences one answer carries (the others: ask with {@code path}). */
    static final int MAX_DIFFS = 50;
    /** The most hunk lines or table rows of one file. */
    static final int MAX_LINES = 5_000;
    /** Files larger than this on either side get no line diff on the server. */
    static final long MAX_DIFF_BYTES = 4L * 1024 * 1024;

    private final CompareEngine engine;
    private final ContentStore store;

    SnapshotComparer(CompareEngine engine, ContentStore store) {
        this.engine = engine;
        this.store = store;
    }

    /**
     * @param rules     the ignore rules of {@code rulesJob}
     * @param onlyPath  the one path whose differences to give, or {@code null} for the first
     *                  {@link #MAX_DIFFS} differing files
     * @throws ServerException NOT_FOUND for a path in neither snapshot, CONFLICT for a snapshot missing from
     *                         the store
     */
    SnapshotCompare compare(String componentId, Side left, Side right, List<IgnoreRule> rules, String rulesJob,
            String onlyPath) throws ServerException {
        Manifest leftManifest = manifest(left);
        Manifest rightManifest = manifest(right);
        SnapshotComparison comparison;
        try {
            comparison = engine.compare(leftManifest, store::openBlob, rightManifest, store::openBlob, rules, null);
        } catch (IllegalArgumentException e) {
            throw new ServerException(Kind.CONFLICT, "the ignore rules of job " + rulesJob + " cannot be applied ("
                    + e.getMessage() + "): correct the job's ignoreRules", e);
        }
        Map<String, Integer> counts = new TreeMap<>();
        List<SnapshotCompare.Entry> entries = new ArrayList<>(comparison.entries().size());
        for (EntryComparison entry : comparison.entries()) {
            counts.merge(entry.status().name(), 1, Integer::sum);
            ManifestEntry shown = entry.backup() != null ? entry.backup() : entry.basis();
            entries.add(new SnapshotCompare.Entry(entry.path(), entry.status().name(), shown.type().name(),
                    fileSize(entry.basis()), fileSize(entry.backup()), entry.detail()));
        }
        List<EntryComparison> toDiff;
        if (onlyPath != null) {
            toDiff = List.of(comparison.entry(onlyPath).orElseThrow(() -> new ServerException(Kind.NOT_FOUND,
                    "no path '" + onlyPath + "' in " + left.ref() + " or " + right.ref() + " of " + componentId)));
        } else {
            List<EntryComparison> differences = comparison.differences();
            toDiff = differences.subList(0, Math.min(MAX_DIFFS, differences.size()));
        }
        List<SnapshotCompare.FileDiff> diffs = new ArrayList<>();
        for (EntryComparison entry : toDiff) {
            diffs.add(diff(entry, left, right, rules));
        }
        int omitted = onlyPath != null ? 0 : comparison.differences().size() - toDiff.size();
        return new SnapshotCompare(componentId, left, right, comparison.result(), rulesJob, counts, entries, diffs,
                omitted);
    }

    private Manifest manifest(Side side) throws ServerException {
        if (side.snapshotId() == null) {
            throw new ServerException(Kind.BAD_REQUEST, side.ref() + " has no snapshot to compare: the run made no"
                    + " backup (it failed before reading the device)");
        }
        try {
            return store.readSnapshot(side.snapshotId()).manifest();
        } catch (IOException | RuntimeException e) {
            throw new ServerException(Kind.CONFLICT, "the snapshot " + side.snapshotId() + " of " + side.ref()
                    + " cannot be read from the server's store (" + e.getMessage() + "): the store is damaged;"
                    + " restore the data directory from its backup", e);
        }
    }

    private SnapshotCompare.FileDiff diff(EntryComparison entry, Side left, Side right, List<IgnoreRule> rules) {
        String path = entry.path();
        if (entry.status() == EntryStatus.ERROR) {
            return none(path, "ERROR", entry.detail());
        }
        long largest = Math.max(size(entry.basis()), size(entry.backup()));
        if (largest > MAX_DIFF_BYTES) {
            return none(path, "NONE", "too large for a line diff on the server (" + largest + " bytes, the limit is "
                    + MAX_DIFF_BYTES + "): download both snapshots and compare them on a laptop");
        }
        FileDiff diff;
        try {
            diff = engine.diff(entry.basis(), store::openBlob, entry.backup(), store::openBlob, rules);
        } catch (IOException | RuntimeException e) {
            return none(path, "ERROR", "a content of " + path + " cannot be read from the server's store: "
                    + e.getMessage());
        }
        return switch (diff) {
            case FileDiff.Text text -> text(path, text, left.ref() + "/" + path, right.ref() + "/" + path);
            case FileDiff.Table table -> table(path, table.diff());
            case FileDiff.Opaque opaque -> none(path, "NONE", opaque.reason());
        };
    }

    private static SnapshotCompare.FileDiff text(String path, FileDiff.Text text, String leftLabel, String rightLabel) {
        List<SnapshotCompare.Hunk> hunks = new ArrayList<>();
        int lines = 0;
        boolean truncated = false;
        for (TextDiff.Hunk hunk : text.diff().hunks()) {
            if (lines + hunk.lines().size() > MAX_LINES) {
                truncated = true;
                break;
            }
            lines += hunk.lines().size();
            hunks.add(new SnapshotCompare.Hunk(hunk.oldStart(), hunk.oldCount(), hunk.newStart(), hunk.newCount(),
                    hunk.lines().stream().map(line -> line.kind().prefix() + TextDiff.content(line.text())).toList()));
        }
        String unified = cut(text.diff().unified(leftLabel, rightLabel));
        return new SnapshotCompare.FileDiff(path, "TEXT", unified, hunks, null, null, text.note(), truncated);
    }

    private static SnapshotCompare.FileDiff table(String path, TableDiff diff) {
        List<SnapshotCompare.Row> rows = diff.rows().stream().limit(MAX_LINES)
                .map(row -> new SnapshotCompare.Row(row.kind().name(), row.key(), row.cells().stream()
                        .map(cell -> new SnapshotCompare.Cell(cell.column(), cell.oldValue(), cell.newValue()))
                        .toList()))
                .toList();
        List<String> columns = diff.newColumns().isEmpty() ? diff.oldColumns() : diff.newColumns();
        return new SnapshotCompare.FileDiff(path, "TABLE", cut(diff.format()), null, columns, rows, null,
                diff.rows().size() > MAX_LINES);
    }

    private static SnapshotCompare.FileDiff none(String path, String kind, String reason) {
        return new SnapshotCompare.FileDiff(path, kind, "", null, null, null, reason, false);
    }

    /** The text up to {@link #MAX_LINES} lines, with a last line saying how many were left out. */
    private static String cut(String text) {
        int end = -1;
        for (int i = 0; i < MAX_LINES; i++) {
            end = text.indexOf('\n', end + 1);
            if (end < 0) {
                return text;
            }
        }
        if (end == text.length() - 1) {
            return text;
        }
        long more = text.substring(end + 1).lines().count();
        return text.substring(0, end + 1) + "... " + more + " more lines left out (the server's limit is " + MAX_LINES
                + " lines per file)\n";
    }

    private static Long fileSize(ManifestEntry entry) {
        return entry == null || entry.type() != EntryType.FILE ? null : entry.size();
    }

    private static long size(ManifestEntry entry) {
        Long size = fileSize(entry);
        return size == null ? 0 : size;
    }
}
