package org.airgap.client.compare.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.airgap.compare.EntryComparison;
import org.airgap.compare.EntryStatus;
import org.airgap.store.EntryType;

/**
 * A file or folder of the compare tree. Folders that are not entries of either snapshot (a driver that
 * writes no directory entries) are made up from the paths; they count as equal.
 */
final class CompareNode {

    private static final Comparator<CompareNode> FOLDERS_FIRST = Comparator
            .comparing((CompareNode node) -> !node.isFolder()).thenComparing(node -> node.name);

    final String name;
    final String path;
    final CompareNode parent;
    /** The comparison of this path, {@code null} for a made-up folder. */
    EntryComparison entry;
    private List<CompareNode> children;
    /** Added, removed, changed or unreadable entries below this one. */
    private int changesBelow;

    private CompareNode(String name, String path, CompareNode parent) {
        this.name = name;
        this.path = path;
        this.parent = parent;
    }

    /** The tree of a comparison's entries (sorted by path, as the engine returns them); linear in their number. */
    static CompareNode tree(List<EntryComparison> entries) {
        CompareNode root = new CompareNode("", "", null);
        Map<String, CompareNode> folders = new HashMap<>();
        folders.put("", root);
        for (EntryComparison entry : entries) {
            CompareNode node = folders.get(entry.path());
            if (node == null) {
                node = child(folder(parentPath(entry.path()), folders), entry.path());
                if (isDirectory(entry)) {
                    folders.put(entry.path(), node);
                }
            }
            node.entry = entry;
            if (node.ownChange()) {
                for (CompareNode up = node.parent; up != null; up = up.parent) {
                    up.changesBelow++;
                }
            }
        }
        sort(root);
        return root;
    }

    private static boolean isDirectory(EntryComparison entry) {
        var side = entry.backup() != null ? entry.backup() : entry.basis();
        return side != null && side.type() == EntryType.DIRECTORY;
    }

    private static CompareNode folder(String path, Map<String, CompareNode> folders) {
        CompareNode folder = folders.get(path);
        if (folder == null) {
            folder = child(folder(parentPath(path), folders), path);
            folders.put(path, folder);
        }
        if (folder.children == null) {
            folder.children = new ArrayList<>();
        }
        return folder;
    }

    private static CompareNode child(CompareNode parent, String path) {
        if (parent.children == null) {
            parent.children = new ArrayList<>();
        }
        CompareNode node = new CompareNode(path.substring(path.lastIndexOf('/') + 1), path, parent);
        parent.children.add(node);
        return node;
    }

    private static String parentPath(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    private static void sort(CompareNode node) {
        if (node.children != null) {
            node.children.sort(FOLDERS_FIRST);
            node.children.forEach(CompareNode::sort);
        }
    }

    boolean isFolder() {
        return children != null || entry != null && isDirectory(entry);
    }

    EntryStatus status() {
        return entry == null ? EntryStatus.EQUAL : entry.status();
    }

    /** Whether this path itself was added, removed, changed or could not be read. */
    boolean ownChange() {
        EntryStatus status = status();
        return status != EntryStatus.EQUAL && status != EntryStatus.IGNORED;
    }

    int changesBelow() {
        return changesBelow;
    }

    /** Whether "changes only" shows this node. */
    boolean hasChanges() {
        return ownChange() || changesBelow > 0;
    }

    List<CompareNode> children() {
        return children == null ? List.of() : children;
    }

    /** The status in a word, as the tree shows it. */
    static String label(EntryStatus status) {
        return switch (status) {
            case ADDED -> "Added";
            case REMOVED -> "Removed";
            case CHANGED -> "Changed";
            case EQUAL -> "Equal";
            case IGNORED -> "Ignored";
            case ERROR -> "Error";
        };
    }

    /** What the tree shows in the status column: a folder with changes inside says how many. */
    String statusText() {
        if (!ownChange() && changesBelow > 0) {
            return changesBelow == 1 ? "1 change" : changesBelow + " changes";
        }
        return label(status());
    }

    /** Finds a node by its snapshot path. */
    CompareNode find(String wanted) {
        CompareNode node = this;
        for (String segment : wanted.split("/")) {
            CompareNode next = null;
            for (CompareNode child : node.children()) {
                if (child.name.equals(segment)) {
                    next = child;
                    break;
                }
            }
            if (next == null) {
                return null;
            }
            node = next;
        }
        return node;
    }

    @Override
    public String toString() {
        return path + " " + status();
    }
}
