package org.airgap.client.admin.overview.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The paint-timing line the overview prints for the benchmark: each step's share of one reading. */
class OverviewTimingTest {

    private static final long MS = 1_000_000;

    @Test
    void eachStepIsTheTimeSinceTheStepBefore() {
        assertEquals("airgap.paintTiming overview: 10001 components; server answer read and parsed 412.5 ms,"
                + " tree model 30.0 ms, shown 57.5 ms; 500.0 ms in all",
                OverviewTiming.describe(7 * MS, List.of("server answer read and parsed", "tree model", "shown"),
                        List.of(419_500_000L, 449_500_000L, 507_000_000L), 10001));
    }

    @Test
    void withoutStepsOnlyTheCountIsSaid() {
        assertEquals("airgap.paintTiming overview: 0 components; 0.0 ms in all",
                OverviewTiming.describe(7 * MS, List.of(), List.of(), 0));
    }
}
