package org.airgap.model;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
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
        return codec(type).kind;
    }

    /** The document kind of a list of {@code type}, for example "jobs". */
    public static String listKind(Class<?> type) {
        return codec(type).listKind;
    }

    /** A {@link Folder}, {@link Component}, {@link Job}, {@link Run}, {@link Version} or {@link Baseline} as a document. */
    public static String write(Object record) {
        return write(codec(record.getClass()), record);
    }

    private static <T> String write(Codec<T> codec, Object record) {
        return document(codec.kind, json -> {
            codec.write(json, codec.type.cast(record));
        });
    }

    /** A list of records of {@code type} as one document of the list kind ("jobs"). */
    public static <T> String writeList(Class<T> type, List<? extends T> records) {
        Codec<T> codec = codec(type);
        return document(codec.listKind, json -> {
            json.name("items").beginArray();
            for (T record : records) {
                json.beginObject();
                codec.write(json, record);
                json.endObject();
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
        Codec<T> codec = codec(type);
        JsonFields document = open(json, codec.kind);
        T record = codec.readChecked(document);
        document.finish();
        return record;
    }

    /** Reads a list document of {@code type}'s list kind. */
    public static <T> List<T> readList(Class<T> type, String json) throws ModelFormatException {
        Codec<T> codec = codec(type);
        JsonFields document = open(json, codec.listKind);
        List<T> records = new ArrayList<>();
        for (JsonFields item : document.objects("items")) {
            records.add(codec.readChecked(item));
            item.finish();
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
        JsonElement root = parse(json);
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

    // ---- parsing

    /** Strict JSON to a tree; refuses duplicate keys (Gson's tree would keep the last silently) and trailing data. */
    static JsonElement parse(String json) throws ModelFormatException {
        try (JsonReader reader = new JsonReader(new StringReader(json))) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement root = readElement(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new ModelFormatException(Problem.MALFORMED, "malformed JSON: data after the document"
                        + position(reader));
            }
            return root;
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw new ModelFormatException(Problem.MALFORMED, "malformed JSON: " + firstLine(e.getMessage()), e);
        }
    }

    private static JsonElement readElement(JsonReader reader) throws IOException {
        switch (reader.peek()) {
        case BEGIN_OBJECT -> {
            JsonObject object = new JsonObject();
            reader.beginObject();
            while (reader.hasNext()) {
                String name = reader.nextName();
                if (object.has(name)) {
                    throw new ModelFormatException(Problem.MALFORMED, "malformed JSON: field \"" + name + "\" twice"
                            + position(reader));
                }
                object.add(name, readElement(reader));
            }
            reader.endObject();
            return object;
        }
        case BEGIN_ARRAY -> {
            JsonArray array = new JsonArray();
            reader.beginArray();
            while (reader.hasNext()) {
                array.add(readElement(reader));
            }
            reader.endArray();
            return array;
        }
        case STRING -> {
            return new JsonPrimitive(reader.nextString());
        }
        case NUMBER -> {
            return new JsonPrimitive(new BigDecimal(reader.nextString()));
        }
        case BOOLEAN -> {
            return new JsonPrimitive(reader.nextBoolean());
        }
        case NULL -> {
            reader.nextNull();
            return JsonNull.INSTANCE;
        }
        default -> throw new ModelFormatException(Problem.MALFORMED, "malformed JSON: unexpected " + reader.peek()
                + position(reader));
        }
    }

    /** Gson's "at line L column C path P" part of its messages. */
    private static String position(JsonReader reader) {
        String text = reader.toString();
        int at = text.indexOf(" at line ");
        return at >= 0 ? text.substring(at) : "";
    }

    /** Gson appends a troubleshooting link on a second line; the first line has the position. */
    private static String firstLine(String message) {
        if (message == null) {
            return "unexpected end";
        }
        int newline = message.indexOf('\n');
        return newline >= 0 ? message.substring(0, newline) : message;
    }

    // ---- the records

    private abstract static class Codec<T> {
        final Class<T> type;
        final String kind;
        final String listKind;

        Codec(Class<T> type, String kind, String listKind) {
            this.type = type;
            this.kind = kind;
            this.listKind = listKind;
        }

        abstract void write(JsonWriter json, T record) throws IOException;

        abstract T read(JsonFields fields) throws ModelFormatException;

        /** {@link #read}, with the records' own validation reported at the object's path. */
        T readChecked(JsonFields fields) throws ModelFormatException {
            try {
                return read(fields);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw JsonFields.invalid(fields.path(), "invalid " + kind + ": " + e.getMessage());
            }
        }
    }

    private static final Codec<Folder> FOLDER = new Codec<>(Folder.class, "folder", "folders") {
        @Override
        void write(JsonWriter json, Folder folder) throws IOException {
            json.name("id").value(folder.id());
            json.name("name").value(folder.name());
            json.name("parentId").value(folder.parentId());
        }

        @Override
        Folder read(JsonFields fields) throws ModelFormatException {
            return new Folder(fields.string("id"), fields.string("name"), fields.optionalString("parentId"));
        }
    };

    private static final Codec<Component> COMPONENT = new Codec<>(Component.class, "component", "components") {
        @Override
        void write(JsonWriter json, Component component) throws IOException {
            json.name("id").value(component.id());
            json.name("name").value(component.name());
            json.name("folderId").value(component.folderId());
            json.name("deviceType").value(component.deviceType());
            writeMap(json, "connection", component.connection());
        }

        @Override
        Component read(JsonFields fields) throws ModelFormatException {
            return new Component(fields.string("id"), fields.string("name"), fields.string("folderId"),
                    fields.string("deviceType"), fields.stringMap("connection"));
        }
    };

    private static final Codec<Job> JOB = new Codec<>(Job.class, "job", "jobs") {
        @Override
        void write(JsonWriter json, Job job) throws IOException {
            json.name("id").value(job.id());
            json.name("componentId").value(job.componentId());
            json.name("name").value(job.name());
            writeMap(json, "parameters", job.parameters());
            JobOptions options = job.options();
            json.name("options").beginObject();
            json.name("maxAttempts").value(options.maxAttempts());
            json.name("pauseBetweenAttempts").value(options.pauseBetweenAttempts().toString());
            json.name("warnIfBackupOlderThan").value(
                    options.warnIfBackupOlderThan() == null ? null : options.warnIfBackupOlderThan().toString());
            json.name("createVersionAutomatically").value(options.createVersionAutomatically());
            writeStrings(json, "includes", options.includes());
            writeStrings(json, "excludes", options.excludes());
            json.name("ignoreRules").beginArray();
            for (IgnoreRule rule : options.ignoreRules()) {
                json.beginObject();
                json.name("pathGlob").value(rule.pathGlob());
                json.name("linePattern").value(rule.linePattern());
                json.endObject();
            }
            json.endArray();
            json.endObject();
        }

        @Override
        Job read(JsonFields fields) throws ModelFormatException {
            JsonFields options = fields.object("options");
            List<IgnoreRule> rules = new ArrayList<>();
            for (JsonFields rule : options.objects("ignoreRules")) {
                rules.add(new IgnoreRule(rule.string("pathGlob"), rule.optionalString("linePattern")));
                rule.finish();
            }
            JobOptions jobOptions;
            try {
                jobOptions = new JobOptions(options.integer("maxAttempts"), options.duration("pauseBetweenAttempts"),
                        options.optionalDuration("warnIfBackupOlderThan"), options.bool("createVersionAutomatically"),
                        options.strings("includes"), options.strings("excludes"), rules);
            } catch (IllegalArgumentException e) {
                throw JsonFields.invalid(options.path(), "invalid job options: " + e.getMessage());
            }
            options.finish();
            return new Job(fields.string("id"), fields.string("componentId"), fields.string("name"),
                    fields.stringMap("parameters"), jobOptions);
        }
    };

    private static final Codec<Run> RUN = new Codec<>(Run.class, "run", "runs") {
        @Override
        void write(JsonWriter json, Run run) throws IOException {
            json.name("id").value(run.id());
            json.name("jobId").value(run.jobId());
            json.name("start").value(run.start().toString());
            json.name("end").value(run.end() == null ? null : run.end().toString());
            json.name("attempts").value(run.attempts());
            json.name("outcome").value(run.outcome().name());
            DeviceIdentity device = run.device();
            json.name("device").beginObject();
            json.name("vendor").value(device.vendor());
            json.name("model").value(device.model());
            json.name("firmware").value(device.firmware());
            json.name("serial").value(device.serial());
            json.endObject();
            json.name("snapshotId").value(run.snapshotId());
            json.name("serverVersionResult").value(run.serverVersionResult().name());
            json.name("previousBackupResult").value(run.previousBackupResult().name());
            json.name("messages").beginArray();
            for (RunMessage message : run.messages()) {
                json.beginObject();
                json.name("time").value(message.time().toString());
                json.name("level").value(message.level().name());
                json.name("text").value(message.text());
                json.endObject();
            }
            json.endArray();
        }

        @Override
        Run read(JsonFields fields) throws ModelFormatException {
            JsonFields device = fields.object("device");
            DeviceIdentity identity = new DeviceIdentity(device.optionalString("vendor"), device.optionalString("model"),
                    device.optionalString("firmware"), device.optionalString("serial"));
            device.finish();
            List<RunMessage> messages = new ArrayList<>();
            for (JsonFields message : fields.objects("messages")) {
                messages.add(new RunMessage(message.instant("time"), message.enumValue("level", RunMessage.Level.class),
                        message.string("text")));
                message.finish();
            }
            return new Run(fields.string("id"), fields.string("jobId"), fields.instant("start"),
                    fields.optionalInstant("end"), fields.integer("attempts"), fields.enumValue("outcome", RunOutcome.class),
                    identity, fields.optionalString("snapshotId"),
                    fields.enumValue("serverVersionResult", CompareResult.class),
                    fields.enumValue("previousBackupResult", CompareResult.class), messages);
        }
    };

    private static final Codec<Version> VERSION = new Codec<>(Version.class, "version", "versions") {
        @Override
        void write(JsonWriter json, Version version) throws IOException {
            json.name("componentId").value(version.componentId());
            json.name("number").value(version.number());
            json.name("time").value(version.time().toString());
            json.name("user").value(version.user());
            json.name("comment").value(version.comment());
            json.name("snapshotId").value(version.snapshotId());
        }

        @Override
        Version read(JsonFields fields) throws ModelFormatException {
            return new Version(fields.string("componentId"), fields.integer("number"), fields.instant("time"),
                    fields.string("user"), fields.string("comment"), fields.string("snapshotId"));
        }
    };

    private static final Codec<Baseline> BASELINE = new Codec<>(Baseline.class, "baseline", "baselines") {
        @Override
        void write(JsonWriter json, Baseline baseline) throws IOException {
            json.name("componentId").value(baseline.componentId());
            json.name("serverVersion");
            if (baseline.serverVersion() == null) {
                json.nullValue();
            } else {
                json.beginObject();
                VERSION.write(json, baseline.serverVersion());
                json.endObject();
            }
            json.name("previousBackupSnapshot").value(baseline.previousBackupSnapshot());
        }

        @Override
        Baseline read(JsonFields fields) throws ModelFormatException {
            JsonFields version = fields.optionalObject("serverVersion");
            Version serverVersion = null;
            if (version != null) {
                serverVersion = VERSION.readChecked(version);
                version.finish();
            }
            return new Baseline(fields.string("componentId"), serverVersion,
                    fields.optionalString("previousBackupSnapshot"));
        }
    };

    private static final List<Codec<?>> CODECS = List.of(FOLDER, COMPONENT, JOB, RUN, VERSION, BASELINE);

    @SuppressWarnings("unchecked")
    private static <T> Codec<T> codec(Class<T> type) {
        for (Codec<?> codec : CODECS) {
            if (codec.type == type) {
                return (Codec<T>) codec;
            }
        }
        throw new IllegalArgumentException("no JSON document kind for " + type.getName()
                + " (Folder, Component, Job, Run and Version have one)");
    }

    private static void writeMap(JsonWriter json, String name, Map<String, String> map) throws IOException {
        json.name(name).beginObject();
        // the records keep their maps sorted by key
        for (Map.Entry<String, String> entry : map.entrySet()) {
            json.name(entry.getKey()).value(entry.getValue());
        }
        json.endObject();
    }

    private static void writeStrings(JsonWriter json, String name, List<String> values) throws IOException {
        json.name(name).beginArray();
        for (String value : values) {
            json.value(value);
        }
        json.endArray();
    }
}
