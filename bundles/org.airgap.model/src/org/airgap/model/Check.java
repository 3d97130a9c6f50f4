package org.airgap.model;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Validation shared by the records. Every message starts with "Type.field" so that a bad value read from
 * a file or typed in a form can be traced to the field that holds it.
 */
final class Check {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private Check() {
    }

    static IllegalArgumentException invalid(String field, String problem) {
        return new IllegalArgumentException(field + " " + problem);
    }

    static <T> T present(T value, String field) {
        if (value == null) {
            throw invalid(field, "is missing");
        }
        return value;
    }

    /** Ids and names: present and not only white space. */
    static String text(String value, String field) {
        if (present(value, field).isBlank()) {
            throw invalid(field, "is blank");
        }
        return value;
    }

    /** An optional id: null, or not blank. */
    static String optionalText(String value, String field) {
        return value == null ? null : text(value, field);
    }

    /** Snapshot ids are SHA-256 hex, as the store computes them. */
    static String optionalSnapshotId(String value, String field) {
        if (value != null && !SHA256.matcher(value).matches()) {
            throw invalid(field, "is not a snapshot id (64 lower-case hex digits): '" + value + "'");
        }
        return value;
    }

    static Duration notNegative(Duration value, String field) {
        if (present(value, field).isNegative()) {
            throw invalid(field, "must not be negative, was " + value);
        }
        return value;
    }

    /** An unmodifiable copy sorted by key, so that equal maps are also written identically. */
    static Map<String, String> parameters(Map<String, String> map, String field) {
        Map<String, String> sorted = new TreeMap<>();
        for (Map.Entry<String, String> entry : present(map, field).entrySet()) {
            if (entry.getKey() == null || entry.getKey().isBlank()) {
                throw invalid(field, "has a parameter without a name");
            }
            if (entry.getValue() == null) {
                throw invalid(field, "parameter '" + entry.getKey() + "' has no value");
            }
            sorted.put(entry.getKey(), entry.getValue());
        }
        return Collections.unmodifiableMap(sorted);
    }

    /** An unmodifiable copy without null elements. */
    static <T> List<T> list(List<T> list, String field) {
        List<T> present = present(list, field);
        for (int i = 0; i < present.size(); i++) {
            if (present.get(i) == null) {
                throw invalid(field + "[" + i + "]", "is missing");
            }
        }
        return List.copyOf(present);
    }

    /** Glob lists: every pattern present and not blank. */
    static List<String> globs(List<String> globs, String field) {
        List<String> copy = list(globs, field);
        for (int i = 0; i < copy.size(); i++) {
            text(copy.get(i), field + "[" + i + "]");
        }
        return copy;
    }
}
