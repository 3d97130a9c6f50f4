package org.airgap.store;

import java.io.IOException;
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
}
