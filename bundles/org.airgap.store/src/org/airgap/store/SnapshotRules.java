package org.airgap.store;

import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * What a snapshot's entries must be, as {@link SnapshotWriter} enforces it while a backup is written:
 * the same rules check a manifest that arrives from elsewhere (the server checks every uploaded one), so
 * that no other component has to cope with a snapshot the writer would not have written.
 *
 * @since 0.2
 */
public final class SnapshotRules {

    private SnapshotRules() {
    }

    /**
     * Why an entry of {@code type} at {@code path} cannot join {@code entries} (the snapshot so far, by
     * path), or {@code null} when it fits the tree: no entry below a file or link, no file or link over
     * entries below its path. Duplicates are the caller's to check.
     */
    public static String treeConflict(NavigableMap<String, ManifestEntry> entries, String path, EntryType type) {
        for (int slash = path.indexOf('/'); slash >= 0; slash = path.indexOf('/', slash + 1)) {
            String parent = path.substring(0, slash);
            ManifestEntry existing = entries.get(parent);
            if (existing != null && existing.type() != EntryType.DIRECTORY) {
                return "'" + path + "' cannot be written: '" + parent + "' is a " + typeName(existing.type())
                        + ", not a directory";
            }
        }
        if (type != EntryType.DIRECTORY) {
            String prefix = path + "/";
            Map.Entry<String, ManifestEntry> below = entries.ceilingEntry(prefix);
            if (below != null && below.getKey().startsWith(prefix)) {
                return "'" + path + "' cannot be a " + typeName(type) + ": the snapshot has entries below it";
            }
        }
        return null;
    }

    /**
     * Why {@code target} is not a target the writer records for the link at {@code path}, or {@code null}.
     * The target is the device's, as it is: it may be absolute or point outside the snapshot (archives
     * refuse to carry such links, nothing follows them).
     */
    public static String linkTargetProblem(String path, String target) {
        if (target == null || target.isEmpty() || target.indexOf('\0') >= 0) {
            return "symbolic link '" + path + "' needs a target";
        }
        return null;
    }

    /**
     * Checks a whole manifest against the writer's rules: each entry fits the tree, a link has a valid
     * target, a file has a content hash, directories and links have no content.
     *
     * @throws IllegalArgumentException naming the first entry that breaks a rule
     */
    public static void check(Manifest manifest) {
        NavigableMap<String, ManifestEntry> seen = new TreeMap<>();
        for (ManifestEntry entry : manifest.entries()) {
            String problem = treeConflict(seen, entry.path(), entry.type());
            if (problem == null) {
                problem = contentProblem(entry);
            }
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
            seen.put(entry.path(), entry);
        }
    }

    private static String contentProblem(ManifestEntry entry) {
        String path = entry.path();
        if (entry.type() == EntryType.SYMLINK) {
            String problem = linkTargetProblem(path, entry.linkTarget());
            if (problem != null) {
                return problem;
            }
        } else if (entry.linkTarget() != null) {
            return "'" + path + "' is a " + typeName(entry.type()) + " but has a link target";
        }
        if (entry.type() != EntryType.FILE && (entry.size() != 0 || entry.sha256() != null)) {
            return "'" + path + "' is a " + typeName(entry.type()) + " but has content (a size or a sha256)";
        }
        return null;
    }

    private static String typeName(EntryType type) {
        return type == EntryType.SYMLINK ? "symbolic link" : type.name().toLowerCase(Locale.ROOT);
    }
}
