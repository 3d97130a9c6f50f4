package org.airgap.archive;

import java.nio.file.Path;
import java.util.Locale;

/** The container formats of snapshot archives. */
public enum ArchiveFormat {
    TAR_GZ(".tar.gz"), ZIP(".zip");

    private final String suffix;

    ArchiveFormat(String suffix) {
        this.suffix = suffix;
    }

    /** The file name ending of this format, with its dot. */
    public String suffix() {
        return suffix;
    }

    /** The format a file name ends with ({@code .tar.gz}, {@code .tgz}, {@code .zip}). */
    public static ArchiveFormat of(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
            return TAR_GZ;
        }
        if (name.endsWith(".zip")) {
            return ZIP;
        }
        throw new IllegalArgumentException("not a snapshot archive name (.tar.gz, .tgz or .zip): " + file);
    }
}
