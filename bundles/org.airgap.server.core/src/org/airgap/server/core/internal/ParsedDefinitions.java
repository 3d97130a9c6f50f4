package org.airgap.server.core.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.airgap.model.ModelFormatException;
import org.airgap.model.ModelJson;

/**
 * The definitions of one table (components or jobs), parsed once and remembered by the SHA-256 of their
 * stored JSON ({@code json_sha256}, a column H2 generates: migration 10). A large plant's 20,000 definitions
 * cost far more to read (their JSON is stored apart from the row) and parse than the rest of the overview;
 * they change rarely, so a look reads ids and hashes and fetches only the JSON it has not parsed yet. Each
 * look keeps only what the table holds now.
 */
final class ParsedDefinitions<T> {

    private record Row(String id, String sha256) {
    }

    private final String table;
    private final Class<T> type;
    private Map<String, T> bySha256 = Map.of();

    ParsedDefinitions(String table, Class<T> type) {
        this.table = table;
        this.type = type;
    }

    /** Every definition of the table, read in {@code connection}'s transaction. */
    synchronized List<T> all(Connection connection) throws SQLException {
        List<Row> rows = Jdbc.list(connection, "SELECT id, json_sha256 FROM " + table,
                row -> new Row(row.getString(1), HexFormat.of().formatHex(row.getBytes(2))));
        Map<String, T> known = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (Row row : rows) {
            T definition = bySha256.get(row.sha256());
            if (definition == null) {
                missing.add(row.id());
            } else {
                known.put(row.sha256(), definition);
            }
        }
        Map<String, T> fetched = new HashMap<>();
        if (!missing.isEmpty()) {
            Jdbc.list(connection, "SELECT id, json_sha256, json FROM " + table + " WHERE id = ANY(?)", row -> {
                T definition = parse(row.getString(3));
                known.put(HexFormat.of().formatHex(row.getBytes(2)), definition);
                return fetched.put(row.getString(1), definition);
            }, (Object) missing.toArray(String[]::new));
        }
        bySha256 = known;
        List<T> all = new ArrayList<>(rows.size());
        for (Row row : rows) {
            // Changed or deleted between the two reads: as the second read found it, or left out.
            T definition = fetched.containsKey(row.id()) ? fetched.get(row.id()) : known.get(row.sha256());
            if (definition != null) {
                all.add(definition);
            }
        }
        return all;
    }

    private T parse(String json) throws SQLException {
        try {
            return ModelJson.read(type, json);
        } catch (ModelFormatException e) {
            throw new SQLException("the server database holds an invalid " + type.getSimpleName() + ": "
                    + e.getMessage(), e);
        }
    }
}
