package org.airgap.protocol;

import java.io.Reader;
import java.io.StringReader;
import java.util.List;
import java.util.function.Supplier;

import org.airgap.model.ModelJson;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import com.google.gson.Strictness;
import com.google.gson.reflect.TypeToken;

/**
 * Reads and writes the protocol's messages. Model records (folders, components, jobs, runs, versions,
 * baselines), instants and durations use the model's own type adapters ({@link ModelJson#typeAdapterFactory()}):
 * records are objects with exactly their fields from docs/formats.md, read as strictly as a model document,
 * so a message with an invalid job is refused with the model's message naming the field's JSON path;
 * times are ISO-8601 instants, durations ISO-8601 durations ("PT2H").
 */
public final class ProtocolJson {

    private static final Gson GSON = new GsonBuilder()
            .disableHtmlEscaping()
            .setStrictness(Strictness.STRICT)
            .registerTypeAdapterFactory(ModelJson.typeAdapterFactory())
            .create();

    private ProtocolJson() {
    }

    public static String write(Object message) {
        return GSON.toJson(message);
    }

    /**
     * @throws JsonParseException naming the problem when the text is not valid JSON for {@code type} or
     *                            a model record in it is invalid
     */
    public static <T> T read(String json, Class<T> type) {
        return read(new StringReader(json), type);
    }

    public static <T> T read(Reader json, Class<T> type) {
        return checkPresent(refusedAsParseError(() -> GSON.fromJson(json, type), type), type);
    }

    /** A JSON array of {@code type}. */
    public static <T> List<T> readList(String json, Class<T> type) {
        return readList(new StringReader(json), type);
    }

    public static <T> List<T> readList(Reader json, Class<T> type) {
        @SuppressWarnings("unchecked")
        TypeToken<List<T>> listType = (TypeToken<List<T>>) TypeToken.getParameterized(List.class, type);
        return checkPresent(refusedAsParseError(() -> GSON.fromJson(json, listType), type), List.class);
    }

    /**
     * Gson wraps what a record's constructor refuses (an audit entry's checks; a null in a list, which
     * {@code List.copyOf} refuses) in a plain RuntimeException: it is a malformed message too. Found by
     * fuzzing: a message with such a value was a 500 from the server and an unchecked exception elsewhere.
     */
    private static <T> T refusedAsParseError(Supplier<T> parse, Class<?> type) {
        try {
            return parse.get();
        } catch (JsonParseException e) {
            throw e;
        } catch (RuntimeException e) {
            Throwable refusal = e.getCause();
            if (refusal instanceof IllegalArgumentException || refusal instanceof NullPointerException) {
                throw new JsonParseException(refusal.getMessage() != null ? refusal.getMessage()
                        : type.getSimpleName() + " has a null where a value is required", refusal);
            }
            throw e;
        }
    }

    private static <T> T checkPresent(T value, Class<?> type) {
        if (value == null) {
            throw new JsonParseException("empty message where a " + type.getSimpleName() + " was expected");
        }
        return value;
    }
}
