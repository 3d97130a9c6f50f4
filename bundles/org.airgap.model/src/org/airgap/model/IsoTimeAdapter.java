package org.airgap.model;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

import com.google.gson.JsonElement;
import com.google.gson.stream.JsonWriter;

/** Instants and durations as ISO-8601 text, the one form all of Airgap's JSON uses for them. */
final class IsoTimeAdapter<T> extends StrictAdapter<T> {

    static final IsoTimeAdapter<Instant> INSTANT = new IsoTimeAdapter<>(Instant::parse,
            "an ISO-8601 instant such as 2025-03-01T10:15:30Z");
    static final IsoTimeAdapter<Duration> DURATION = new IsoTimeAdapter<>(Duration::parse,
            "an ISO-8601 duration such as PT2H");

    private final Function<String, T> parser;
    private final String expected;

    private IsoTimeAdapter(Function<String, T> parser, String expected) {
        this.parser = parser;
        this.expected = expected;
    }

    T parse(String text, String path) throws ModelFormatException {
        try {
            return parser.apply(text);
        } catch (DateTimeParseException e) {
            throw JsonFields.invalid(path, "expected " + expected + ", found \"" + text + "\"");
        }
    }

    @Override
    void writeValue(JsonWriter out, T value) throws IOException {
        out.value(value.toString());
    }

    @Override
    T decode(JsonElement value, String path) throws ModelFormatException {
        return parse(JsonFields.asString(value, path), path);
    }
}
