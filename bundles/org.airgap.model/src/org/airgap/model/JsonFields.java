package org.airgap.model;

import java.math.BigDecimal;
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

    /** Whether the field is there and not null (it then counts as read). */
    boolean has(String name) {
        return value(name) != null;
    }

    private JsonElement required(String name) throws ModelFormatException {
        JsonElement value = value(name);
        if (value == null) {
            throw invalid(fieldPath(name), "is missing");
        }
        return value;
    }

    /** Turns a field's value, found at {@code path}, into what the record needs. */
    @FunctionalInterface
    interface Conversion<T> {
        T convert(JsonElement value, String path) throws ModelFormatException;
    }

    private <T> T required(String name, Conversion<T> conversion) throws ModelFormatException {
        return conversion.convert(required(name), fieldPath(name));
    }

    /** {@code null} when the field is absent or null. */
    private <T> T optional(String name, Conversion<T> conversion) throws ModelFormatException {
        JsonElement value = value(name);
        return value == null ? null : conversion.convert(value, fieldPath(name));
    }

    private <T> List<T> list(String name, Conversion<T> conversion) throws ModelFormatException {
        JsonElement value = required(name);
        if (!value.isJsonArray()) {
            throw invalid(fieldPath(name), "expected an array, found " + describe(value));
        }
        JsonArray array = value.getAsJsonArray();
        List<T> result = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            result.add(conversion.convert(array.get(i), fieldPath(name) + "[" + i + "]"));
        }
        return result;
    }

    String string(String name) throws ModelFormatException {
        return required(name, JsonFields::asString);
    }

    String optionalString(String name) throws ModelFormatException {
        return optional(name, JsonFields::asString);
    }

    int integer(String name) throws ModelFormatException {
        return (int) whole(name, required(name), Integer.MIN_VALUE, Integer.MAX_VALUE);
    }

    /** A whole number that may be absent or null. */
    Long optionalLong(String name) throws ModelFormatException {
        JsonElement value = value(name);
        return value == null ? null : whole(name, value, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    private long whole(String name, JsonElement value, long min, long max) throws ModelFormatException {
        if (value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber()) {
            BigDecimal number = value.getAsBigDecimal();
            try {
                long whole = number.longValueExact();
                if (whole >= min && whole <= max) {
                    return whole;
                }
            } catch (ArithmeticException notWhole) {
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

    /** An instant or duration ({@link IsoTimeAdapter#INSTANT}, {@link IsoTimeAdapter#DURATION}). */
    <T> T time(String name, IsoTimeAdapter<T> form) throws ModelFormatException {
        return required(name, form::decode);
    }

    <T> T optionalTime(String name, IsoTimeAdapter<T> form) throws ModelFormatException {
        return optional(name, form::decode);
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
        return required(name, JsonFields::of);
    }

    /** A nested object that may be absent or null. */
    JsonFields optionalObject(String name) throws ModelFormatException {
        return optional(name, JsonFields::of);
    }

    List<JsonFields> objects(String name) throws ModelFormatException {
        return list(name, JsonFields::of);
    }

    List<String> strings(String name) throws ModelFormatException {
        return list(name, JsonFields::asString);
    }

    /** Refuses fields that were not read: the format has no such field. */
    void finish() throws ModelFormatException {
        for (String key : object.keySet()) {
            if (!read.contains(key)) {
                throw invalid(path, "unknown field \"" + key + "\"");
            }
        }
    }

    static String asString(JsonElement value, String path) throws ModelFormatException {
        if (value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString()) {
            return value.getAsString();
        }
        throw invalid(path, "expected a string, found " + describe(value));
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
