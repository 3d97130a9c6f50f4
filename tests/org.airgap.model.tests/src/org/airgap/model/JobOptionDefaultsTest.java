package org.airgap.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** A job document states only the options that differ from the documented defaults (docs/formats.md, "job"). */
class JobOptionDefaultsTest {

    private static final String HEAD = """
            {"formatVersion": 1, "kind": "job", "id": "j", "componentId": "c", "name": "J", "parameters": {}""";

    @Test
    void aJobWithoutOptionsTakesTheDefaultsAndCreatesVersions() throws Exception {
        Job job = ModelJson.read(Job.class, HEAD + "}");
        assertEquals(JobOptions.documentDefaults(), job.options());
        assertEquals(new JobOptions(1, Duration.ZERO, null, true, List.of(), List.of(), List.of()), job.options());
        assertEquals(job, ModelJson.read(Job.class, HEAD + ", \"options\": null}"));
        assertEquals(job, ModelJson.read(Job.class, HEAD + ", \"options\": {}}"));
    }

    @Test
    void optionsThatAreGivenReplaceOnlyTheirDefault() throws Exception {
        Job job = ModelJson.read(Job.class, HEAD + ", \"options\": {\"maxAttempts\": 3, \"warnIfBackupOlderThan\":"
                + " \"PT720H\", \"createVersionAutomatically\": false, \"ignoreRules\": [{\"pathGlob\": \"logs/**\"}]}}");
        assertEquals(new JobOptions(3, Duration.ZERO, Duration.ofHours(720), false, List.of(), List.of(),
                List.of(new IgnoreRule("logs/**", null))), job.options());
        // Written back, every option is stated: the stored form stays canonical.
        assertEquals(job, ModelJson.read(Job.class, ModelJson.write(job)));
        assertEquals(job.options(), ModelJson.read(Job.class, ModelJson.write(new Job("j", "c", "J", Map.of(),
                job.options()))).options());
    }

    @Test
    void aWrongOrUnknownOptionIsStillRefused() {
        assertEquals("$.options: invalid job options: JobOptions.maxAttempts must be at least 1, was 0",
                assertThrows(ModelFormatException.class, () -> ModelJson.read(Job.class, HEAD
                        + ", \"options\": {\"maxAttempts\": 0}}")).getMessage());
        assertEquals("$.options: unknown field \"maxAttempt\"", assertThrows(ModelFormatException.class,
                () -> ModelJson.read(Job.class, HEAD + ", \"options\": {\"maxAttempt\": 2}}")).getMessage());
    }
}
