package org.airgap.model;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;

import org.airgap.model.ModelFormatException.Problem;

/**
 * Reads JSON into a tree the strict way: a field twice in one object is an error (Gson's own tree would
 * keep the last one silently), numbers keep their exact decimal value, and errors carry Gson's position.
 */
final class StrictJson {

    private StrictJson() {
    }

    /** A whole text; refuses syntax errors and data after the document. */
    static JsonElement parse(String json) throws ModelFormatException {
        try (JsonReader reader = new JsonReader(new StringReader(json))) {
            reader.setStrictness(Strictness.STRICT);
            JsonElement root = read(reader);
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

    /** The next value of {@code reader}, whatever its type. */
    static JsonElement read(JsonReader reader) throws IOException {
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
                object.add(name, read(reader));
            }
            reader.endObject();
            return object;
        }
        case BEGIN_ARRAY -> {
            JsonArray array = new JsonArray();
            reader.beginArray();
            while (reader.hasNext()) {
                array.add(read(reader));
            }
            reader.endArray();
            return array;
        }
        case STRING -> {
            return new JsonPrimitive(reader.nextString());
        }
        case NUMBER -> {
            String number = reader.nextString();
            try {
                return new JsonPrimitive(new BigDecimal(number));
            } catch (NumberFormatException e) {
                // An exponent beyond an int (1e9999999999): found by fuzzing, it escaped unchecked through Gson.
                throw new ModelFormatException(Problem.MALFORMED, "malformed JSON: the number "
                        + (number.length() > 40 ? number.substring(0, 40) + "…" : number) + " is out of range"
                        + position(reader), e);
            }
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
}
