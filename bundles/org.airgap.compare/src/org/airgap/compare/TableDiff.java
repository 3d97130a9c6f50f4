package org.airgap.compare;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.airgap.driver.api.TableFile;

/**
 * The differences of two table files (docs/formats.md, "Table files"): rows added and removed, and for
 * rows in both, each changed value as column, old value and new value. Both files are read at once in key
 * order, one row of each in memory. Comment lines are not compared; rows matched by an ignore rule (the
 * raw line) are left out as if absent. When the columns differ, rows are compared on the columns both have.
 */
public final class TableDiff {

    public enum Kind {
        ADDED, REMOVED, CHANGED
    }

    /**
     * One value: {@code oldValue} is {@code null} in an added row, {@code newValue} in a removed one.
     */
    public record Cell(String column, String oldValue, String newValue) {
    }

    /**
     * One row that differs.
     *
     * @param cells for a changed row the values that changed; for an added or removed row all values
     *              but the key
     */
    public record Row(Kind kind, String key, List<Cell> cells) {
        public Row {
            cells = List.copyOf(cells);
        }
    }

    private final List<String> oldColumns;
    private final List<String> newColumns;
    private final List<Row> rows;

    private TableDiff(List<String> oldColumns, List<String> newColumns, List<Row> rows) {
        this.oldColumns = oldColumns;
        this.newColumns = newColumns;
        this.rows = List.copyOf(rows);
    }

    /** The diff of two table texts; {@code ignored} (may be {@code null}) sees each row line. */
    public static TableDiff of(String oldTable, String newTable, Predicate<String> ignored)
            throws TableFormatException {
        try {
            return of(oldTable == null ? null : new StringReader(oldTable),
                    newTable == null ? null : new StringReader(newTable), ignored);
        } catch (TableFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
    }

    /**
     * The diff of two table files.
     *
     * @param oldTable the old file, or {@code null} when it was added (then every row is added)
     * @param newTable the new file, or {@code null} when it was removed
     * @throws TableFormatException when either does not follow the format, with its line
     */
    public static TableDiff of(Reader oldTable, Reader newTable, Predicate<String> ignored) throws IOException {
        TableReader oldRows = oldTable == null ? null : new TableReader(oldTable, ignored);
        TableReader newRows = newTable == null ? null : new TableReader(newTable, ignored);
        List<String> oldColumns = oldRows == null ? List.of() : oldRows.columns();
        List<String> newColumns = newRows == null ? List.of() : newRows.columns();
        List<Row> rows = new ArrayList<>();
        TableReader.Row left = oldRows == null ? null : oldRows.next();
        TableReader.Row right = newRows == null ? null : newRows.next();
        while (left != null || right != null) {
            int order = left == null ? 1 : right == null ? -1 : TableFile.compareCodePoints(left.key(), right.key());
            if (order < 0) {
                rows.add(whole(Kind.REMOVED, oldColumns, left));
                left = oldRows.next();
            } else if (order > 0) {
                rows.add(whole(Kind.ADDED, newColumns, right));
                right = newRows.next();
            } else {
                List<Cell> cells = new ArrayList<>();
                for (int i = 1; i < oldColumns.size(); i++) {
                    int j = newColumns.indexOf(oldColumns.get(i));
                    if (j > 0 && !left.values().get(i).equals(right.values().get(j))) {
                        cells.add(new Cell(oldColumns.get(i), left.values().get(i), right.values().get(j)));
                    }
                }
                if (!cells.isEmpty()) {
                    rows.add(new Row(Kind.CHANGED, left.key(), cells));
                }
                left = oldRows.next();
                right = newRows.next();
            }
        }
        return new TableDiff(oldColumns, newColumns, rows);
    }

    private static Row whole(Kind kind, List<String> columns, TableReader.Row row) {
        List<Cell> cells = new ArrayList<>();
        for (int i = 1; i < columns.size(); i++) {
            String value = row.values().get(i);
            cells.add(kind == Kind.ADDED ? new Cell(columns.get(i), null, value)
                    : new Cell(columns.get(i), value, null));
        }
        return new Row(kind, row.key(), cells);
    }

    /** Column names of the old file, the key first; empty when the file was added. */
    public List<String> oldColumns() {
        return oldColumns;
    }

    /** Column names of the new file, the key first; empty when the file was removed. */
    public List<String> newColumns() {
        return newColumns;
    }

    /** The rows that differ, in key order. */
    public List<Row> rows() {
        return rows;
    }

    /** Whether the header changed (only when both files exist). */
    public boolean columnsChanged() {
        return !oldColumns.isEmpty() && !newColumns.isEmpty() && !oldColumns.equals(newColumns);
    }

    /** Whether nothing relevant differs: same columns, no row added, removed or changed. */
    public boolean isEmpty() {
        return rows.isEmpty() && !columnsChanged();
    }

    /**
     * The differences for people, one line each: {@code columns: a, b -> a, b, c} when the header changed,
     * then per row {@code - key col=value, ...} (removed), {@code + key col=value, ...} (added) or
     * {@code ~ key col: old -> new, ...} (changed). Values are shown escaped as in the file, {@code ""} when
     * empty.
     */
    public String format() {
        StringBuilder out = new StringBuilder();
        if (columnsChanged()) {
            out.append("columns: ").append(String.join(", ", oldColumns)).append(" -> ")
                    .append(String.join(", ", newColumns)).append('\n');
        }
        for (Row row : rows) {
            out.append(switch (row.kind()) {
                case ADDED -> '+';
                case REMOVED -> '-';
                case CHANGED -> '~';
            }).append(' ').append(show(row.key()));
            String separator = " ";
            for (Cell cell : row.cells()) {
                out.append(separator).append(cell.column());
                switch (row.kind()) {
                    case ADDED -> out.append('=').append(show(cell.newValue()));
                    case REMOVED -> out.append('=').append(show(cell.oldValue()));
                    case CHANGED -> out.append(": ").append(show(cell.oldValue())).append(" -> ")
                            .append(show(cell.newValue()));
                }
                separator = ", ";
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String show(String value) {
        return value.isEmpty() ? "\"\"" : TableFile.escape(value);
    }
}
