package org.airgap.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The records refuse invalid values with a message that starts with the bad field. */
class ValidationTest {

    private static void refused(String expectedMessage, Executable construction) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction);
        assertEquals(expectedMessage, e.getMessage());
    }

    @Test
    void folder() {
        refused("Folder.id is missing", () -> new Folder(null, "x", null));
        refused("Folder.name is blank", () -> new Folder("f", "  ", null));
        refused("Folder.parentId is blank", () -> new Folder("f", "x", ""));
        refused("Folder.parentId names the folder itself: 'f'", () -> new Folder("f", "x", "f"));
    }

    @Test
    void component() {
        refused("Component.folderId is missing", () -> new Component("c", "x", null, "s7", Map.of()));
        refused("Component.deviceType is blank", () -> new Component("c", "x", "f", "", Map.of()));
        refused("Component.connection is missing", () -> new Component("c", "x", "f", "s7", null));
        Map<String, String> noValue = new HashMap<>();
        noValue.put("host", null);
        refused("Component.connection parameter 'host' has no value", () -> new Component("c", "x", "f", "s7", noValue));
        refused("Component.connection has a parameter without a name",
                () -> new Component("c", "x", "f", "s7", Map.of(" ", "v")));
    }

    @Test
    void jobAndOptions() {
        refused("Job.componentId is missing", () -> new Job("j", null, "x", Map.of(), JobOptions.defaults()));
        refused("Job.options is missing", () -> new Job("j", "c", "x", Map.of(), null));
        refused("JobOptions.maxAttempts must be at least 1, was 0",
                () -> new JobOptions(0, Duration.ZERO, null, false, List.of(), List.of(), List.of()));
        refused("JobOptions.pauseBetweenAttempts must not be negative, was PT-1S",
                () -> new JobOptions(1, Duration.ofSeconds(-1), null, false, List.of(), List.of(), List.of()));
        refused("JobOptions.pauseBetweenAttempts is missing",
                () -> new JobOptions(1, null, null, false, List.of(), List.of(), List.of()));
        refused("JobOptions.warnIfBackupOlderThan must be positive or absent, was PT0S",
                () -> new JobOptions(1, Duration.ZERO, Duration.ZERO, false, List.of(), List.of(), List.of()));
        refused("JobOptions.excludes[1] is blank",
                () -> new JobOptions(1, Duration.ZERO, null, false, List.of(), List.of("*.tmp", " "), List.of()));
        refused("JobOptions.ignoreRules[0] is missing", () -> new JobOptions(1, Duration.ZERO, null, false, List.of(),
                List.of(), Arrays.asList((IgnoreRule) null)));
    }

    @Test
    void gentleModeLimits() {
        JobOptions defaults = JobOptions.defaults();
        assertFalse(defaults.gentle());
        refused("JobOptions.pauseBetweenRequests is missing", () -> defaults.withGentleMode(null, 0));
        refused("JobOptions.pauseBetweenRequests must not be negative, was PT-0.001S",
                () -> defaults.withGentleMode(Duration.ofMillis(-1), 0));
        refused("JobOptions.pauseBetweenRequests must be at most PT1M, was PT1M0.001S",
                () -> defaults.withGentleMode(Duration.ofMillis(60_001), 0));
        refused("JobOptions.maxBytesPerSecond must be 0 (no cap) or from 1024 to 1099511627776, was -1",
                () -> defaults.withGentleMode(Duration.ZERO, -1));
        refused("JobOptions.maxBytesPerSecond must be 0 (no cap) or from 1024 to 1099511627776, was 1023",
                () -> defaults.withGentleMode(Duration.ZERO, 1023));
        refused("JobOptions.maxBytesPerSecond must be 0 (no cap) or from 1024 to 1099511627776, was 1099511627777",
                () -> defaults.withGentleMode(Duration.ZERO, (1L << 40) + 1));
        assertTrue(defaults.withGentleMode(Duration.ofMinutes(1), 0).gentle());
        assertTrue(defaults.withGentleMode(Duration.ZERO, 1024).gentle());
        assertTrue(defaults.withGentleMode(Duration.ZERO, 1L << 40).gentle());
        // The constructor without gentle mode gives the same options as before it existed.
        assertEquals(defaults.withGentleMode(Duration.ZERO, 0),
                new JobOptions(1, Duration.ZERO, null, false, List.of(), List.of(), List.of()));
    }

    @Test
    void run() {
        refused("Run.end is before Run.start: 2025-03-01T10:15:29Z < 2025-03-01T10:15:30Z",
                () -> new Run("r", "j", Samples.START, Samples.START.minusSeconds(1), 1, RunOutcome.FAILED, null, null,
                        CompareResult.ERROR, CompareResult.ERROR, List.of()));
        refused("Run.end is set but Run.outcome is RUNNING",
                () -> new Run("r", "j", Samples.START, Samples.START, 1, RunOutcome.RUNNING, null, null,
                        CompareResult.ERROR, CompareResult.ERROR, List.of()));
        refused("Run.attempts must not be negative, was -1",
                () -> new Run("r", "j", Samples.START, null, -1, RunOutcome.RUNNING, null, null,
                        CompareResult.ERROR, CompareResult.ERROR, List.of()));
        refused("Run.snapshotId is not a snapshot id (64 lower-case hex digits): 'snap-1'",
                () -> new Run("r", "j", Samples.START, null, 1, RunOutcome.RUNNING, null, "snap-1",
                        CompareResult.ERROR, CompareResult.ERROR, List.of()));
        refused("Run.previousBackupResult is missing",
                () -> new Run("r", "j", Samples.START, null, 1, RunOutcome.RUNNING, null, null,
                        CompareResult.ERROR, null, List.of()));
        refused("RunMessage.level is missing", () -> new RunMessage(Samples.START, null, "x"));
    }

    @Test
    void version() {
        refused("Version.number must be at least 1, was 0",
                () -> new Version("c", 0, Samples.START, "anna", "", Samples.SNAPSHOT));
        refused("Version.user is blank", () -> new Version("c", 1, Samples.START, "", "", Samples.SNAPSHOT));
        refused("Version.snapshotId is missing", () -> new Version("c", 1, Samples.START, "anna", "", null));
        assertEquals("", new Version("c", 1, Samples.START, "anna", null, Samples.SNAPSHOT).comment());
    }

    @Test
    void completeMeansEndedWithAnEndTime() {
        assertTrue(Samples.finishedRun().complete());
        assertFalse(Samples.runningRun().complete());
        Run cutOff = new Run("r", "j", Samples.START, null, 1, RunOutcome.FAILED, null, null, CompareResult.ERROR,
                CompareResult.ERROR, List.of());
        assertFalse(cutOff.complete());
        assertSame(DeviceIdentity.UNKNOWN, Samples.runningRun().device());
    }

    @Test
    void collectionsAreCopiedAndUnmodifiable() {
        List<String> includes = new ArrayList<>(List.of("a/**"));
        JobOptions options = new JobOptions(1, Duration.ZERO, null, false, includes, List.of(), List.of());
        includes.add("b/**");
        assertEquals(List.of("a/**"), options.includes());
        assertThrows(UnsupportedOperationException.class, () -> options.includes().add("c"));
        assertThrows(UnsupportedOperationException.class, () -> Samples.component().connection().put("k", "v"));
        assertEquals(List.of("host", "password", "rack", "slot"), List.copyOf(Samples.component().connection().keySet()));
    }
}
