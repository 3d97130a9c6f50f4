package org.airgap.protocol;

import java.time.Instant;
import java.util.List;

/**
 * The p2 repository of client updates an administrator published on the server ({@link Api#UPDATES},
 * {@link Api#ADMIN_UPDATES}); when none is published, {@code publishedAt} is {@code null} and the lists are empty.
 *
 * @param publishedAt when it was published
 * @param publishedBy the administrator who published it
 * @param sha256      SHA-256 (hex) of the zip as uploaded
 * @param bytes       the size of its files, unpacked
 * @param features    the installable roots it offers (features without {@code .feature.group}, and products)
 * @param files       its files, which {@link Api#UPDATES_P2} serves, so a client can copy the repository
 */
public record PublishedUpdates(Instant publishedAt, String publishedBy, String sha256, long bytes,
        List<Feature> features, List<File> files) {

    public PublishedUpdates {
        features = features == null ? List.of() : List.copyOf(features);
        files = files == null ? List.of() : List.copyOf(files);
    }

    /** Nothing published. */
    public static PublishedUpdates none() {
        return new PublishedUpdates(null, null, null, 0, List.of(), List.of());
    }

    public boolean published() {
        return publishedAt != null;
    }

    /** An installable root of the repository, as p2 names it. */
    public record Feature(String id, String version, String name) {
    }

    /** A file of the repository: its path below the repository ('/'-separated), size and SHA-256 (hex). */
    public record File(String path, long size, String sha256) {
    }
}
