package org.airgap.compare;

import java.io.IOException;
import java.io.InputStream;

/**
 * Where the compare reads file contents from, by SHA-256: a content store, an archive, a map in a test.
 * Keeping it this small lets one side of a comparison come from the local store and the other from
 * somewhere else.
 */
@FunctionalInterface
public interface BlobSource {

    /**
     * Opens the content with this SHA-256 (lower-case hex). The caller closes the stream.
     *
     * @throws IOException when the content is missing or cannot be read; the message should say why
     */
    InputStream open(String sha256) throws IOException;
}
