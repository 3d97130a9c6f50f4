package org.airgap.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

import org.airgap.store.internal.FileContentStore;

/** Opens content stores. */
public final class ContentStores {

    private ContentStores() {
    }

    /**
     * Opens the store in {@code root}, creating the folder and its layout ({@code blobs/},
     * {@code manifests/}, {@code tmp/}) when missing. Layout: docs/formats.md.
     */
    public static ContentStore open(Path root) throws IOException {
        return FileContentStore.open(root, FileContentStore.WriteHook.NONE);
    }

    /**
     * Opens the store in {@code root} sealed or plain as {@code keys} says: a workspace's store is sealed
     * once the workspace has key slots ({@link StoreKeys}; docs/formats.md, "Sealed files").
     *
     * @since 0.2
     */
    public static ContentStore open(Path root, StoreKeys keys) throws IOException {
        return FileContentStore.open(root, FileContentStore.WriteHook.NONE, FileContentStore.TEMP_FILE_GRACE, keys);
    }

    /**
     * {@code in} hashed while it is read: at its end the SHA-256 must be {@code sha256}, or the read fails with a
     * {@link StoreException} of kind CORRUPT_BLOB naming {@code name} (as {@link ContentStore#openBlob} does). For
     * another implementation of {@link ContentStore} (the server's S3 store).
     *
     * @since 0.2
     */
    public static InputStream verifying(InputStream in, String sha256, Path name) {
        return FileContentStore.verifying(in, sha256, name);
    }

    /**
     * Seals what an unlocked sealed store holds plain (a workspace's store from before encryption): each
     * content stored again sealed before its plain file goes, so a crash leaves nothing lost and a second
     * call finishes. The temporary files no writer of this process uses are removed first: a crash left them,
     * and the plain store's may hold plain content. The caller's process must be the only one on the store
     * (a workspace's lock). Returns the number of files sealed.
     *
     * @since 0.2
     */
    public static int sealPlainContent(ContentStore store) throws IOException {
        return ((FileContentStore) store).sealPlainContent();
    }
}
