package org.airgap.archive.internal;

import java.util.ArrayDeque;
import java.util.Deque;

/** Names inside a snapshot archive and the rule for symbolic links. */
final class ArchiveLayout {

    static final String MANIFEST = "manifest.json";
    static final String FILES = "files/";

    private ArchiveLayout() {
    }

    /**
     * Why a link at {@code linkPath} (a snapshot path) with {@code target} would point outside the
     * snapshot, or {@code null} when it stays inside: absolute targets, backslashes, drive letters and
     * {@code ..} climbing above the root are refused.
     */
    static String linkEscapes(String linkPath, String target) {
        if (target == null || target.isEmpty()) {
            return "the link has no target";
        }
        if (target.startsWith("/") || target.indexOf('\\') >= 0 || target.matches("^[A-Za-z]:.*")
                || target.indexOf('\0') >= 0) {
            return "the link target '" + target + "' is absolute or not a '/'-separated path";
        }
        Deque<String> position = new ArrayDeque<>();
        String[] linkSegments = linkPath.split("/");
        for (int i = 0; i < linkSegments.length - 1; i++) {
            position.addLast(linkSegments[i]);
        }
        for (String segment : target.split("/")) {
            if (segment.equals("..")) {
                if (position.isEmpty()) {
                    return "the link target '" + target + "' points outside the snapshot";
                }
                position.removeLast();
            } else if (!segment.isEmpty() && !segment.equals(".")) {
                position.addLast(segment);
            }
        }
        return null;
    }
}
