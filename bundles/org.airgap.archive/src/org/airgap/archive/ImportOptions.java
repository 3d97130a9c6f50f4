package org.airgap.archive;

/**
 * Limits for importing an archive.
 *
 * @param maxTotalBytes the most file content an archive may unpack, or {@link #FROM_MANIFEST}: as much as
 *                      its manifest declares. A manifest that declares more than an explicit limit is
 *                      refused before anything is unpacked.
 */
public record ImportOptions(long maxTotalBytes) {

    public static final long FROM_MANIFEST = -1;

    public ImportOptions {
        if (maxTotalBytes < 0 && maxTotalBytes != FROM_MANIFEST) {
            throw new IllegalArgumentException("maxTotalBytes must be >= 0 or FROM_MANIFEST: " + maxTotalBytes);
        }
    }

    public static ImportOptions defaults() {
        return new ImportOptions(FROM_MANIFEST);
    }
}
