package org.airgap.compare;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.airgap.driver.api.TableFile;

/** Reads a table file row by row, checking the format as it goes; only the current row is in memory. */
final class TableReader {

    /** A row: its values unescaped, in column order, the key first. */
    record Row(int line, List<String> values) {
        String key() {
            return values.get(0);
        }
    }

    private final BufferedReader reader;
    private final Predicate<String> ignored;
    private final List<String> columns;
    private int lineNumber;
    private String previousKey;

    /**
     * Reads up to the header line.
     *
     * @param ignored rows (raw lines) to skip as if absent, may be {@code null}
     */
    TableReader(Reader reader, Predicate<String> ignored) throws IOException {
        this.reader = reader instanceof BufferedReader buffered ? buffered : new BufferedReader(reader);
        this.ignored = ignored;
        String first = nextLine();
        if (first != null && first.startsWith("\uFEFF")) {
            first = first.substring(1); // a byte order mark some editors add
        }
        if (first == null || !TableFile.isFirstLine(first)) {
            throw new TableFormatException(1, "a table file starts with '" + TableFile.FIRST_LINE + "'");
        }
        String header;
        do {
            header = nextLine();
        } while (header != null && header.startsWith("#"));
        if (header == null) {
            throw new TableFormatException(lineNumber, "no header line");
        }
        columns = fields(header);
        Set<String> names = new HashSet<>();
        for (String column : columns) {
            if (column.isEmpty() || !names.add(column)) {
                throw new TableFormatException(lineNumber, (column.isEmpty() ? "empty column name" : "column twice: "
                        + column));
            }
        }
    }

    List<String> columns() {
        return columns;
    }

    /** The next row that is not ignored, or {@code null} at the end. */
    Row next() throws IOException {
        String line;
        do {
            line = nextLine();
        } while (line != null && ignored != null && ignored.test(line));
        if (line == null) {
            return null;
        }
        List<String> values = fields(line);
        if (values.size() != columns.size()) {
            throw new TableFormatException(lineNumber, values.size() + " values for " + columns.size() + " columns");
        }
        String key = values.get(0);
        if (key.isEmpty()) {
            throw new TableFormatException(lineNumber, "empty key");
        }
        if (previousKey != null && TableFile.compareCodePoints(previousKey, key) >= 0) {
            throw new TableFormatException(lineNumber, "key '" + key + "' after '" + previousKey
                    + "': rows must be sorted by key, each key once");
        }
        previousKey = key;
        return new Row(lineNumber, values);
    }

    private String nextLine() throws IOException {
        String line = reader.readLine();
        if (line != null) {
            lineNumber++;
        }
        return line;
    }

    private List<String> fields(String line) throws TableFormatException {
        List<String> fields = new ArrayList<>();
        try {
            for (String field : line.split("\t", -1)) {
                fields.add(TableFile.unescape(field));
            }
        } catch (IllegalArgumentException e) {
            throw new TableFormatException(lineNumber, e.getMessage());
        }
        return List.copyOf(fields);
    }
}
