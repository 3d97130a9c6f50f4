package org.airgap.client.admin.plant.internal;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parameters as plain {@code key=value} rows, one a line, for the fallback editor: written with the values of keys
 * that name a secret (password, secret, token, key) masked, and read back with a masked value meaning "as it was".
 */
final class KeyValueRows {

    static final String MASK = "********";

    private KeyValueRows() {
    }

    /** Whether the key names a value that is never shown (a password, a private key, a token). */
    static boolean secret(String key) {
        String lower = key.toLowerCase(Locale.ROOT);
        return lower.contains("password") || lower.contains("secret") || lower.contains("token")
                || lower.contains("passphrase") || lower.endsWith("key");
    }

    /** The rows of {@code values}, sorted by key, secrets masked. */
    static String format(Map<String, String> values) {
        StringBuilder rows = new StringBuilder();
        new TreeMap<>(values).forEach((key, value) -> rows.append(key).append('=')
                .append(secret(key) ? MASK : value).append('\n'));
        return rows.toString();
    }

    /**
     * The values the rows say; a secret key whose value is still {@link #MASK} keeps its value of {@code before}.
     *
     * @throws IllegalArgumentException naming the line that is not {@code key=value} or repeats a key
     */
    static Map<String, String> parse(String rows, Map<String, String> before) {
        Map<String, String> values = new TreeMap<>();
        String[] lines = rows.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("line " + (i + 1) + " is not key=value: '" + line + "'");
            }
            String key = line.substring(0, equals).strip();
            String value = line.substring(equals + 1).strip();
            if (secret(key) && value.equals(MASK) && before.containsKey(key)) {
                value = before.get(key);
            }
            if (values.put(key, value) != null) {
                throw new IllegalArgumentException("line " + (i + 1) + " repeats the key '" + key + "'");
            }
        }
        return values;
    }
}
