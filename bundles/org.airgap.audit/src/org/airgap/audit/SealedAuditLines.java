package org.airgap.audit;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Base64;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;

/**
 * The line of a sealed trail (docs/formats.md, "Sealed audit trail"): {@code {"sequence":N,"sealed":"B64"}},
 * where N is the line's number (1 for the first) and B64 the standard Base64 of the plain line's UTF-8 bytes
 * sealed with the context {@code audit.jsonl#N}. The number is plain so that the order can be checked without
 * the key; the context binds the sealed bytes to it, so with the key a line moved elsewhere fails its tag.
 */
final class SealedAuditLines {

    /** A sealed line as read: its number and sealed bytes. */
    record Envelope(long sequence, byte[] sealed) {
    }

    private SealedAuditLines() {
    }

    static String context(long sequence) {
        return "audit.jsonl#" + sequence;
    }

    /** Whether {@code line} is a sealed line (the first line tells how a trail is written). */
    static boolean isSealed(String line) {
        return line.startsWith("{\"sequence\":") && line.contains(",\"sealed\":\"");
    }

    static String line(long sequence, byte[] sealed) {
        StringWriter text = new StringWriter();
        try (JsonWriter json = new JsonWriter(text)) {
            json.beginObject();
            json.name("sequence").value(sequence);
            json.name("sealed").value(Base64.getEncoder().encodeToString(sealed));
            json.endObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to a string", e);
        }
        return text.toString();
    }

    /**
     * Reads a sealed line: exactly its two fields, in canonical form.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static Envelope parse(String line) {
        Long sequence = null;
        String sealed = null;
        try (JsonReader json = new JsonReader(new StringReader(line))) {
            json.setStrictness(Strictness.STRICT);
            json.beginObject();
            while (json.hasNext()) {
                String name = json.nextName();
                if (name.equals("sequence") && sequence == null && json.peek() == JsonToken.NUMBER) {
                    sequence = json.nextLong();
                } else if (name.equals("sealed") && sealed == null && json.peek() == JsonToken.STRING) {
                    sealed = json.nextString();
                } else {
                    throw new IllegalArgumentException("unexpected field \"" + name + "\" (a sealed line holds "
                            + "\"sequence\", a number, and \"sealed\", a string, once each)");
                }
            }
            json.endObject();
            if (json.peek() != JsonToken.END_DOCUMENT) {
                throw new IllegalArgumentException("data after the entry");
            }
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw new IllegalArgumentException("malformed JSON", e);
        }
        if (sequence == null || sealed == null) {
            throw new IllegalArgumentException("a sealed line needs \"sequence\" and \"sealed\"");
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(sealed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"sealed\" is not Base64");
        }
        Envelope envelope = new Envelope(sequence, bytes);
        if (!line.equals(line(sequence, bytes))) {
            throw new IllegalArgumentException("not in canonical form (the line was edited)");
        }
        return envelope;
    }
}
