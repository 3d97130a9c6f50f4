package org.airgap.store;

import java.util.regex.Pattern;

/** Rules for the relative paths inside a snapshot, shared by the store, archives and drivers. */
public final class Paths {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private Paths() {
    }

    /** Whether {@code path} is a valid snapshot path (see {@link ManifestEntry#path()}). */
    public static boolean isValid(String path) {
        if (path == null || path.isEmpty() || path.startsWith("/") || path.endsWith("/") || path.indexOf('\\') >= 0
                || path.indexOf('\0') >= 0) {
            return false;
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                return false;
            }
        }
        return true;
    }

    /** Throws {@link IllegalArgumentException} naming the path when it is not valid. */
    public static String requireValid(String path) {
        if (!isValid(path)) {
            throw new IllegalArgumentException("not a valid snapshot path (relative, '/'-separated, no '..'): '"
                    + path + "'");
        }
        return path;
    }

    public static boolean isSha256(String text) {
        return text != null && SHA256.matcher(text).matches();
    }
}
