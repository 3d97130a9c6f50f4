package org.airgap.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import org.airgap.model.ModelFormatException.Problem;

/**
 * Typed access to the fields of one JSON object of a model document. Every error names the JSON path of
 * the field ({@code $.options.maxAttempts}); {@link #finish()} refuses fields the format does not have,
 * so that a misspelt field in a hand-edited file is reported instead of silently ignored.
 */
final class JsonFields {

    private final JsonObject object;
    private final String path;
    private final Set<String> read = new HashSet<>();

    JsonFields(JsonObject object, String path) {
        this.object = object;
        this.path = path;
    }

    static JsonFields of(JsonElement element, String path) throws ModelFormatException {
        if (element == null || !element.isJsonObject()) {
            throw invalid(path, "expected an object, found " + describe(element));
        }
        return new JsonFields(element.getAsJsonObject(), path);
    }

    String path() {
        return path;
    }

    String fieldPath(String name) {
        return path + "." + name;
    }

    static ModelFormatException invalid(String path, String problem) {
        return new ModelFormatException(Problem.INVALID, path + ": " + problem);
    }

    /** The field's value; {@code null} when absent or JSON null. */
    JsonElement value(String name) {
        read.add(name);
        JsonElement value = object.get(name);
        return value == null || value.isJsonNull() ? null : value;
    }

    private JsonElement required(String name) throws ModelFormatException {
        JsonElement value = value(name);
        if (value == null) {
            throw invalid(fieldPath(name), "is missing");
        }
        return value;
    }

    String string(String name) throws ModelFormatException {
        return asString(required(name), fieldPath(name));
    }

    String optionalString(String name) throws ModelFormatException {
        JsonElement value = value(name);
        return value == null ? null : asString(value, fieldPath(name));
    }

    int integer(String name) throws ModelFormatException {
        JsonElement value = required(name);
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
            BigDecimal number = value.getAsBigDecimal();
            try {
                return number.intValueExact();
            } catch (ArithmeticException notAnInt) {
                // reported below
            }
        }
        throw invalid(fieldPath(name), "expected a whole number, found " + describe(value));
    }

    boolean bool(String name) throws ModelFormatException {
        JsonElement value = required(name);
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean()) {
            return value.getAsBoolean();
        }
        throw invalid(fieldPath(name), "expected true or false, found " + describe(value));
    }

    Instant instant(String name) throws ModelFormatException {
        return toInstant(string(name), fieldPath(name));
    }

    Instant optionalInstant(String name) throws ModelFormatException {
        String text = optionalString(name);
        return text == null ? null : toInstant(text, fieldPath(name));
    }

    Duration duration(String name) throws ModelFormatException {
        return toDuration(string(name), fieldPath(name));
    }

    Duration optionalDuration(String name) throws ModelFormatException {
        String text = optionalString(name);
        return text == null ? null : toDuration(text, fieldPath(name));
    }

    <E extends Enum<E>> E enumValue(String name, Class<E> type) throws ModelFormatException {
        String text = string(name);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(text)) {
                return constant;
            }
        }
        List<String> names = new ArrayList<>();
        for (E constant : type.getEnumConstants()) {
            names.add(constant.name());
        }
        throw invalid(fieldPath(name), "expected one of " + names + ", found \"" + text + "\"");
    }

    Map<String, String> stringMap(String name) throws ModelFormatException {
        JsonFields map = object(name);
        Map<String, String> result = new LinkedHashMap<>();
        for (String key : map.object.keySet()) {
            result.put(key, map.string(key));
        }
        return result;
    }

    JsonFields object(String name) throws ModelFormatException {
        return of(required(name), fieldPath(name));
    }

    /** A nested object that may be absent or null. */
    JsonFields optionalObject(String name) throws ModelFormatException {
        JsonElement value = value(name);
        return value == null ? null : of(value, fieldPath(name));
    }

    List<JsonFields> objects(String name) throws ModelFormatException {
        JsonArray array = array(name);
        List<JsonFields> result = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            result.add(of(array.get(i), fieldPath(name) + "[" + i + "]"));
        }
        return result;
    }

    List<String> strings(String name) throws ModelFormatException {
        JsonArray array = array(name);
        List<String> result = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            result.add(asString(array.get(i), fieldPath(name) + "[" + i + "]"));
        }
        return result;
    }

    private JsonArray array(String name) throws ModelFormatException {
        JsonElement value = required(name);
        if (!value.isJsonArray()) {
            throw invalid(fieldPath(name), "expected an array, found " + describe(value));
        }
        return value.getAsJsonArray();
    }

    /** Refuses fields that were not read: the format has no such field. */
    void finish() throws ModelFormatException {
        for (String key : object.keySet()) {
            if (!read.contains(key)) {
                throw invalid(path, "unknown field \"" + key + "\"");
            }
        }
    }

    private static String asString(JsonElement value, String path) throws ModelFormatException {
        if (value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
            return value.getAsString();
        }
        throw invalid(path, "expected a string, found " + describe(value));
    }

    private static Instant toInstant(String text, String path) throws ModelFormatException {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(path, "expected an ISO-8601 instant such as 2025-03-01T10:15:30Z, found \"" + text + "\"");
        }
    }

    private static Duration toDuration(String text, String path) throws ModelFormatException {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw invalid(path, "expected an ISO-8601 duration such as PT2H, found \"" + text + "\"");
        }
    }

    static String describe(JsonElement value) {
        if (value == null || value.isJsonNull()) {
            return "null";
        }
        if (value.isJsonObject()) {
            return "an object";
        }
        if (value.isJsonArray()) {
            return "an array";
        }
        JsonPrimitive primitive = value.getAsJsonPrimitive();
        return primitive.isString() ? "\"" + primitive.getAsString() + "\"" : primitive.toString();
    }
}
