package org.airgap.model;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.google.gson.JsonElement;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.stream.JsonWriter;

import org.airgap.model.ModelFormatException.Problem;

/**
 * The JSON form of the domain model (docs/formats.md, "Domain model JSON"). Every document is an object
 * that starts with {@code "formatVersion"} and {@code "kind"}; a single record is written as its fields
 * after those two, a list as {@code "items"}. Output is canonical: fixed field order, map keys sorted,
 * two-space indentation, {@code \n} line ends and a final newline, null fields written as {@code null},
 * no HTML escaping — equal values give equal bytes.
 *
 * <p>Reading is strict: a document of a newer format, without a format version, of another kind, with a
 * syntax error, a duplicate, unknown or missing field, or a value the records refuse is rejected with a
 * {@link ModelFormatException} whose message names the problem and where it is.
 */
public final class ModelJson {

    /** The format this code writes, and the newest it reads. */
    public static final int FORMAT_VERSION = 1;

    private ModelJson() {
    }

    /** The document kind of a single record of {@code type}, for example "job". */
    public static String kind(Class<?> type) {
        return ModelAdapters.record(type).kind;
    }

    /** The document kind of a list of {@code type}, for example "jobs". */
    public static String listKind(Class<?> type) {
        return ModelAdapters.record(type).listKind;
    }

    /**
     * Gson type adapters for the records that have a document kind, as plain objects with the fields of
     * their documents, and for {@link java.time.Instant} and {@link java.time.Duration} as ISO-8601 text.
     * Reading is as strict as reading a document: a missing, unknown or duplicate field or an invalid
     * value is a {@link com.google.gson.JsonSyntaxException} naming its JSON path, caused by a
     * {@link ModelFormatException}.
     */
    public static TypeAdapterFactory typeAdapterFactory() {
        return ModelAdapters.INSTANCE;
    }

    /** A {@link Folder}, {@link Component}, {@link Job}, {@link Run}, {@link Version} or {@link Baseline} as a document. */
    public static String write(Object record) {
        return write(ModelAdapters.record(record.getClass()), record);
    }

    private static <T> String write(RecordAdapter<T> adapter, Object record) {
        return document(adapter.kind, json -> adapter.writeFields(json, adapter.type.cast(record)));
    }

    /** A list of records of {@code type} as one document of the list kind ("jobs"). */
    public static <T> String writeList(Class<T> type, List<? extends T> records) {
        RecordAdapter<T> adapter = ModelAdapters.record(type);
        return document(adapter.listKind, json -> {
            json.name("items").beginArray();
            for (T record : records) {
                adapter.write(json, record);
            }
            json.endArray();
        });
    }

    /** Writes {@link #write(Object)}'s document to a file (UTF-8). */
    public static void write(Object record, Path file) throws IOException {
        Files.writeString(file, write(record), StandardCharsets.UTF_8);
    }

    /** Reads a single-record document of {@code type}'s kind. */
    public static <T> T read(Class<T> type, String json) throws ModelFormatException {
        RecordAdapter<T> adapter = ModelAdapters.record(type);
        JsonFields document = open(json, adapter.kind);
        return adapter.readObject(document);
    }

    /** Reads a list document of {@code type}'s list kind. */
    public static <T> List<T> readList(Class<T> type, String json) throws ModelFormatException {
        RecordAdapter<T> adapter = ModelAdapters.record(type);
        JsonFields document = open(json, adapter.listKind);
        List<T> records = new ArrayList<>();
        for (JsonFields item : document.objects("items")) {
            records.add(adapter.readObject(item));
        }
        document.finish();
        return records;
    }

    /** {@link #read(Class, String)} from a UTF-8 file; errors name the file. */
    public static <T> T read(Class<T> type, Path file) throws IOException {
        String json = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return read(type, json);
        } catch (ModelFormatException e) {
            throw new ModelFormatException(e.problem(), file + ": " + e.getMessage(), e);
        }
    }

    /** {@link #readList(Class, String)} from a UTF-8 file; errors name the file. */
    public static <T> List<T> readList(Class<T> type, Path file) throws IOException {
        String json = Files.readString(file, StandardCharsets.UTF_8);
        try {
            return readList(type, json);
        } catch (ModelFormatException e) {
            throw new ModelFormatException(e.problem(), file + ": " + e.getMessage(), e);
        }
    }

    // ---- documents

    private interface Body {
        void write(JsonWriter json) throws IOException;
    }

    private static String document(String kind, Body body) {
        StringWriter text = new StringWriter();
        try (JsonWriter json = new JsonWriter(text)) {
            json.setIndent("  ");
            json.setHtmlSafe(false);
            json.setSerializeNulls(true);
            json.beginObject();
            json.name("formatVersion").value(FORMAT_VERSION);
            json.name("kind").value(kind);
            body.write(json);
            json.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to a string", e);
        }
        return text.append('\n').toString();
    }

    /** Parses a document and checks its format version (first: a newer format may name kinds otherwise) and kind. */
    private static JsonFields open(String json, String expectedKind) throws ModelFormatException {
        JsonElement root = StrictJson.parse(json);
        if (!root.isJsonObject()) {
            throw new ModelFormatException(Problem.MALFORMED, "not an Airgap document: expected a JSON object, found "
                    + JsonFields.describe(root));
        }
        JsonFields document = new JsonFields(root.getAsJsonObject(), "$");
        JsonElement version = document.value("formatVersion");
        if (version == null) {
            throw new ModelFormatException(Problem.NO_FORMAT_VERSION,
                    "not an Airgap document: \"formatVersion\" is missing (expected a " + expectedKind + " document)");
        }
        int formatVersion = formatVersion(version);
        if (formatVersion > FORMAT_VERSION) {
            throw new ModelFormatException(Problem.NEWER_FORMAT, "written by a newer Airgap: format " + formatVersion
                    + ", this version reads up to " + FORMAT_VERSION + " — update Airgap");
        }
        JsonElement kind = document.value("kind");
        if (kind == null) {
            throw new ModelFormatException(Problem.WRONG_KIND, "\"kind\" is missing (expected \"" + expectedKind + "\")");
        }
        if (!kind.isJsonPrimitive() || !kind.getAsJsonPrimitive().isString()
                || !kind.getAsString().equals(expectedKind)) {
            throw new ModelFormatException(Problem.WRONG_KIND, "expected a \"" + expectedKind + "\" document, found kind "
                    + JsonFields.describe(kind));
        }
        return document;
    }

    private static int formatVersion(JsonElement version) throws ModelFormatException {
        if (version.isJsonPrimitive() && version.getAsJsonPrimitive().isNumber()) {
            try {
                int number = version.getAsBigDecimal().intValueExact();
                if (number >= 1) {
                    return number;
                }
            } catch (ArithmeticException notAnInt) {
                // reported below
            }
        }
        throw new ModelFormatException(Problem.NO_FORMAT_VERSION, "\"formatVersion\" must be a whole number from 1, found "
                + JsonFields.describe(version));
    }
}
