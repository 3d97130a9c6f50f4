package org.airgap.driver.ftp.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Remote paths as configured in the job's {@code paths} parameter, and the rule that maps them to snapshot
 * paths: a configured path is stored under its last name ("/robot/programs" as "programs", its files as
 * "programs/..."), and "/" (or ".", the login folder) stores the folder's content at the top.
 */
final class RemotePaths {

    private RemotePaths() {
    }

    /**
     * Collapses repeated and trailing slashes and "." segments; "/" and "." stay as they are.
     *
     * @throws IllegalArgumentException for a ".." segment (the snapshot could not say where the files came from)
     */
    static String normalize(String path) {
        boolean absolute = path.startsWith("/");
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/")) {
            if (segment.equals("..")) {
                throw new IllegalArgumentException("'" + path + "' contains '..': give the folder's path without it");
            }
            if (!segment.isEmpty() && !segment.equals(".")) {
                segments.add(segment);
            }
        }
        String joined = String.join("/", segments);
        return absolute ? "/" + joined : joined.isEmpty() ? "." : joined;
    }

    /** The name a normalized path is stored under; empty for "/" and ".", whose content goes to the top. */
    static String baseName(String normalized) {
        if (normalized.equals("/") || normalized.equals(".")) {
            return "";
        }
        return normalized.substring(normalized.lastIndexOf('/') + 1);
    }

    /** The remote path of an entry listed in {@code folder}. */
    static String child(String folder, String name) {
        if (folder.equals(".")) {
            return name;
        }
        return folder.endsWith("/") ? folder + name : folder + "/" + name;
    }

    /** The snapshot path of an entry named {@code name} below the snapshot folder {@code parent} ("" for the top). */
    static String snapshotChild(String parent, String name) {
        return parent.isEmpty() ? name : parent + "/" + name;
    }
}
