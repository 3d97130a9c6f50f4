package org.airgap.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.airgap.model.CompareResult;
import org.airgap.model.DeviceIdentity;
import org.airgap.model.IdentityCheck;
import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.model.Run;
import org.airgap.model.RunOutcome;
import org.airgap.model.Version;
import org.airgap.server.core.VersionPolicy.Decision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** When a committed run becomes a version. */
class VersionPolicyTest {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static final String SNAPSHOT = "a".repeat(64);
    private static final Job AUTOMATIC = job(true);
    private static final Job MANUAL = job(false);
    private static final DeviceIdentity PLC = new DeviceIdentity("Siemens", "CPU 1516", "V2.8", "S7-999");
    private static final Optional<Version> VERSION_1 = Optional.of(new Version("plc-1", 1, T0, "tech1", "", "b".repeat(64)));
    private static final Decision AUTOMATIC_VERSION = new Decision(true, "automatic version from run run-1");

    @Test
    void theFirstSuccessfulBackupOfAComponentBecomesAVersion() {
        assertEquals(AUTOMATIC_VERSION, VersionPolicy.onCommit(AUTOMATIC, run(RunOutcome.SUCCEEDED, SNAPSHOT),
                Optional.empty(), CompareResult.NOT_AVAILABLE));
    }

    @Test
    void aBackupThatDiffersFromTheLatestVersionBecomesTheNextOne() {
        assertEquals(AUTOMATIC_VERSION, VersionPolicy.onCommit(AUTOMATIC, run(RunOutcome.SUCCEEDED, SNAPSHOT),
                VERSION_1, CompareResult.DIFFERENT));
    }

    @ParameterizedTest
    @EnumSource(value = CompareResult.class, names = "DIFFERENT", mode = EnumSource.Mode.EXCLUDE)
    void aBackupNotKnownToDifferFromTheLatestVersionMakesNone(CompareResult serverVersionResult) {
        assertEquals(Decision.NO_VERSION, VersionPolicy.onCommit(AUTOMATIC, run(RunOutcome.SUCCEEDED, SNAPSHOT),
                VERSION_1, serverVersionResult));
    }

    @Test
    void aJobWithoutAutomaticVersionsNeverMakesOne() {
        assertEquals(Decision.NO_VERSION, VersionPolicy.onCommit(MANUAL, run(RunOutcome.SUCCEEDED, SNAPSHOT),
                Optional.empty(), CompareResult.NOT_AVAILABLE));
        assertEquals(Decision.NO_VERSION, VersionPolicy.onCommit(MANUAL, run(RunOutcome.SUCCEEDED, SNAPSHOT),
                VERSION_1, CompareResult.DIFFERENT));
    }

    @ParameterizedTest
    @EnumSource(value = RunOutcome.class, names = { "FAILED", "CANCELLED" })
    void aRunThatDidNotSucceedMakesNone(RunOutcome outcome) {
        assertEquals(Decision.NO_VERSION, VersionPolicy.onCommit(AUTOMATIC, run(outcome, SNAPSHOT), Optional.empty(),
                CompareResult.NOT_AVAILABLE));
        assertEquals(Decision.NO_VERSION, VersionPolicy.onCommit(AUTOMATIC, run(outcome, null), VERSION_1,
                CompareResult.ERROR));
    }

    @Test
    void aRunWithoutASnapshotMakesNone() {
        assertEquals(Decision.NO_VERSION, VersionPolicy.onCommit(AUTOMATIC, run(RunOutcome.SUCCEEDED, null),
                Optional.empty(), CompareResult.ERROR));
    }

    @Test
    void theServerComparesTheDeviceWithItsLatestVersionsItselfAndRefusesAnotherDevice() {
        Optional<Version> version4 = Optional.of(new Version("plc-1", 4, T0, "tech1", "", "b".repeat(64), PLC));
        // The laptop said nothing (an older laptop, or one that did not compare): the server does.
        Run swapped = run(new DeviceIdentity("Siemens", "CPU 1516", "V2.8", "S7-123"), null);

        Decision decision = VersionPolicy.onCommit(AUTOMATIC, swapped, version4, CompareResult.DIFFERENT);

        assertFalse(decision.createVersion());
        assertEquals("no automatic version: Device serial S7-123 differs from version 4's S7-999: a different device?"
                + " The run is kept without a version: check the device and the cable.", decision.refusal());
        assertEquals(Decision.NO_VERSION, VersionPolicy.onCommit(MANUAL, swapped, version4, CompareResult.DIFFERENT),
                "nothing to refuse when the job makes no automatic versions");
    }

    @Test
    void aFirmwareChangeOrAnUnknownDeviceStillMakesTheAutomaticVersion() {
        Optional<Version> version4 = Optional.of(new Version("plc-1", 4, T0, "tech1", "", "b".repeat(64), PLC));
        assertEquals(AUTOMATIC_VERSION, VersionPolicy.onCommit(AUTOMATIC,
                run(new DeviceIdentity("Siemens", "CPU 1516", "V2.9", "S7-999"), null), version4, CompareResult.DIFFERENT));
        assertEquals(AUTOMATIC_VERSION, VersionPolicy.onCommit(AUTOMATIC, run(DeviceIdentity.UNKNOWN, null), version4,
                CompareResult.DIFFERENT));
        assertEquals(AUTOMATIC_VERSION, VersionPolicy.onCommit(AUTOMATIC, run(PLC, null), VERSION_1,
                CompareResult.DIFFERENT), "version 1's device is not known");
    }

    @Test
    void aDifferentDeviceTheLaptopFoundAgainstItsPreviousBackupRefusesToo() {
        DeviceIdentity other = new DeviceIdentity("Siemens", "CPU 1214", "V4.1", "S7-5");
        Run flagged = run(other, new IdentityCheck(IdentityCheck.Kind.DIFFERENT_DEVICE, PLC, other,
                "the previous backup"));

        Decision decision = VersionPolicy.onCommit(AUTOMATIC, flagged, VERSION_1, CompareResult.DIFFERENT);

        assertFalse(decision.createVersion());
        assertTrue(decision.refusal().startsWith("no automatic version: Device model CPU 1214 differs from the previous"
                + " backup's CPU 1516, serial S7-5 from S7-999: a different device?"), decision.refusal());
    }

    private static Job job(boolean automaticVersions) {
        JobOptions defaults = JobOptions.defaults();
        return new Job("job-plc", "plc-1", "Back up PLC", Map.of(),
                new JobOptions(defaults.maxAttempts(), defaults.pauseBetweenAttempts(),
                        defaults.warnIfBackupOlderThan(), automaticVersions, defaults.includes(), defaults.excludes(),
                        defaults.ignoreRules()));
    }

    private static Run run(DeviceIdentity device, IdentityCheck check) {
        return new Run("run-1", "job-plc", T0, T0.plusSeconds(30), 1, RunOutcome.SUCCEEDED, device, SNAPSHOT,
                CompareResult.DIFFERENT, CompareResult.NOT_AVAILABLE, List.of(), check);
    }

    private static Run run(RunOutcome outcome, String snapshotId) {
        return new Run("run-1", "job-plc", T0, T0.plusSeconds(30), 1, outcome, null, snapshotId,
                CompareResult.DIFFERENT, CompareResult.NOT_AVAILABLE, List.of());
    }

    @Test
    void theBackupTimeIsTheRunStartCorrectedByTheClockSkewWhenKnown() {
        Instant start = Instant.parse("2026-11-25T10:00:00Z");
        assertEquals(start, VersionPolicy.backupTime(start, null));
        assertEquals(Instant.parse("2026-11-25T08:00:00Z"), VersionPolicy.backupTime(start, Duration.ofHours(2)),
                "a laptop clock two hours fast");
        assertEquals(Instant.parse("2026-11-25T10:00:30Z"), VersionPolicy.backupTime(start, Duration.ofSeconds(-30)));
    }

    @Test
    void onlyABackupOlderThanTheLatestVersionsIsStale() {
        Instant latest = Instant.parse("2026-11-25T10:00:00Z");
        assertEquals("the server version is newer: version 4 comes from run r-9, backed up at 2026-11-25T10:00:00Z,"
                + " after this backup (2026-11-25T09:59:59Z, server time); an older backup never replaces a newer"
                + " version", VersionPolicy.staleRefusal(latest.minusSeconds(1), 4, "r-9", latest));
        assertNull(VersionPolicy.staleRefusal(latest, 4, "r-9", latest), "the same time is not older");
        assertNull(VersionPolicy.staleRefusal(latest.plusSeconds(1), 4, "r-9", latest));
        assertNull(VersionPolicy.staleRefusal(latest, 4, null, null), "a version without a known source run");
    }
}
