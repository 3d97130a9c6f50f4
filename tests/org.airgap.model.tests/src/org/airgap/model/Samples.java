package org.airgap.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Fully populated records, so that a round trip exercises every field. */
final class Samples {

    static final String SNAPSHOT = "3a7bd3e2360a3d29eea436fcfb7e44c735d117c42d1c1835420b6b9942dd4f1b";
    static final Instant START = Instant.parse("2025-03-01T10:15:30Z");

    private Samples() {
    }

    static Folder folder() {
        return new Folder("f-line3", "Line 3 <press & weld>", "f-plant");
    }

    static Folder topFolder() {
        return new Folder("f-plant", "Plant Süd", null);
    }

    static Component component() {
        return new Component("c-plc7", "PLC 7 \"Presse\"", "f-line3", "org.airgap.driver.s7",
                Map.of("rack", "0", "host", "10.0.3.7", "slot", "1", "password", "s3cr=t"));
    }

    static Job job() {
        JobOptions options = new JobOptions(3, Duration.ofSeconds(30), Duration.ofDays(30), true,
                List.of("**/*.awl", "config/**"), List.of("**/*.tmp"),
                List.of(IgnoreRule.files("logs/**"), IgnoreRule.lines("**/*.ini", "^LastRead=.*$")));
        return new Job("j-plc7", "c-plc7", "PLC 7 program", Map.of("blocks", "OB,FB,DB", "upload", "all"), options);
    }

    static Job minimalJob() {
        return new Job("j-min", "c-plc7", "minimal", Map.of(), JobOptions.defaults());
    }

    /** A job in gentle mode: a pause between requests and a bandwidth cap. */
    static Job gentleJob() {
        return new Job("j-old-plc", "c-plc7", "fragile PLC", Map.of(),
                JobOptions.defaults().withGentleMode(Duration.ofMillis(250), 64 * 1024));
    }

    static Run finishedRun() {
        return new Run("r-1", "j-plc7", START, START.plusSeconds(95).plusMillis(250), 2, RunOutcome.SUCCEEDED,
                new DeviceIdentity("Siemens", "CPU 1516-3 PN/DP", "V2.9.4", null), SNAPSHOT, CompareResult.EQUAL,
                CompareResult.DIFFERENT, List.of(
                        new RunMessage(START.plusSeconds(1), RunMessage.Level.INFO, "connected"),
                        new RunMessage(START.plusSeconds(30), RunMessage.Level.WARNING, "attempt 1 failed: timeout"),
                        new RunMessage(START.plusSeconds(95), RunMessage.Level.INFO, "42 files, 1.2 MB")));
    }

    static Run runningRun() {
        return new Run("r-2", "j-plc7", START, null, 0, RunOutcome.RUNNING, null, null, CompareResult.NOT_COMPARED,
                CompareResult.NOT_AVAILABLE, List.of());
    }

    /** A run that read another device than its reference's. */
    static Run flaggedRun() {
        Run run = finishedRun();
        DeviceIdentity found = new DeviceIdentity("Siemens", "CPU 1516-3 PN/DP", "V2.9.4", "S7-123");
        return new Run("r-3", run.jobId(), run.start(), run.end(), 1, run.outcome(), found, SNAPSHOT,
                CompareResult.DIFFERENT, CompareResult.DIFFERENT, run.messages(), new IdentityCheck(
                        IdentityCheck.Kind.DIFFERENT_DEVICE, versionWithDevice().device(), found, "version 4"));
    }

    static Version versionWithDevice() {
        return version().withDevice(new DeviceIdentity("Siemens", "CPU 1516-3 PN/DP", "V2.8", "S7-999"));
    }

    static Version version() {
        return new Version("c-plc7", 4, START.plusSeconds(3600), "anna", "after the retrofit\nline 2", SNAPSHOT);
    }
}
