package org.airgap.driver.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The canonical table format drivers write for tabular device data (Modbus registers, parameter lists,
 * tag tables), so that a comparison can list rows and values rather than lines. Described in
 * docs/formats.md, "Table files":
 *
 * <pre>
 * # airgap-table v1
 * # any comment lines (not compared)
 * address	value
 * 40001	17
 * 40002	230
 * </pre>
 *
 * UTF-8, lines ending in '\n'; after the first line, comment lines starting with '#', then one header line
 * of tab-separated column names (the first column is the key), then one row per key, tab-separated, sorted
 * by key in code point order, each key once. In names and values, tab, newline, carriage return and
 * backslash are written {@code \t}, {@code \n}, {@code \r}, {@code \\}.
 */
public final class TableFile {

    /** The first line of every table file. */
    public static final String FIRST_LINE = "# airgap-table v1";

    /** The order of keys: Unicode code points (for UTF-8 this is also the byte order). */
    public static final Comparator<String> KEY_ORDER = TableFile::compareCodePoints;

    private TableFile() {
    }

    /** Whether a file whose first line (without terminator) is this is a table file. */
    public static boolean isFirstLine(String line) {
        return FIRST_LINE.equals(line);
    }

    /**
     * A table in canonical form: rows sorted by key, values escaped.
     *
     * @param comments lines written as {@code # comment} after the first line (for example where and when
     *                 the table was read); not compared
     * @param columns  column names, the key first
     * @param rows     one list of values per row, in column order, in any order of rows
     * @throws IllegalArgumentException for a row of the wrong width, an empty or repeated key, or a comment
     *                                  with a line break
     */
    public static String format(List<String> comments, List<String> columns, List<List<String>> rows) {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a table needs at least the key column");
        }
        List<List<String>> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparing((List<String> row) -> row.get(0), KEY_ORDER));
        StringBuilder out = new StringBuilder(FIRST_LINE).append('\n');
        for (String comment : comments) {
            if (comment.indexOf('\n') >= 0 || comment.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("line break in table comment: " + comment);
            }
            out.append("# ").append(comment).append('\n');
        }
        appendRow(out, columns);
        Set<String> keys = new HashSet<>();
        for (List<String> row : sorted) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("row " + row + " has " + row.size() + " values for "
                        + columns.size() + " columns");
            }
            String key = Objects.requireNonNull(row.get(0), "key");
            if (key.isEmpty() || !keys.add(key)) {
                throw new IllegalArgumentException(key.isEmpty() ? "empty key" : "key twice: " + key);
            }
            appendRow(out, row);
        }
        return out.toString();
    }

    private static void appendRow(StringBuilder out, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append('\t');
            }
            out.append(escape(Objects.requireNonNull(values.get(i), "value")));
        }
        out.append('\n');
    }

    /** A value as written in a table file. */
    public static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\\' -> out.append("\\\\");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * A value as read from a table file.
     *
     * @throws IllegalArgumentException for a backslash that starts no known escape
     */
    public static String unescape(String field) {
        if (field.indexOf('\\') < 0) {
            return field;
        }
        StringBuilder out = new StringBuilder(field.length());
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char next = ++i < field.length() ? field.charAt(i) : 0;
            switch (next) {
                case 't' -> out.append('\t');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case '\\' -> out.append('\\');
                default -> throw new IllegalArgumentException("unknown escape in '" + field + "'");
            }
        }
        return out.toString();
    }

    /** The order of table rows: keys compared by Unicode code point. */
    public static int compareCodePoints(String left, String right) {
        int i = 0;
        int j = 0;
        while (i < left.length() && j < right.length()) {
            int a = left.codePointAt(i);
            int b = right.codePointAt(j);
            if (a != b) {
                return Integer.compare(a, b);
            }
            i += Character.charCount(a);
            j += Character.charCount(b);
        }
        return Boolean.compare(i < left.length(), j < right.length());
    }
}
