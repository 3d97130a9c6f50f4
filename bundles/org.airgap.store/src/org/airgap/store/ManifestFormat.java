package org.airgap.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;

/**
 * The manifest JSON format (docs/formats.md): the canonical bytes a manifest is stored as, the snapshot
 * id derived from them, and the checked parsing of such bytes. Shared by the store and archives, which
 * carry the same bytes as {@code manifest.json}.
 */
public final class ManifestFormat {

    private ManifestFormat() {
    }

    /**
     * The canonical JSON of {@code manifest}: UTF-8, fields in a fixed order, entries sorted by path,
     * absent values omitted, no HTML escaping, no whitespace but one final newline. Equal manifests give
     * equal bytes, which is what makes the snapshot id a content hash.
     */
    public static byte[] toJson(Manifest manifest) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + manifest.entries().size() * 160);
        try (JsonWriter json = new JsonWriter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8))) {
            json.setHtmlSafe(false);
            json.setSerializeNulls(false);
            json.beginObject();
            json.name("formatVersion").value(Manifest.FORMAT_VERSION);
            json.name("entries").beginArray();
            for (ManifestEntry entry : manifest.entries()) {
                json.beginObject();
                json.name("path").value(entry.path());
                json.name("type").value(entry.type().name().toLowerCase(Locale.ROOT));
                json.name("size").value(entry.size());
                if (entry.sha256() != null) {
                    json.name("sha256").value(entry.sha256());
                }
                if (entry.modified() != null) {
                    json.name("modified").value(entry.modified().toString());
                }
                if (entry.linkTarget() != null) {
                    json.name("target").value(entry.linkTarget());
                }
                json.endObject();
            }
            json.endArray();
            json.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        bytes.write('\n');
        return bytes.toByteArray();
    }

    /** The snapshot id of {@code manifest}: the SHA-256 (lower-case hex) of its canonical JSON. */
    public static String snapshotId(Manifest manifest) {
        return sha256(toJson(manifest));
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(newSha256().digest(bytes));
    }

    /** A new SHA-256 digest (every Java runtime has one). */
    public static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime has no SHA-256", e);
        }
    }

    /**
     * Parses manifest JSON. It does not check that the bytes are canonical or match an id: the store
     * does that for its own files.
     *
     * @param file names the source in error messages
     * @throws StoreException CORRUPT_MANIFEST for malformed or truncated JSON and invalid entries,
     *                        UNSUPPORTED_FORMAT for a format version newer than {@link Manifest#FORMAT_VERSION}
     */
    public static Manifest parse(byte[] json, Path file) throws StoreException {
        JsonElement root;
        try {
            var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT);
            JsonReader reader = new JsonReader(new InputStreamReader(new ByteArrayInputStream(json), decoder));
            reader.setStrictness(Strictness.STRICT);
            root = JsonParser.parseReader(reader);
            if (reader.peek() != JsonToken.END_DOCUMENT) {
                throw new JsonParseException("text after the end of the manifest");
            }
        } catch (JsonParseException | IOException | IllegalStateException e) {
            throw corrupt(file, "is not valid JSON (truncated or damaged): " + rootMessage(e), e);
        }
        if (!root.isJsonObject()) {
            throw corrupt(file, "is not a JSON object", null);
        }
        JsonObject object = root.getAsJsonObject();
        int version = intField(object, "formatVersion", file, "manifest");
        if (version > Manifest.FORMAT_VERSION) {
            throw new StoreException(StoreException.Kind.UNSUPPORTED_FORMAT, file, "manifest " + file
                    + " has format version " + version + "; this version of Airgap reads format version "
                    + Manifest.FORMAT_VERSION + " and older. Update Airgap to read it.");
        }
        if (version < 1) {
            throw corrupt(file, "has an invalid format version " + version, null);
        }
        if (!(object.get("entries") instanceof JsonArray array)) {
            throw corrupt(file, "has no \"entries\" array", null);
        }
        List<ManifestEntry> entries = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            entries.add(entry(array.get(i), i, file));
        }
        try {
            return new Manifest(entries);
        } catch (IllegalArgumentException e) {
            throw corrupt(file, "is invalid: " + e.getMessage(), e);
        }
    }

    private static ManifestEntry entry(JsonElement element, int index, Path file) throws StoreException {
        String where = "entry " + index;
        if (!element.isJsonObject()) {
            throw corrupt(file, where + " is not a JSON object", null);
        }
        JsonObject object = element.getAsJsonObject();
        String path = stringField(object, "path", file, where, true);
        where = "entry " + index + " ('" + path + "')";
        String typeName = stringField(object, "type", file, where, true);
        EntryType type = switch (typeName) {
            case "file" -> EntryType.FILE;
            case "directory" -> EntryType.DIRECTORY;
            case "symlink" -> EntryType.SYMLINK;
            default -> throw corrupt(file, where + " has an unknown type '" + typeName + "'", null);
        };
        long size = longField(object, "size", file, where);
        String modifiedText = stringField(object, "modified", file, where, false);
        try {
            Instant modified = modifiedText == null ? null : Instant.parse(modifiedText);
            return new ManifestEntry(path, type, size, stringField(object, "sha256", file, where, false), modified,
                    stringField(object, "target", file, where, false));
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw corrupt(file, where + " is invalid: " + e.getMessage(), e);
        }
    }

    private static String stringField(JsonObject object, String name, Path file, String where, boolean required)
            throws StoreException {
        JsonElement value = object.get(name);
        if (value == null && !required) {
            return null;
        }
        if (value instanceof JsonPrimitive primitive && primitive.isString()) {
            String text = primitive.getAsString();
            if (hasLoneSurrogate(text)) {
                // Found by fuzzing: UTF-8 cannot carry it, so the canonical JSON (and the snapshot id) would
                // hold '?' instead — another manifest than the one read.
                throw corrupt(file, where + " has a \"" + name + "\" that is not valid Unicode (a \\u escape of"
                        + " half a surrogate pair)", null);
            }
            return text;
        }
        throw corrupt(file, where + " needs a string \"" + name + "\"", null);
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private static long longField(JsonObject object, String name, Path file, String where) throws StoreException {
        if (object.get(name) instanceof JsonPrimitive primitive && primitive.isNumber()) {
            try {
                return primitive.getAsBigDecimal().longValueExact();
            } catch (ArithmeticException | NumberFormatException e) {
                // falls through to the message below; an exponent beyond an int (1e99999999999) is a
                // NumberFormatException, which fuzzing found escaping
            }
        }
        throw corrupt(file, where + " needs an integer \"" + name + "\"", null);
    }

    private static int intField(JsonObject object, String name, Path file, String where) throws StoreException {
        long value = longField(object, name, file, where);
        if (value != (int) value) {
            throw corrupt(file, where + " has an out-of-range \"" + name + "\"", null);
        }
        return (int) value;
    }

    private static StoreException corrupt(Path file, String problem, Throwable cause) {
        return new StoreException(StoreException.Kind.CORRUPT_MANIFEST, file, "manifest " + file + " " + problem,
                cause);
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() != null ? root.getMessage() : root.getClass().getSimpleName();
    }
}
