package org.airgap.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.airgap.model.ModelFormatException.Problem;
import org.junit.jupiter.api.Test;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParser;
import com.google.gson.JsonSyntaxException;
import com.google.gson.reflect.TypeToken;

/** The model's Gson adapters embed records in other JSON, read as strictly as a document. */
class ModelTypeAdaptersTest {

    private static final Gson GSON = new GsonBuilder().registerTypeAdapterFactory(ModelJson.typeAdapterFactory())
            .create();

    /** A message of some other format that holds model records. */
    record Envelope(String note, Job job, List<Run> runs, Baseline baseline, Instant at, Duration pause) {
    }

    @Test
    void recordsInsideOtherJsonAreTheirDocumentsFieldsAndRoundTrip() throws Exception {
        Baseline baseline = new Baseline("c-plc7", Samples.version(), null);
        Envelope envelope = new Envelope("n", Samples.job(), List.of(Samples.finishedRun(), Samples.runningRun()),
                baseline, Samples.START, Duration.ofHours(2));

        String json = GSON.toJson(envelope);

        assertEquals(envelope, GSON.fromJson(json, Envelope.class));
        assertTrue(json.contains("\"at\":\"2025-03-01T10:15:30Z\",\"pause\":\"PT2H\""), json);
        assertFalse(json.contains("formatVersion"), json);
        // the fields of the single-record document, without formatVersion and kind (nulls as the Gson says)
        String document = ModelJson.write(Samples.job());
        Gson withNulls = GSON.newBuilder().serializeNulls().create();
        assertEquals(JsonParser.parseString(document.replace("\"formatVersion\": 1,\n  \"kind\": \"job\",\n", "")),
                JsonParser.parseString(withNulls.toJson(Samples.job())));
    }

    /**
     * Found by fuzzing (tests/fuzz, AdminImportFuzzTest): a number whose exponent exceeds an int made
     * BigDecimal throw NumberFormatException through Gson — a 500 from the server, a stack trace from
     * {@code airgap-server import}.
     */
    @Test
    void aNumberBeyondRangeInsideARecordIsASyntaxErrorNamingIt() {
        String job = ModelJson.write(Samples.job()).replaceFirst("\"maxAttempts\": 3", "\"maxAttempts\": 1e5555555555");
        String json = job.replaceFirst("\"formatVersion\": 1,\\s*\"kind\": \"job\",", "");
        JsonSyntaxException refused = assertThrows(JsonSyntaxException.class,
                () -> GSON.fromJson("{\"job\":" + json + "}", Envelope.class));
        assertTrue(refused.getMessage().startsWith("malformed JSON: the number 1e5555555555 is out of range"),
                refused.getMessage());
        ModelFormatException document = assertThrows(ModelFormatException.class, () -> ModelJson.read(Job.class,
                job));
        assertEquals(Problem.MALFORMED, document.problem());
    }

    @Test
    void nullRecordsAndTimesStayNull() {
        Envelope read = GSON.fromJson("{\"note\":\"n\",\"job\":null,\"baseline\":null,\"at\":null}", Envelope.class);
        assertNull(read.job());
        assertNull(read.baseline());
        assertNull(read.at());
    }

    @Test
    void unknownMissingAndDuplicateFieldsAreNamedByTheirPathInTheEnclosingJson() {
        String job = GSON.toJson(Samples.minimalJob());
        refused("$.job.options: unknown field \"maxAtempts\"", Problem.INVALID,
                "{\"job\":" + job.replace("\"maxAttempts\":1", "\"maxAttempts\":1,\"maxAtempts\":2") + "}");
        refused("$.runs[1].jobId: is missing", Problem.INVALID,
                "{\"runs\":[" + GSON.toJson(Samples.runningRun()) + ","
                        + GSON.toJson(Samples.runningRun()).replace("\"jobId\":\"j-plc7\",", "") + "]}");
        refused("$.baseline.serverVersion: invalid version: Version.number must be at least 1, was 0", Problem.INVALID,
                "{\"baseline\":" + GSON.toJson(new Baseline("c-plc7", Samples.version(), null)).replace("\"number\":4",
                        "\"number\":0") + "}");
        refused("$.at: expected an ISO-8601 instant such as 2025-03-01T10:15:30Z, found \"noon\"", Problem.INVALID,
                "{\"at\":\"noon\"}");
        refused("$.pause: expected a string, found 7200", Problem.INVALID, "{\"pause\":7200}");

        JsonSyntaxException twice = assertThrows(JsonSyntaxException.class,
                () -> GSON.fromJson("{\"job\":" + job.replace("\"name\":", "\"id\":\"x\",\"name\":") + "}", Envelope.class));
        assertTrue(twice.getMessage().startsWith("malformed JSON: field \"id\" twice at line 1"), twice.getMessage());
        assertTrue(twice.getMessage().endsWith("path $.job.id"), twice.getMessage());
    }

    @Test
    void listsOfRecordsReadThroughTheFactory() {
        List<Folder> folders = List.of(Samples.topFolder(), Samples.folder());
        TypeToken<List<Folder>> type = new TypeToken<>() {
        };
        assertEquals(folders, GSON.fromJson(GSON.toJson(folders, type.getType()), type));
    }

    private static void refused(String message, Problem problem, String json) {
        JsonSyntaxException e = assertThrows(JsonSyntaxException.class, () -> GSON.fromJson(json, Envelope.class));
        assertEquals(message, e.getMessage());
        assertEquals(problem, assertInstanceOf(ModelFormatException.class, e.getCause()).problem());
    }
}
