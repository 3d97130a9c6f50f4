package org.airgap.server.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.airgap.model.CompareResult;
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

    private static Job job(boolean automaticVersions) {
        JobOptions defaults = JobOptions.defaults();
        return new Job("job-plc", "plc-1", "Back up PLC", Map.of(),
                new JobOptions(defaults.maxAttempts(), defaults.pauseBetweenAttempts(),
                        defaults.warnIfBackupOlderThan(), automaticVersions, defaults.includes(), defaults.excludes(),
                        defaults.ignoreRules()));
    }

    private static Run run(RunOutcome outcome, String snapshotId) {
        return new Run("run-1", "job-plc", T0, T0.plusSeconds(30), 1, outcome, null, snapshotId,
                CompareResult.DIFFERENT, CompareResult.NOT_AVAILABLE, List.of());
    }
}
