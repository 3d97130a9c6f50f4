package org.airgap.client.admin.plant.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.airgap.model.Folder;
import org.airgap.protocol.PlantComponent;
import org.airgap.protocol.PlantJob;

/**
 * The plant as the server listed it, arranged as the Plant view's tree: top-level folders; in a folder its
 * subfolders, then its components; under a component its jobs; each level by name. Built once per read (linear in
 * the plant's size, by maps), so the virtual tree asks only for the rows it paints.
 */
final class PlantTree {

    /** Folders before components, each by name (then id, for two of the same name). */
    private static final Comparator<PlantNode> ORDER = Comparator.comparing(PlantNode::kind)
            .thenComparing(PlantNode::name, String.CASE_INSENSITIVE_ORDER).thenComparing(PlantNode::id);

    private final List<PlantNode> roots = new ArrayList<>();
    private final Map<String, PlantNode> byKindAndId = new HashMap<>();
    private final int folders;
    private final int components;
    private final int jobs;

    private PlantTree(List<Folder> folders, List<PlantComponent> components, List<PlantJob> jobs) {
        java.util.Set<String> listed = new java.util.HashSet<>();
        folders.forEach(folder -> listed.add(folder.id()));
        Map<String, PlantNode> folderNodes = new HashMap<>();
        // Parents first: a folder whose parent is not listed (outside a scoped administrator's folders) is a root.
        List<Folder> pending = new ArrayList<>(folders);
        while (!pending.isEmpty()) {
            List<Folder> later = new ArrayList<>();
            for (Folder folder : pending) {
                String parent = folder.parentId();
                boolean listedParent = parent != null && listed.contains(parent);
                if (listedParent && !folderNodes.containsKey(parent)) {
                    later.add(folder);
                    continue;
                }
                PlantNode parentNode = listedParent ? folderNodes.get(parent) : null;
                PlantNode node = PlantNode.folder(folder, parentNode);
                folderNodes.put(folder.id(), node);
                (parentNode == null ? roots : parentNode.children()).add(node);
            }
            if (later.size() == pending.size()) { // a cycle the server never sends: show those at the top
                for (Folder folder : later) {
                    PlantNode node = PlantNode.folder(folder, null);
                    folderNodes.put(folder.id(), node);
                    roots.add(node);
                }
                break;
            }
            pending = later;
        }
        folderNodes.values().forEach(node -> byKindAndId.put(key(PlantNode.Kind.FOLDER, node.id()), node));
        Map<String, PlantNode> componentNodes = new HashMap<>();
        for (PlantComponent component : components) {
            PlantNode folder = folderNodes.get(component.component().folderId());
            PlantNode node = PlantNode.component(component, folder);
            componentNodes.put(component.component().id(), node);
            byKindAndId.put(key(PlantNode.Kind.COMPONENT, node.id()), node);
            if (folder != null) {
                folder.children().add(node);
            } else {
                roots.add(node);
            }
        }
        for (PlantJob job : jobs) {
            PlantNode component = componentNodes.get(job.job().componentId());
            if (component != null) {
                PlantNode node = PlantNode.job(job, component);
                component.children().add(node);
                byKindAndId.put(key(PlantNode.Kind.JOB, node.id()), node);
            }
        }
        this.folders = folderNodes.size();
        this.components = componentNodes.size();
        this.jobs = jobs.size();
        roots.sort(ORDER);
        folderNodes.values().forEach(node -> node.children().sort(ORDER));
        componentNodes.values().forEach(node -> node.children().sort(ORDER));
    }

    /** The tree of what the server listed; archived components and jobs are in the lists only when asked for. */
    static PlantTree of(List<Folder> folders, List<PlantComponent> components, List<PlantJob> jobs) {
        return new PlantTree(folders, components, jobs);
    }

    List<PlantNode> roots() {
        return roots;
    }

    Optional<PlantNode> find(PlantNode.Kind kind, String id) {
        return Optional.ofNullable(byKindAndId.get(key(kind, id)));
    }

    /** "3 folders, 10,000 components, 12,000 jobs". */
    String summary() {
        return String.format("%,d folder%s, %,d component%s, %,d job%s", folders, folders == 1 ? "" : "s",
                components, components == 1 ? "" : "s", jobs, jobs == 1 ? "" : "s");
    }

    private static String key(PlantNode.Kind kind, String id) {
        return kind + "/" + id;
    }
}
