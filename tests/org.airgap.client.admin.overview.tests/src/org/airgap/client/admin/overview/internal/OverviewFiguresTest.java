package org.airgap.client.admin.overview.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.airgap.client.admin.overview.internal.OverviewFigures.AgeBucket;
import org.airgap.client.admin.overview.internal.OverviewFigures.FolderBar;
import org.airgap.protocol.AdminOverview;
import org.airgap.protocol.OverviewStatus;
import org.junit.jupiter.api.Test;

/** What the overview's picture counts: the backup-age buckets and the status bars per folder. */
class OverviewFiguresTest {

    private static final Instant NOW = Instant.parse("2026-12-07T08:00:00Z");

    @Test
    void eachBackupAgeFallsIntoOneBucketWithItsLowerBoundIncluded() {
        assertEquals(AgeBucket.NEVER, OverviewFigures.bucket(NOW, null));
        assertEquals(AgeBucket.DAY, OverviewFigures.bucket(NOW, NOW));
        assertEquals(AgeBucket.DAY, OverviewFigures.bucket(NOW, NOW.plusSeconds(30)), "a laptop's clock ahead");
        assertEquals(AgeBucket.DAY, OverviewFigures.bucket(NOW, NOW.minus(Duration.ofDays(1)).plusMillis(1)));
        assertEquals(AgeBucket.WEEK, OverviewFigures.bucket(NOW, NOW.minus(Duration.ofDays(1))));
        assertEquals(AgeBucket.WEEK, OverviewFigures.bucket(NOW, NOW.minus(Duration.ofDays(7)).plusMillis(1)));
        assertEquals(AgeBucket.MONTH, OverviewFigures.bucket(NOW, NOW.minus(Duration.ofDays(7))));
        assertEquals(AgeBucket.QUARTER, OverviewFigures.bucket(NOW, NOW.minus(Duration.ofDays(30))));
        assertEquals(AgeBucket.QUARTER, OverviewFigures.bucket(NOW, NOW.minus(Duration.ofDays(90)).plusMillis(1)));
        assertEquals(AgeBucket.OLDER, OverviewFigures.bucket(NOW, NOW.minus(Duration.ofDays(90))));
        assertEquals(AgeBucket.OLDER, OverviewFigures.bucket(NOW, NOW.minus(Duration.ofDays(4000))));
    }

    @Test
    void theHistogramCountsEveryComponentOnceAndShowsEveryBucket() {
        Map<AgeBucket, Integer> ages = OverviewFigures.backupAges(overview());
        assertEquals(Map.of(AgeBucket.DAY, 1, AgeBucket.WEEK, 0, AgeBucket.MONTH, 1, AgeBucket.QUARTER, 0,
                AgeBucket.OLDER, 0, AgeBucket.NEVER, 2), ages);
    }

    @Test
    void aFolderBarCountsTheComponentsBelowItSubfoldersIncludedAndEmptyFoldersHaveNone() {
        List<FolderBar> bars = OverviewFigures.folderBars(overview());
        assertEquals(List.of("Plant 0", "Line 1 1", "Line 2 1", "Store 0"),
                bars.stream().map(bar -> bar.name() + " " + bar.depth()).toList());
        assertEquals(Map.of(OverviewStatus.ERROR, 1, OverviewStatus.DIFFERENT, 1, OverviewStatus.EQUAL, 1),
                bars.get(0).counts());
        assertEquals(Map.of(OverviewStatus.ERROR, 1, OverviewStatus.DIFFERENT, 1), bars.get(1).counts());
        assertEquals(3, bars.get(0).total());
        assertEquals(Map.of(OverviewStatus.NO_JOB, 1), bars.get(3).counts());
    }

    private static AdminOverview overview() {
        return new AdminOverview(NOW, Map.of(), List.of(
                new AdminOverview.Folder("store", "Store", null, OverviewStatus.NO_JOB, 1),
                new AdminOverview.Folder("plant", "Plant", null, OverviewStatus.ERROR, 3),
                new AdminOverview.Folder("line-2", "Line 2", "plant", OverviewStatus.EQUAL, 1),
                new AdminOverview.Folder("line-1", "Line 1", "plant", OverviewStatus.ERROR, 2),
                new AdminOverview.Folder("bay", "Bay", "plant", OverviewStatus.NO_JOB, 0)),
                List.of(new AdminOverview.Component("press", "Press", "line-1", OverviewStatus.DIFFERENT, 1,
                        NOW.minus(Duration.ofHours(3))),
                        new AdminOverview.Component("robot", "Robot", "line-1", OverviewStatus.ERROR, 1, null),
                        new AdminOverview.Component("filler", "Filler", "line-2", OverviewStatus.EQUAL, 1,
                                NOW.minus(Duration.ofDays(12))),
                        new AdminOverview.Component("spare", "Spare", "store", OverviewStatus.NO_JOB, 0, null)),
                List.of(), List.of(), List.of(), List.of());
    }
}
