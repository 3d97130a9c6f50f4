package org.airgap.protocol;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Set;

import org.airgap.model.Baseline;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.ModelFormatException;
import org.airgap.model.ModelJson;
import org.airgap.model.Run;
import org.airgap.model.Version;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.TypeAdapter;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;

/**
 * Reads and writes the protocol's messages. Times are ISO-8601 instants, durations ISO-8601 durations
 * ("PT2H"). Model records (folders, components, jobs, runs, versions, baselines) have exactly their
 * fields from docs/formats.md and are checked by the model on reading, so a message with an invalid job
 * is refused with the model's message naming the field.
 */
public final class ProtocolJson {

    private static final Set<Class<?>> MODEL_TYPES = Set.of(Folder.class, Component.class, Job.class, Run.class,
            Version.class, Baseline.class);

    private static final Gson GSON = new GsonBuilder()
            .disableHtmlEscaping()
            .setStrictness(Strictness.STRICT)
            .registerTypeAdapter(Instant.class, new InstantAdapter().nullSafe())
            .registerTypeAdapter(Duration.class, new DurationAdapter().nullSafe())
            .registerTypeAdapterFactory(new ModelRecordFactory())
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
        return checkPresent(GSON.fromJson(json, type), type);
    }

    /** A JSON array of {@code type}. */
    public static <T> List<T> readList(String json, Class<T> type) {
        return readList(new StringReader(json), type);
    }

    public static <T> List<T> readList(Reader json, Class<T> type) {
        @SuppressWarnings("unchecked")
        TypeToken<List<T>> listType = (TypeToken<List<T>>) TypeToken.getParameterized(List.class, type);
        return checkPresent(GSON.fromJson(json, listType), List.class);
    }

    private static <T> T checkPresent(T value, Class<?> type) {
        if (value == null) {
            throw new JsonParseException("empty message where a " + type.getSimpleName() + " was expected");
        }
        return value;
    }

    private static final class InstantAdapter extends TypeAdapter<Instant> {
        @Override
        public void write(JsonWriter out, Instant value) throws IOException {
            out.value(value.toString());
        }

        @Override
        public Instant read(JsonReader in) throws IOException {
            String text = in.nextString();
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new JsonParseException("'" + text + "' at " + in.getPath() + " is not an ISO-8601 instant", e);
            }
        }
    }

    private static final class DurationAdapter extends TypeAdapter<Duration> {
        @Override
        public void write(JsonWriter out, Duration value) throws IOException {
            out.value(value.toString());
        }

        @Override
        public Duration read(JsonReader in) throws IOException {
            String text = in.nextString();
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new JsonParseException("'" + text + "' at " + in.getPath()
                        + " is not an ISO-8601 duration such as PT2H", e);
            }
        }
    }

    /**
     * Model records go through {@link ModelJson}, which owns their JSON form and its checks: written as
     * the one item of a list document, read back by wrapping the object in one.
     */
    private static final class ModelRecordFactory implements TypeAdapterFactory {
        @Override
        public <T> TypeAdapter<T> create(Gson gson, TypeToken<T> type) {
            Class<? super T> raw = type.getRawType();
            if (!MODEL_TYPES.contains(raw)) {
                return null;
            }
            return new TypeAdapter<T>() {
                @Override
                public void write(JsonWriter out, T value) throws IOException {
                    if (value == null) {
                        out.nullValue();
                        return;
                    }
                    @SuppressWarnings({ "unchecked", "rawtypes" })
                    String document = ModelJson.writeList((Class) raw, List.of(value));
                    JsonElement item = JsonParser.parseString(document).getAsJsonObject().getAsJsonArray("items").get(0);
                    gson.toJson(item, out);
                }

                @Override
                public T read(JsonReader in) throws IOException {
                    if (in.peek() == JsonToken.NULL) {
                        in.nextNull();
                        return null;
                    }
                    String path = in.getPath();
                    JsonElement item = JsonParser.parseReader(in);
                    JsonObject document = new JsonObject();
                    document.addProperty("formatVersion", ModelJson.FORMAT_VERSION);
                    document.addProperty("kind", ModelJson.listKind(raw));
                    JsonArray items = new JsonArray();
                    items.add(item);
                    document.add("items", items);
                    try {
                        @SuppressWarnings("unchecked")
                        T value = (T) ModelJson.readList(raw, document.toString()).get(0);
                        return value;
                    } catch (ModelFormatException e) {
                        throw new JsonParseException(raw.getSimpleName().toLowerCase() + " at " + path + ": "
                                + e.getMessage(), e);
                    }
                }
            };
        }
    }

}
