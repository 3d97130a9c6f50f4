package org.airgap.testing.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Set;
import java.util.TreeSet;

import org.airgap.driver.api.DeviceProblem;
import org.airgap.driver.api.DriverResult;
import org.airgap.driver.api.ProblemKind;
import org.airgap.store.ManifestEntry;
import org.airgap.store.Snapshot;

/** What driver tests check of a result or a snapshot, for {@code import static}. */
public final class DriverAssertions {

    private DriverAssertions() {
    }

    /** The result failed, and its first problem is of {@code kind}. */
    public static void assertKind(ProblemKind kind, DriverResult result) {
        assertFalse(result.ok(), "expected " + kind);
        assertEquals(kind, problem(result).kind(), result.problems().toString());
    }

    /** The first problem of a result. */
    public static DeviceProblem problem(DriverResult result) {
        return result.problems().get(0);
    }

    /** The paths of a snapshot's entries, sorted. */
    public static Set<String> paths(Snapshot snapshot) {
        return new TreeSet<>(snapshot.manifest().entries().stream().map(ManifestEntry::path).toList());
    }

    /** The entry at {@code path}; fails when the snapshot has none. */
    public static ManifestEntry entry(Snapshot snapshot, String path) {
        return snapshot.manifest().entry(path).orElseThrow(() -> new AssertionError("no " + path));
    }
}
