package org.airgap.model;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonElement;
import com.google.gson.stream.JsonWriter;

/**
 * The JSON form of one model record type: its fields in a fixed order, and reading them back with the
 * record's own validation reported at the object's path. A record is an object of its own inside other
 * JSON (a protocol message, a list document's items); a single-record document writes its fields after
 * {@code formatVersion} and {@code kind} ({@link ModelJson}).
 */
abstract class RecordAdapter<T> extends StrictAdapter<T> {

    final Class<T> type;
    /** The document kind of one record, for example "job". */
    final String kind;
    /** The document kind of a list, for example "jobs". */
    final String listKind;

    RecordAdapter(Class<T> type, String kind, String listKind) {
        this.type = type;
        this.kind = kind;
        this.listKind = listKind;
    }

    /** The record's fields, without the enclosing object. */
    abstract void writeFields(JsonWriter json, T record) throws IOException;

    /** Builds the record from its fields; the records' own checks may throw. */
    abstract T readFields(JsonFields fields) throws ModelFormatException;

    @Override
    final void writeValue(JsonWriter json, T record) throws IOException {
        json.beginObject();
        writeFields(json, record);
        json.endObject();
    }

    @Override
    final T decode(JsonElement value, String path) throws ModelFormatException {
        return readObject(JsonFields.of(value, path));
    }

    /** The record of {@code fields}, refusing fields it does not have. */
    final T readObject(JsonFields fields) throws ModelFormatException {
        T record;
        try {
            record = readFields(fields);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw JsonFields.invalid(fields.path(), "invalid " + kind + ": " + e.getMessage());
        }
        fields.finish();
        return record;
    }

    static void writeMap(JsonWriter json, String name, Map<String, String> map) throws IOException {
        json.name(name).beginObject();
        // the records keep their maps sorted by key
        for (Map.Entry<String, String> entry : map.entrySet()) {
            json.name(entry.getKey()).value(entry.getValue());
        }
        json.endObject();
    }

    static void writeStrings(JsonWriter json, String name, List<String> values) throws IOException {
        json.name(name).beginArray();
        for (String value : values) {
            json.value(value);
        }
        json.endArray();
    }
}
