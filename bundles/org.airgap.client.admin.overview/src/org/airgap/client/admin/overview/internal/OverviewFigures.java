package org.airgap.client.admin.overview.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.airgap.protocol.AdminOverview;
import org.airgap.protocol.OverviewStatus;

/**
 * What the overview's picture shows, counted from the server's overview: per folder how many components below
 * it have each status (the stacked bars), and how old each component's latest backup is (the histogram).
 */
final class OverviewFigures {

    /** The most folders the bars show: the roots and their subfolders with components, in the tree's order. */
    static final int MAX_BARS = 10;

    /** How old a component's latest backup is, measured to the overview's time. */
    enum AgeBucket {
        DAY("< 1 day", Duration.ofDays(1)), WEEK("1\u20137 days", Duration.ofDays(7)),
        MONTH("7\u201330 days", Duration.ofDays(30)), QUARTER("30\u201390 days", Duration.ofDays(90)),
        OLDER("> 90 days", null), NEVER("never", null);

        private final String label;
        private final Duration below;

        AgeBucket(String label, Duration below) {
            this.label = label;
            this.below = below;
        }

        String label() {
            return label;
        }
    }

    /**
     * One folder's bar.
     *
     * @param name   the folder's name
     * @param depth  0 for a root folder, 1 for a subfolder
     * @param counts how many components below it (subfolders included) have each status
     */
    record FolderBar(String name, int depth, Map<OverviewStatus, Integer> counts) {

        int total() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private OverviewFigures() {
    }

    /** The bucket of a backup taken at {@code latestBackup} (a laptop's clock ahead counts as fresh). */
    static AgeBucket bucket(Instant now, Instant latestBackup) {
        if (latestBackup == null) {
            return AgeBucket.NEVER;
        }
        Duration age = Duration.between(latestBackup, now);
        for (AgeBucket bucket : AgeBucket.values()) {
            if (bucket.below != null && age.compareTo(bucket.below) < 0) {
                return bucket;
            }
        }
        return AgeBucket.OLDER;
    }

    /** How many components fall into each bucket, every bucket present. */
    static Map<AgeBucket, Integer> backupAges(AdminOverview overview) {
        Map<AgeBucket, Integer> ages = new EnumMap<>(AgeBucket.class);
        for (AgeBucket bucket : AgeBucket.values()) {
            ages.put(bucket, 0);
        }
        for (AdminOverview.Component component : overview.components()) {
            ages.merge(bucket(overview.time(), component.latestBackup()), 1, Integer::sum);
        }
        return ages;
    }

    /**
     * The bars of the root folders, each followed by its subfolders, by name, leaving out folders without
     * components (nothing to draw); at most {@link #MAX_BARS}.
     */
    static List<FolderBar> folderBars(AdminOverview overview) {
        Map<String, AdminOverview.Folder> folders = new HashMap<>();
        overview.folders().forEach(folder -> folders.put(folder.id(), folder));
        Map<String, Map<OverviewStatus, Integer>> counts = new HashMap<>();
        for (AdminOverview.Component component : overview.components()) {
            Set<String> seen = new HashSet<>(); // a cycle in hostile data must not loop
            for (String id = component.folderId(); id != null && folders.containsKey(id) && seen.add(id);
                    id = folders.get(id).parentId()) {
                counts.computeIfAbsent(id, key -> new EnumMap<>(OverviewStatus.class)).merge(component.status(), 1,
                        Integer::sum);
            }
        }
        Comparator<AdminOverview.Folder> byName = Comparator.comparing(AdminOverview.Folder::name,
                String.CASE_INSENSITIVE_ORDER).thenComparing(AdminOverview.Folder::id);
        List<FolderBar> bars = new ArrayList<>();
        overview.folders().stream().filter(folder -> folder.parentId() == null || !folders.containsKey(folder.parentId()))
                .sorted(byName).forEach(root -> {
                    bars.add(bar(root, 0, counts));
                    overview.folders().stream().filter(child -> root.id().equals(child.parentId())).sorted(byName)
                            .forEach(child -> bars.add(bar(child, 1, counts)));
                });
        bars.removeIf(bar -> bar.total() == 0);
        return bars.size() > MAX_BARS ? List.copyOf(bars.subList(0, MAX_BARS)) : List.copyOf(bars);
    }

    private static FolderBar bar(AdminOverview.Folder folder, int depth,
            Map<String, Map<OverviewStatus, Integer>> counts) {
        return new FolderBar(folder.name(), depth, Map.copyOf(counts.getOrDefault(folder.id(), Map.of())));
    }
}
