package org.airgap.archive;

import java.io.IOException;
import java.nio.file.Path;

/**
 * An archive that is refused on import: unsafe, inconsistent with its manifest, or damaged. Nothing of
 * it becomes visible in the store (blobs already unpacked stay unreferenced until gc).
 */
public class ArchiveRejectedException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path archive;
    private final String entry;

    public ArchiveRejectedException(Path archive, String entry, String problem) {
        this(archive, entry, problem, null);
    }

    public ArchiveRejectedException(Path archive, String entry, String problem, Throwable cause) {
        super("archive " + archive + (entry == null ? "" : ", entry '" + entry + "'") + ": " + problem, cause);
        this.archive = archive;
        this.entry = entry;
    }

    public Path archive() {
        return archive;
    }

    /** The entry concerned, or {@code null} when the problem is the archive as a whole. */
    public String entry() {
        return entry;
    }
}
