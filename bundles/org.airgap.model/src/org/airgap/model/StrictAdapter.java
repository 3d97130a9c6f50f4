package org.airgap.model;

import java.io.IOException;

import com.google.gson.JsonElement;
import com.google.gson.JsonSyntaxException;
import com.google.gson.TypeAdapter;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;

/**
 * A Gson adapter of a model value that reads strictly. The value is read whole (a field twice is refused),
 * then decoded knowing the JSON path where it stood, so that a message embedding model records reports a
 * bad field as {@code $.jobs[0].options.maxAttempts: expected a whole number, found 2.5}. Problems are
 * {@link JsonSyntaxException}s, as Gson's callers expect, with the model's message and the
 * {@link ModelFormatException} as cause. {@code null} is written and read as JSON null.
 */
abstract class StrictAdapter<T> extends TypeAdapter<T> {

    @Override
    public final void write(JsonWriter out, T value) throws IOException {
        if (value == null) {
            out.nullValue();
        } else {
            writeValue(out, value);
        }
    }

    @Override
    public final T read(JsonReader in) throws IOException {
        if (in.peek() == JsonToken.NULL) {
            in.nextNull();
            return null;
        }
        String path = in.getPath();
        try {
            return decode(StrictJson.read(in), path);
        } catch (ModelFormatException e) {
            throw new JsonSyntaxException(e.getMessage(), e);
        }
    }

    abstract void writeValue(JsonWriter out, T value) throws IOException;

    /** The value read at {@code path}; errors name that path or a path below it. */
    abstract T decode(JsonElement value, String path) throws ModelFormatException;
}
