package org.airgap.server.core.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.airgap.protocol.RetentionPolicy;
import org.airgap.protocol.RetentionSetting;

/**
 * Which policy applies where, and what it lets go (docs/administration.md, "Retention and garbage
 * collection"). Pure: the database and the store are {@link GarbageCollection}'s.
 */
final class RetentionRules {

    /**
     * How long a snapshot is kept after it stopped being a baseline (a newer version or backup came): a
     * laptop that synced just before still pulls it, and a pull is not cut off by a gc that runs meanwhile.
     */
    static final Duration BASELINE_GRACE = Duration.ofHours(1);

    /** A folder or component that may have a policy. */
    record Target(String kind, String id) {
        static Target folder(String id) {
            return new Target(RetentionSetting.FOLDER, id);
        }

        static Target component(String id) {
            return new Target(RetentionSetting.COMPONENT, id);
        }
    }

    /** A version or run with its time, newest first in the lists below. */
    record Dated<K>(K key, Instant time) {
    }

    private RetentionRules() {
    }

    /**
     * The target whose policy applies to {@code start}: itself when it has one, else the nearest folder up
     * the tree that has one (a component starts at its folder); empty when none has: everything is kept.
     *
     * @param folderOfComponent the folder of {@code start} when it is a component (ignored for a folder)
     * @param parentOf          each folder's parent (top-level folders map to nothing)
     */
    static Optional<Target> applying(Target start, String folderOfComponent, Map<String, String> parentOf,
            Map<Target, RetentionPolicy> policies) {
        if (policies.containsKey(start)) {
            return Optional.of(start);
        }
        String folder = start.kind().equals(RetentionSetting.COMPONENT) ? folderOfComponent : parentOf.get(start.id());
        // Bounded by the number of folders: a cycle in stored data must not hang gc.
        for (int steps = 0; folder != null && steps <= parentOf.size(); steps++) {
            Target target = Target.folder(folder);
            if (policies.containsKey(target)) {
                return Optional.of(target);
            }
            folder = parentOf.get(folder);
        }
        return Optional.empty();
    }

    /** The versions (newest first) the policy lets go. */
    static <K> List<K> versionsToDrop(List<Dated<K>> newestFirst, RetentionPolicy policy, Instant now) {
        return toDrop(newestFirst, policy.keepVersions(), policy.keepVersionsFor(), now);
    }

    /** The runs with a snapshot (newest commit first) whose snapshot the policy lets go. */
    static <K> List<K> runSnapshotsToDrop(List<Dated<K>> newestFirst, RetentionPolicy policy, Instant now) {
        return toDrop(newestFirst, null, policy.keepRunSnapshotsFor(), now);
    }

    /**
     * Keeps the newest always (the baseline), the first {@code keepCount}, those younger than
     * {@code keepFor}, and each one whose successor came within {@link #BASELINE_GRACE}; neither limit set
     * keeps all.
     */
    private static <K> List<K> toDrop(List<Dated<K>> newestFirst, Integer keepCount, Duration keepFor, Instant now) {
        List<K> drop = new ArrayList<>();
        if (keepCount == null && keepFor == null) {
            return drop;
        }
        Instant graceLimit = now.minus(BASELINE_GRACE);
        for (int i = 1; i < newestFirst.size(); i++) {
            Dated<K> item = newestFirst.get(i);
            boolean counted = keepCount != null && i < keepCount;
            boolean young = keepFor != null && item.time().isAfter(now.minus(keepFor));
            boolean recentBaseline = newestFirst.get(i - 1).time().isAfter(graceLimit);
            if (!counted && !young && !recentBaseline) {
                drop.add(item.key());
            }
        }
        return drop;
    }
}
