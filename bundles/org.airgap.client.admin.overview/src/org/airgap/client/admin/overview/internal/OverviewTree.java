package org.airgap.client.admin.overview.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.airgap.protocol.AdminOverview;
import org.airgap.protocol.OverviewStatus;

/**
 * The server's overview as a tree: root folders (a folder whose parent the administrator does not see is a
 * root too), in each its subfolders then its components, both by name. The statuses are the server's roll-up,
 * shown as they are; this class only arranges them and counts what the summary says.
 */
final class OverviewTree {

    private static final Comparator<OverviewNode> BY_NAME = Comparator.comparing(OverviewNode::name,
            String.CASE_INSENSITIVE_ORDER).thenComparing(OverviewNode::id);

    private final AdminOverview overview;
    private final List<OverviewNode> roots;

    private OverviewTree(AdminOverview overview, List<OverviewNode> roots) {
        this.overview = overview;
        this.roots = List.copyOf(roots);
    }

    static OverviewTree of(AdminOverview overview) {
        Map<String, AdminOverview.Folder> folders = new HashMap<>();
        overview.folders().forEach(folder -> folders.put(folder.id(), folder));
        Map<String, List<AdminOverview.Folder>> subfolders = overview.folders().stream()
                .filter(folder -> folder.parentId() != null && folders.containsKey(folder.parentId()))
                .collect(Collectors.groupingBy(AdminOverview.Folder::parentId));
        Map<String, List<AdminOverview.Component>> components = overview.components().stream()
                .collect(Collectors.groupingBy(AdminOverview.Component::folderId));
        List<OverviewNode> roots = new ArrayList<>();
        for (AdminOverview.Folder folder : overview.folders()) {
            if (folder.parentId() == null || !folders.containsKey(folder.parentId())) {
                roots.add(folder(folder, null, subfolders, components));
            }
        }
        for (AdminOverview.Component component : overview.components()) {
            if (!folders.containsKey(component.folderId())) {
                roots.add(component(component, null)); // its folder is not the administrator's to see
            }
        }
        roots.sort(BY_NAME);
        return new OverviewTree(overview, roots);
    }

    private static OverviewNode folder(AdminOverview.Folder folder, OverviewNode parent,
            Map<String, List<AdminOverview.Folder>> subfolders, Map<String, List<AdminOverview.Component>> components) {
        OverviewNode node = new OverviewNode(OverviewNode.Kind.FOLDER, folder.id(), folder.name(), folder.status(),
                folder.components(), null, parent);
        List<OverviewNode> below = new ArrayList<>();
        for (AdminOverview.Folder child : subfolders.getOrDefault(folder.id(), List.of())) {
            below.add(folder(child, node, subfolders, components));
        }
        below.sort(BY_NAME);
        List<OverviewNode> devices = new ArrayList<>();
        for (AdminOverview.Component component : components.getOrDefault(folder.id(), List.of())) {
            devices.add(component(component, node));
        }
        devices.sort(BY_NAME);
        below.addAll(devices);
        below.forEach(node::add);
        return node;
    }

    private static OverviewNode component(AdminOverview.Component component, OverviewNode parent) {
        return new OverviewNode(OverviewNode.Kind.COMPONENT, component.id(), component.name(), component.status(),
                component.jobs(), component.latestBackup(), parent);
    }

    List<OverviewNode> roots() {
        return roots;
    }

    AdminOverview overview() {
        return overview;
    }

    /** "5 components — 1 Error, 1 Different, …", worst status first; "No components" for an empty plant. */
    String summary() {
        int total = overview.counts().values().stream().mapToInt(Integer::intValue).sum();
        if (total == 0) {
            return "No components";
        }
        List<OverviewStatus> worstFirst = new ArrayList<>(List.of(OverviewStatus.values()));
        worstFirst.sort(Comparator.reverseOrder());
        return total + (total == 1 ? " component \u2014 " : " components \u2014 ") + worstFirst.stream()
                .filter(overview.counts()::containsKey)
                .map(status -> overview.counts().get(status) + " " + status.label()).collect(Collectors.joining(", "));
    }

    /** The jobs whose last uploaded run failed or was cancelled. */
    int failedJobs() {
        return overview.failedLastRun().size();
    }

    /** The jobs without any uploaded run. */
    int neverRunJobs() {
        return overview.neverRun().size();
    }

    /** The jobs whose latest backup is older than their warning age (or that have none). */
    int staleJobs() {
        return overview.staleBackups().size();
    }
}
