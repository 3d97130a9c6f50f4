package org.airgap.client.admin.versions.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.airgap.protocol.SnapshotCompare;

/**
 * The server's compare entries (every path of either side, with its status) as a tree of folders and files: a
 * folder the server did not list itself (the parent of a file) gets the status of its worst child.
 */
final class CompareFileTree {

    /** One folder or file; {@code entry} is the server's, {@code null} for a folder it did not list. */
    static final class Node {
        final String name;
        final String path;
        final SnapshotCompare.Entry entry;
        private final Map<String, Node> children = new TreeMap<>();
        private String status;

        Node(String name, String path, SnapshotCompare.Entry entry) {
            this.name = name;
            this.path = path;
            this.entry = entry;
            this.status = entry == null ? "EQUAL" : entry.status();
        }

        List<Node> children() {
            return new ArrayList<>(children.values());
        }

        boolean hasChildren() {
            return !children.isEmpty();
        }

        String status() {
            return status;
        }
    }

    /** The order in which statuses win for a folder the server did not list: worst first. */
    private static final List<String> WORST_FIRST = List.of("ERROR", "CHANGED", "ADDED", "REMOVED", "EQUAL",
            "IGNORED");

    private CompareFileTree() {
    }

    /** The root's children: the top-level folders and files. */
    static List<Node> of(List<SnapshotCompare.Entry> entries) {
        Node root = new Node("", "", null);
        for (SnapshotCompare.Entry entry : entries) {
            String[] names = entry.path().split("/");
            Node parent = root;
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < names.length; i++) {
                path.append(i == 0 ? "" : "/").append(names[i]);
                boolean last = i == names.length - 1;
                Node existing = parent.children.get(names[i]);
                if (existing == null || (last && existing.entry == null)) {
                    Node made = new Node(names[i], path.toString(), last ? entry : null);
                    if (existing != null) {
                        made.children.putAll(existing.children);
                    }
                    parent.children.put(names[i], made);
                    existing = made;
                }
                parent = existing;
            }
        }
        rollUp(root);
        return root.children();
    }

    private static void rollUp(Node node) {
        for (Node child : node.children.values()) {
            rollUp(child);
            if (node.entry == null && rank(child.status) < rank(node.status)) {
                node.status = child.status;
            }
        }
    }

    private static int rank(String status) {
        int rank = WORST_FIRST.indexOf(status);
        return rank < 0 ? 0 : rank; // a status this workbench does not know yet: show it rather than hide it
    }

    /** A status as people read it: Changed, Added (only in the right), … */
    static String label(String status) {
        return switch (status) {
            case "ADDED" -> "Added";
            case "REMOVED" -> "Removed";
            case "CHANGED" -> "Changed";
            case "EQUAL" -> "Equal";
            case "IGNORED" -> "Ignored";
            case "ERROR" -> "Error";
            default -> status;
        };
    }
}
