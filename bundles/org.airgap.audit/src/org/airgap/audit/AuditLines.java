package org.airgap.audit;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;

/**
 * The JSON line form of an entry. Writing is canonical (fixed field order, no white space, no HTML
 * escaping), so that a line can be checked byte for byte against the entry it holds.
 */
final class AuditLines {

    private static final List<String> FIELDS = List.of("sequence", "time", "user", "action", "subject", "details",
            "previousHash", "hash");

    private AuditLines() {
    }

    /**
     * The content the hash covers: the line's first six fields as one JSON object. The server's own trail
     * hashes its entries, whose actions are not {@link AuditAction}s, the same way.
     */
    static String canonicalContent(long sequence, Instant time, String user, String action, String subject,
            String details) {
        return write(sequence, time, user, action, subject, details, null, null);
    }

    /** The whole line, without its line end. */
    static String line(AuditEntry entry) {
        return write(entry.sequence(), entry.time(), entry.user(), entry.action().name(), entry.subject(),
                entry.details(), entry.previousHash(), entry.hash());
    }

    private static String write(long sequence, Instant time, String user, String action, String subject,
            String details, String previousHash, String hash) {
        StringWriter text = new StringWriter();
        try (JsonWriter json = new JsonWriter(text)) {
            json.setHtmlSafe(false);
            json.beginObject();
            json.name("sequence").value(sequence);
            json.name("time").value(time.toString());
            json.name("user").value(user);
            json.name("action").value(action);
            json.name("subject").value(subject);
            json.name("details").value(details);
            if (hash != null) {
                json.name("previousHash").value(previousHash);
                json.name("hash").value(hash);
            }
            json.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to a string", e);
        }
        return text.toString();
    }

    /**
     * Reads a line; every field must be there once, and no other.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static AuditEntry parse(String line) {
        Map<String, Object> values = new HashMap<>();
        try (JsonReader json = new JsonReader(new StringReader(line))) {
            json.setStrictness(Strictness.STRICT);
            json.beginObject();
            while (json.hasNext()) {
                String name = json.nextName();
                if (!FIELDS.contains(name)) {
                    throw new IllegalArgumentException("unknown field \"" + name + "\"");
                }
                if (values.containsKey(name)) {
                    throw new IllegalArgumentException("field \"" + name + "\" twice");
                }
                JsonToken expected = name.equals("sequence") ? JsonToken.NUMBER : JsonToken.STRING;
                if (json.peek() != expected) {
                    throw new IllegalArgumentException("field \"" + name + "\" must be a "
                            + (expected == JsonToken.NUMBER ? "number" : "string") + ", found " + json.peek());
                }
                values.put(name, expected == JsonToken.NUMBER ? (Object) json.nextLong() : json.nextString());
            }
            json.endObject();
            if (json.peek() != JsonToken.END_DOCUMENT) {
                throw new IllegalArgumentException("data after the entry");
            }
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw new IllegalArgumentException("malformed JSON: " + firstLine(e.getMessage()), e);
        }
        for (String field : FIELDS) {
            if (!values.containsKey(field)) {
                throw new IllegalArgumentException("field \"" + field + "\" is missing");
            }
        }
        Instant time;
        try {
            time = Instant.parse((String) values.get("time"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("time is not an ISO-8601 instant: \"" + values.get("time") + "\"");
        }
        AuditAction action;
        try {
            action = AuditAction.valueOf((String) values.get("action"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown action \"" + values.get("action") + "\"");
        }
        return new AuditEntry((Long) values.get("sequence"), time, (String) values.get("user"), action,
                (String) values.get("subject"), (String) values.get("details"), (String) values.get("previousHash"),
                (String) values.get("hash"));
    }

    /** Gson appends a troubleshooting link on a second line. */
    private static String firstLine(String message) {
        if (message == null) {
            return "unexpected end";
        }
        int newline = message.indexOf('\n');
        return newline >= 0 ? message.substring(0, newline) : message;
    }
}
