package org.airgap.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.airgap.model.Baseline;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.model.Version;
import org.junit.jupiter.api.Test;

import com.google.gson.JsonParseException;

class ProtocolJsonTest {

    private static final String SNAPSHOT = "ab".repeat(32);

    @Test
    void pullResponseRoundTripsWithModelRecordsAsPlainObjects() {
        Job job = new Job("j1", "c1", "Press 1 program", Map.of("path", "/prog"), JobOptions.defaults());
        Version version = new Version("c1", 3, Instant.parse("2026-11-01T10:00:00Z"), "anna", "ok", SNAPSHOT);
        PullResponse pull = new PullResponse(new SessionPolicy(Duration.ofMinutes(120), Duration.ofHours(48)),
                new OfflineVerifier("anna", Role.TECHNICIAN, "PBKDF2WithHmacSHA256", 600_000, "c2FsdA==", "aGFzaA=="),
                List.of(new Folder("f1", "Plant", null)),
                List.of(new Component("c1", "Press 1", "f1", "ftp", Map.of("host", "10.0.0.5"))), List.of(job),
                List.of(new Baseline("c1", version, null)), Instant.parse("2026-11-26T08:00:00Z"));

        String json = ProtocolJson.write(pull);

        assertTrue(json.contains("\"idleTimeout\":\"PT2H\""), json);
        assertFalse(json.contains("formatVersion"), "model records are written as plain objects: " + json);
        assertEquals(pull, ProtocolJson.read(json, PullResponse.class));
    }

    @Test
    void invalidModelRecordIsRefusedWithTheModelsMessage() {
        String json = "{\"folders\":[{\"id\":\"f1\",\"name\":\" \",\"parentId\":null}]}";

        JsonParseException e = assertThrows(JsonParseException.class, () -> ProtocolJson.read(json, AdminImport.class));

        assertTrue(e.getMessage().contains("Folder.name"), e.getMessage());
    }

    @Test
    void modelRecordsInMessagesAreReadStrictlyWithTheirPath() {
        String job = ProtocolJson.write(new Job("j1", "c1", "Program", Map.of(), JobOptions.defaults()));
        JsonParseException unknown = assertThrows(JsonParseException.class, () -> ProtocolJson.read(
                "{\"jobs\":[" + job + "," + job.replace("\"name\":", "\"nmae\":\"x\",\"name\":") + "]}",
                AdminImport.class));
        assertEquals("$.jobs[1]: unknown field \"nmae\"", unknown.getMessage());
        JsonParseException missing = assertThrows(JsonParseException.class,
                () -> ProtocolJson.read("{\"folders\":[{\"id\":\"f1\"}]}", AdminImport.class));
        assertEquals("$.folders[0].name: is missing", missing.getMessage());
        JsonParseException twice = assertThrows(JsonParseException.class, () -> ProtocolJson.read(
                "{\"folders\":[{\"id\":\"f1\",\"name\":\"a\",\"name\":\"b\"}]}", AdminImport.class));
        assertTrue(twice.getMessage().contains("field \"name\" twice"), twice.getMessage());
    }

    @Test
    void missingListsReadAsEmptyAndBadTimesAreNamed() {
        assertEquals(List.of(), ProtocolJson.read("{}", AdminImport.class).jobs());
        JsonParseException e = assertThrows(JsonParseException.class,
                () -> ProtocolJson.read("{\"idleTimeout\":\"2 hours\"}", SessionPolicy.class));
        assertTrue(e.getMessage().contains("2 hours"), e.getMessage());
    }

    @Test
    void passwordsNeverAppearInToString() {
        assertFalse(new LoginRequest("anna", "secret").toString().contains("secret"));
        assertFalse(new NewUser("anna", Role.ADMIN, "secret").toString().contains("secret"));
        assertFalse(new UserChange(null, "secret", null).toString().contains("secret"));
        assertEquals(Role.ADMIN, Role.parse(" Admin "));
        assertThrows(IllegalArgumentException.class, () -> Role.parse("boss"));
    }

    /**
     * Found by fuzzing (tests/fuzz): what a record's constructor refuses reached callers as Gson's plain
     * RuntimeException, not as the JsonParseException the server answers 400 and the CLI reports.
     */
    @Test
    void aValueARecordRefusesIsAParseErrorWithAMessage() {
        JsonParseException nullFolder = assertThrows(JsonParseException.class,
                () -> ProtocolJson.read("{\"folders\":[null]}", AdminImport.class));
        assertEquals("AdminImport has a null where a value is required", nullFolder.getMessage());
        JsonParseException nullInList = assertThrows(JsonParseException.class,
                () -> ProtocolJson.readList("[{\"folders\":[null]}]", AdminImport.class));
        assertEquals("AdminImport has a null where a value is required", nullInList.getMessage());
        JsonParseException badEntry = assertThrows(JsonParseException.class, () -> ProtocolJson.read(
                "{\"entries\":[{\"sequence\":0,\"user\":\"anna\"}]}", AuditUpload.class));
        assertTrue(badEntry.getMessage().startsWith("AuditEntry.sequence must be at least 1"), badEntry.getMessage());
    }

    @Test
    void emptyBodyIsRefused() {
        assertThrows(JsonParseException.class, () -> ProtocolJson.read("", LoginRequest.class));
    }
}
