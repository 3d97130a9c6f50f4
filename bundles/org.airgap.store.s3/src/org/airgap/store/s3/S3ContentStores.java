package org.airgap.store.s3;

import java.io.IOException;
import java.nio.file.Path;

import org.airgap.store.ContentStore;
import org.airgap.store.s3.internal.S3Stores;

/** Opens content stores in an S3 bucket (docs/scale-out.md). */
public final class S3ContentStores {

    private S3ContentStores() {
    }

    /**
     * Opens the store in the bucket of {@code settings}, reading its credentials file, and checks at once that
     * the bucket exists and that the credentials may list, read and write it; {@code spool} is a folder of this
     * node's local disk (created when missing) where content waits until it is uploaded.
     *
     * @throws IOException with a message naming the problem and what to do: a missing or incomplete
     *                     credentials file, an endpoint that does not answer, refused credentials, no such
     *                     bucket; it never contains the secret
     */
    public static ContentStore open(S3StoreSettings settings, Path spool) throws IOException {
        return S3Stores.open(settings, spool);
    }
}
