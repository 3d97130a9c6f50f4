package org.airgap.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.airgap.model.ModelFormatException.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ModelJsonTest {

    static List<Object> everyKind() {
        return List.of(Samples.topFolder(), Samples.folder(), Samples.component(), Samples.job(), Samples.minimalJob(),
                Samples.gentleJob(), Samples.finishedRun(), Samples.runningRun(), Samples.version(), Samples.flaggedRun(),
                Samples.versionWithDevice());
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void roundTripGivesAnEqualRecordAndTheSameText(Object record) throws Exception {
        String json = ModelJson.write(record);
        Object read = ModelJson.read(record.getClass(), json);
        assertEquals(record, read);
        assertEquals(json, ModelJson.write(read));
        assertTrue(json.startsWith("{\n  \"formatVersion\": 1,\n  \"kind\": \"" + ModelJson.kind(record.getClass())
                + "\",\n"), json);
    }

    @Test
    void listsRoundTrip() throws Exception {
        List<Folder> folders = List.of(Samples.topFolder(), Samples.folder());
        String json = ModelJson.writeList(Folder.class, folders);
        assertTrue(json.contains("\"kind\": \"folders\""), json);
        assertEquals(folders, ModelJson.readList(Folder.class, json));

        assertEquals(List.of(Samples.component()),
                ModelJson.readList(Component.class, ModelJson.writeList(Component.class, List.of(Samples.component()))));
        assertEquals(List.of(Samples.job(), Samples.minimalJob()), ModelJson.readList(Job.class,
                ModelJson.writeList(Job.class, List.of(Samples.job(), Samples.minimalJob()))));
        assertEquals(List.of(Samples.finishedRun(), Samples.runningRun()), ModelJson.readList(Run.class,
                ModelJson.writeList(Run.class, List.of(Samples.finishedRun(), Samples.runningRun()))));
        assertEquals(List.of(Samples.version()),
                ModelJson.readList(Version.class, ModelJson.writeList(Version.class, List.of(Samples.version()))));
        assertEquals(List.of(), ModelJson.readList(Version.class, ModelJson.writeList(Version.class, List.of())));
    }

    @Test
    void canonicalFormIsFixedNotHtmlEscapedAndSorted() {
        assertEquals("""
                {
                  "formatVersion": 1,
                  "kind": "folder",
                  "id": "f-line3",
                  "name": "Line 3 <press & weld>",
                  "parentId": "f-plant"
                }
                """, ModelJson.write(Samples.folder()));
        assertEquals("""
                {
                  "formatVersion": 1,
                  "kind": "component",
                  "id": "c-plc7",
                  "name": "PLC 7 \\"Presse\\"",
                  "folderId": "f-line3",
                  "deviceType": "org.airgap.driver.s7",
                  "connection": {
                    "host": "10.0.3.7",
                    "password": "s3cr=t",
                    "rack": "0",
                    "slot": "1"
                  }
                }
                """, ModelJson.write(Samples.component()));
    }

    @Test
    void jobAndRunFormat() {
        assertEquals("""
                {
                  "formatVersion": 1,
                  "kind": "job",
                  "id": "j-min",
                  "componentId": "c-plc7",
                  "name": "minimal",
                  "parameters": {},
                  "options": {
                    "maxAttempts": 1,
                    "pauseBetweenAttempts": "PT0S",
                    "warnIfBackupOlderThan": null,
                    "createVersionAutomatically": false,
                    "includes": [],
                    "excludes": [],
                    "ignoreRules": []
                  }
                }
                """, ModelJson.write(Samples.minimalJob()));
        String run = ModelJson.write(Samples.finishedRun());
        assertTrue(run.contains("\"end\": \"2025-03-01T10:17:05.250Z\""), run);
        assertTrue(run.contains("\"serial\": null"), run);
        assertTrue(ModelJson.write(Samples.job()).contains("\"warnIfBackupOlderThan\": \"PT720H\""));
    }

    @Test
    void gentleModeIsWrittenOnlyWhenSetAndOldJobsReadWithoutIt() throws Exception {
        String gentle = ModelJson.write(Samples.gentleJob());
        assertTrue(gentle.contains("""
                    "ignoreRules": [],
                    "pauseBetweenRequests": "PT0.25S",
                    "maxBytesPerSecond": 65536
                  }
                """), gentle);
        String old = ModelJson.write(Samples.minimalJob());
        assertFalse(old.contains("pauseBetweenRequests") || old.contains("maxBytesPerSecond"), old);
        JobOptions read = ModelJson.read(Job.class, old).options();
        assertEquals(Duration.ZERO, read.pauseBetweenRequests());
        assertEquals(0, read.maxBytesPerSecond());
        assertFalse(read.gentle());
        // One of the two alone, and an explicit null, are read too.
        String pauseOnly = old.replace("\"ignoreRules\": []", "\"ignoreRules\": [], \"pauseBetweenRequests\": \"PT2S\", "
                + "\"maxBytesPerSecond\": null");
        JobOptions paused = ModelJson.read(Job.class, pauseOnly).options();
        assertEquals(Duration.ofSeconds(2), paused.pauseBetweenRequests());
        assertEquals(0, paused.maxBytesPerSecond());
        assertTrue(paused.gentle());
    }

    @Test
    void badGentleModeValuesAreRefused() {
        String gentle = ModelJson.write(Samples.gentleJob());
        refused(Problem.INVALID, "$.options: invalid job options: JobOptions.maxBytesPerSecond must be 0 (no cap) or from "
                + "1024 to 1099511627776, was 100",
                () -> ModelJson.read(Job.class, gentle.replace("65536", "100")));
        refused(Problem.INVALID, "$.options.maxBytesPerSecond: expected a whole number, found \"fast\"",
                () -> ModelJson.read(Job.class, gentle.replace("65536", "\"fast\"")));
        refused(Problem.INVALID, "$.options.maxBytesPerSecond: expected a whole number, found 99999999999999999999",
                () -> ModelJson.read(Job.class, gentle.replace("65536", "99999999999999999999")));
        refused(Problem.INVALID, "$.options: invalid job options: JobOptions.pauseBetweenRequests must be at most PT1M, "
                + "was PT2M", () -> ModelJson.read(Job.class, gentle.replace("\"PT0.25S\"", "\"PT2M\"")));
        refused(Problem.INVALID, "$.options: invalid job options: JobOptions.pauseBetweenRequests must not be negative, "
                + "was PT-1S", () -> ModelJson.read(Job.class, gentle.replace("\"PT0.25S\"", "\"PT-1S\"")));
    }

    @Test
    void newerFormatIsRefusedWithBothVersions() {
        String newer = ModelJson.write(Samples.folder()).replace("\"formatVersion\": 1", "\"formatVersion\": 7");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelJson.read(Folder.class, newer));
        assertEquals(Problem.NEWER_FORMAT, e.problem());
        assertEquals("written by a newer Airgap: format 7, this version reads up to 1 — update Airgap", e.getMessage());
    }

    @Test
    void newerFormatWinsOverAnUnknownKind() {
        // a newer Airgap may have renamed kinds: the useful message is "update", not "wrong kind"
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ModelJson.read(Job.class, "{\"formatVersion\": 2, \"kind\": \"job-v2\"}"));
        assertEquals(Problem.NEWER_FORMAT, e.problem());
    }

    @Test
    void missingOrInvalidFormatVersionIsRefused() {
        refused(Problem.NO_FORMAT_VERSION,
                "not an Airgap document: \"formatVersion\" is missing (expected a job document)",
                () -> ModelJson.read(Job.class, "{\"kind\": \"job\"}"));
        refused(Problem.NO_FORMAT_VERSION, "\"formatVersion\" must be a whole number from 1, found \"1\"",
                () -> ModelJson.read(Job.class, "{\"formatVersion\": \"1\", \"kind\": \"job\"}"));
        refused(Problem.NO_FORMAT_VERSION, "\"formatVersion\" must be a whole number from 1, found 0",
                () -> ModelJson.read(Job.class, "{\"formatVersion\": 0, \"kind\": \"job\"}"));
    }

    @Test
    void wrongOrMissingKindIsRefused() {
        refused(Problem.WRONG_KIND, "expected a \"job\" document, found kind \"run\"",
                () -> ModelJson.read(Job.class, ModelJson.write(Samples.runningRun())));
        refused(Problem.WRONG_KIND, "expected a \"jobs\" document, found kind \"job\"",
                () -> ModelJson.readList(Job.class, ModelJson.write(Samples.job())));
        refused(Problem.WRONG_KIND, "\"kind\" is missing (expected \"version\")",
                () -> ModelJson.read(Version.class, "{\"formatVersion\": 1}"));
    }

    @Test
    void malformedJsonNamesThePosition() {
        ModelFormatException e = assertThrows(ModelFormatException.class,
                () -> ModelJson.read(Folder.class, "{\n  \"formatVersion\": 1,\n  \"kind\": \"folder\"\n  \"id\": \"x\"\n}"));
        assertEquals(Problem.MALFORMED, e.problem());
        assertTrue(e.getMessage().startsWith("malformed JSON: "), e.getMessage());
        assertTrue(e.getMessage().contains("line 4 column"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());

        refused(Problem.MALFORMED, null, () -> ModelJson.read(Folder.class, ""));
        refused(Problem.MALFORMED, null, () -> ModelJson.read(Folder.class, "{\"formatVersion\": 1} trailing"));
        refused(Problem.MALFORMED, null, () -> ModelJson.read(Folder.class, "{'formatVersion': 1}"));
        refused(Problem.MALFORMED, "not an Airgap document: expected a JSON object, found an array",
                () -> ModelJson.read(Folder.class, "[]"));
        ModelFormatException twice = assertThrows(ModelFormatException.class, () -> ModelJson.read(Folder.class,
                "{\"formatVersion\": 1, \"kind\": \"folder\", \"id\": \"a\", \"id\": \"b\", \"name\": \"n\"}"));
        assertTrue(twice.getMessage().startsWith("malformed JSON: field \"id\" twice at line 1"), twice.getMessage());
    }

    @Test
    void badFieldsAreNamedByTheirPath() {
        String job = ModelJson.write(Samples.job());
        refused(Problem.INVALID, "$.options: invalid job options: JobOptions.maxAttempts must be at least 1, was 0",
                () -> ModelJson.read(Job.class, job.replace("\"maxAttempts\": 3", "\"maxAttempts\": 0")));
        refused(Problem.INVALID, "$.options.maxAttempts: expected a whole number, found 2.5",
                () -> ModelJson.read(Job.class, job.replace("\"maxAttempts\": 3", "\"maxAttempts\": 2.5")));
        refused(Problem.INVALID, "$.options.pauseBetweenAttempts: expected an ISO-8601 duration such as PT2H, found \"30s\"",
                () -> ModelJson.read(Job.class, job.replace("\"PT30S\"", "\"30s\"")));
        refused(Problem.INVALID, "$.options.ignoreRules[1].pathGlob: is missing",
                () -> ModelJson.read(Job.class, job.replace("\"pathGlob\": \"**/*.ini\"", "\"pathGlob\": null")));
        refused(Problem.INVALID, "$.options: unknown field \"maxAtempts\"",
                () -> ModelJson.read(Job.class, job.replace("\"maxAttempts\": 3,", "\"maxAttempts\": 3, \"maxAtempts\": 4,")));
        refused(Problem.INVALID, "$.parameters.upload: expected a string, found 1",
                () -> ModelJson.read(Job.class, job.replace("\"upload\": \"all\"", "\"upload\": 1")));
        refused(Problem.INVALID, "$: unknown field \"comment\"",
                () -> ModelJson.read(Folder.class, ModelJson.write(Samples.folder()).replace("\"id\"",
                        "\"comment\": \"x\", \"id\"")));

        String run = ModelJson.write(Samples.finishedRun());
        refused(Problem.INVALID, "$.start: expected an ISO-8601 instant such as 2025-03-01T10:15:30Z, found \"yesterday\"",
                () -> ModelJson.read(Run.class, run.replace("\"2025-03-01T10:15:30Z\"", "\"yesterday\"")));
        refused(Problem.INVALID,
                "$.outcome: expected one of [RUNNING, SUCCEEDED, FAILED, CANCELLED], found \"DONE\"",
                () -> ModelJson.read(Run.class, run.replace("\"SUCCEEDED\"", "\"DONE\"")));
        refused(Problem.INVALID, "$.messages[1].level: expected one of [INFO, WARNING, ERROR], found \"WARN\"",
                () -> ModelJson.read(Run.class, run.replace("\"WARNING\"", "\"WARN\"")));
        refused(Problem.INVALID, "$: invalid run: Run.end is set but Run.outcome is RUNNING",
                () -> ModelJson.read(Run.class, run.replace("\"SUCCEEDED\"", "\"RUNNING\"")));

        String versions = ModelJson.writeList(Version.class, List.of(Samples.version(), Samples.version()));
        refused(Problem.INVALID, "$.items[0]: invalid version: Version.number must be at least 1, was 0",
                () -> ModelJson.readList(Version.class, versions.replaceFirst("\"number\": 4", "\"number\": 0")));
    }

    @Test
    void identitiesAreWrittenOnlyWhenKnownAndReadAsNoneWhenAbsent() throws Exception {
        String run = ModelJson.write(Samples.finishedRun());
        String version = ModelJson.write(Samples.version());
        assertFalse(run.contains("identityCheck"), run);
        assertFalse(version.contains("\"device\""), version);
        assertNull(ModelJson.read(Run.class, run).identityCheck());
        assertEquals(DeviceIdentity.UNKNOWN, ModelJson.read(Version.class, version).device());

        String flagged = ModelJson.write(Samples.flaggedRun());
        assertTrue(flagged.endsWith("\n  ],\n  \"identityCheck\": {\n    \"kind\": \"DIFFERENT_DEVICE\",\n"
                + "    \"expected\": {\n      \"vendor\": \"Siemens\",\n      \"model\": \"CPU 1516-3 PN/DP\",\n"
                + "      \"firmware\": \"V2.8\",\n      \"serial\": \"S7-999\"\n    },\n    \"found\": {\n"
                + "      \"vendor\": \"Siemens\",\n      \"model\": \"CPU 1516-3 PN/DP\",\n"
                + "      \"firmware\": \"V2.9.4\",\n      \"serial\": \"S7-123\"\n    },\n"
                + "    \"basis\": \"version 4\"\n  }\n}\n"), flagged);
        assertTrue(ModelJson.read(Run.class, flagged).differentDevice());
        refused(Problem.INVALID, "$.identityCheck.kind: expected one of [DIFFERENT_DEVICE, FIRMWARE_CHANGED],"
                + " found \"SWAPPED\"", () -> ModelJson.read(Run.class, flagged.replace("DIFFERENT_DEVICE", "SWAPPED")));
        String device = ModelJson.write(Samples.versionWithDevice());
        refused(Problem.INVALID, "$.device: unknown field \"colour\"", () -> ModelJson.read(Version.class,
                device.replace("\"serial\": \"S7-999\"", "\"serial\": \"S7-999\", \"colour\": \"red\"")));
    }

    @Test
    void nullableFieldsMayBeLeftOut() throws Exception {
        Folder folder = ModelJson.read(Folder.class, "{\"formatVersion\": 1, \"kind\": \"folder\", \"id\": \"f\", \"name\": \"F\"}");
        assertEquals(new Folder("f", "F", null), folder);
    }

    @Test
    void filesRoundTripAndErrorsNameTheFile(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("job.json");
        ModelJson.write(Samples.job(), file);
        assertEquals(Samples.job(), ModelJson.read(Job.class, file));

        Files.writeString(file, ModelJson.write(Samples.job()).replace("\"formatVersion\": 1", "\"formatVersion\": 7"));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelJson.read(Job.class, file));
        assertEquals(file + ": written by a newer Airgap: format 7, this version reads up to 1 — update Airgap",
                e.getMessage());

        Path list = folder.resolve("runs.json");
        Files.writeString(list, ModelJson.writeList(Run.class, List.of(Samples.runningRun())));
        assertEquals(List.of(Samples.runningRun()), ModelJson.readList(Run.class, list));
    }

    @Test
    void onlyModelRecordsHaveADocumentKind() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ModelJson.write("text"));
        assertTrue(e.getMessage().startsWith("no JSON document kind for java.lang.String"), e.getMessage());
        assertEquals("runs", ModelJson.listKind(Run.class));
    }

    private static void refused(Problem problem, String message, Executable read) {
        ModelFormatException e = assertThrows(ModelFormatException.class, read);
        if (message != null) {
            assertEquals(message, e.getMessage());
        }
        assertEquals(problem, e.problem(), e.getMessage());
    }
}
