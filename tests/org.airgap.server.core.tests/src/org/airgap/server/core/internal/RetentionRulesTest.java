package org.airgap.server.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

import org.airgap.protocol.RetentionPolicy;
import org.airgap.server.core.internal.RetentionRules.Dated;
import org.airgap.server.core.internal.RetentionRules.Target;
import org.junit.jupiter.api.Test;

/** Which policy applies (the nearest up the folder tree) and what it lets go. */
class RetentionRulesTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final RetentionPolicy KEEP_3 = new RetentionPolicy(3, null, null);
    private static final RetentionPolicy KEEP_30_DAYS = new RetentionPolicy(null, Duration.ofDays(30),
            Duration.ofDays(7));
    /** plant > line > cell; other is a second top-level folder. */
    private static final Map<String, String> PARENTS = new java.util.HashMap<>(Map.of("line", "plant", "cell", "line"));

    static {
        PARENTS.put("plant", null);
        PARENTS.put("other", null);
    }

    @Test
    void theNearestPolicyUpTheTreeApplies() {
        Map<Target, RetentionPolicy> policies = Map.of(Target.folder("plant"), KEEP_3,
                Target.folder("cell"), KEEP_30_DAYS, Target.component("plc-own"), RetentionPolicy.KEEP_EVERYTHING);
        assertEquals(Optional.of(Target.folder("cell")),
                RetentionRules.applying(Target.component("plc-1"), "cell", PARENTS, policies));
        assertEquals(Optional.of(Target.folder("plant")),
                RetentionRules.applying(Target.component("robot"), "line", PARENTS, policies));
        assertEquals(Optional.of(Target.component("plc-own")),
                RetentionRules.applying(Target.component("plc-own"), "cell", PARENTS, policies));
        assertEquals(Optional.of(Target.folder("plant")),
                RetentionRules.applying(Target.folder("line"), null, PARENTS, policies));
        assertEquals(Optional.empty(), RetentionRules.applying(Target.component("x"), "other", PARENTS, policies));
        assertEquals(Optional.empty(), RetentionRules.applying(Target.folder("other"), null, PARENTS, Map.of()));
    }

    @Test
    void aCycleInStoredFoldersEndsTheSearch() {
        Map<String, String> cycle = Map.of("a", "b", "b", "a");
        assertEquals(Optional.empty(), RetentionRules.applying(Target.component("c"), "a", cycle,
                Map.of(Target.folder("z"), KEEP_3)));
    }

    @Test
    void keepsTheLastNVersionsAndTheLatestAlways() {
        List<Dated<Integer>> versions = dailyVersions(6, 100); // v6 is 100 days old, v1 105 days
        assertEquals(List.of(3, 2, 1), RetentionRules.versionsToDrop(versions, KEEP_3, NOW));
        assertEquals(List.of(5, 4, 3, 2, 1), RetentionRules.versionsToDrop(versions, new RetentionPolicy(1, null,
                null), NOW));
        assertEquals(List.of(), RetentionRules.versionsToDrop(versions, RetentionPolicy.KEEP_EVERYTHING, NOW));
        assertEquals(List.of(), RetentionRules.versionsToDrop(versions.subList(0, 1), new RetentionPolicy(1,
                Duration.ofDays(1), Duration.ofDays(1)), NOW), "the only version is the latest");
    }

    @Test
    void keepsVersionsYoungerThanTheAgeOrAmongTheLastN() {
        List<Dated<Integer>> versions = dailyVersions(10, 0); // v10 today, v1 nine days ago
        assertEquals(List.of(4, 3, 2, 1), RetentionRules.versionsToDrop(versions, new RetentionPolicy(null,
                Duration.ofDays(5).plusHours(1), null), NOW));
        assertEquals(List.of(2, 1), RetentionRules.versionsToDrop(versions, new RetentionPolicy(8,
                Duration.ofDays(5).plusHours(1), null), NOW), "the last 8 are kept although older");
    }

    @Test
    void aVersionThatWasTheBaselineWithinTheGraceIsKept() {
        // v2 came 30 minutes ago: a laptop that synced just before may still pull v1.
        List<Dated<Integer>> versions = List.of(new Dated<>(2, NOW.minus(Duration.ofMinutes(30))),
                new Dated<>(1, NOW.minus(Duration.ofDays(400))));
        assertEquals(List.of(), RetentionRules.versionsToDrop(versions, new RetentionPolicy(1, null, null), NOW));
        assertEquals(List.of(1), RetentionRules.versionsToDrop(versions, new RetentionPolicy(1, null, null),
                NOW.plus(RetentionRules.BASELINE_GRACE)));
    }

    @Test
    void runSnapshotsAreKeptForTheirDaysAndTheLatestBackupAlways() {
        List<Dated<String>> runs = List.of(new Dated<>("r4", NOW.minus(Duration.ofDays(20))),
                new Dated<>("r3", NOW.minus(Duration.ofDays(21))), new Dated<>("r2", NOW.minus(Duration.ofDays(3))
                        .minus(Duration.ofDays(30))), new Dated<>("r1", NOW.minus(Duration.ofDays(40))));
        assertEquals(List.of("r3", "r2", "r1"), RetentionRules.runSnapshotsToDrop(runs, KEEP_30_DAYS, NOW));
        assertEquals(List.of("r1"), RetentionRules.runSnapshotsToDrop(runs, new RetentionPolicy(1, null,
                Duration.ofDays(35)), NOW));
        assertEquals(List.of(), RetentionRules.runSnapshotsToDrop(runs, KEEP_3, NOW), "no run limit keeps them all");
    }

    /** Versions {@code count} down to 1, a day apart, the newest {@code newestAgeDays} old. */
    private static List<Dated<Integer>> dailyVersions(int count, int newestAgeDays) {
        return IntStream.range(0, count).mapToObj(i -> new Dated<>(count - i, NOW.minus(Duration.ofDays(
                newestAgeDays + i)))).toList();
    }
}
