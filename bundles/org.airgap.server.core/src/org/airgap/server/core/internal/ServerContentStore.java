package org.airgap.server.core.internal;

import java.io.IOException;
import java.util.Optional;

import org.airgap.server.core.ServerIni;
import org.airgap.server.core.ServerIniException;
import org.airgap.server.core.ServerSettings;
import org.airgap.store.ContentStore;
import org.airgap.store.ContentStores;
import org.airgap.store.s3.S3ContentStores;
import org.airgap.store.s3.S3StoreSettings;

/** The server's content store: in the data directory, or in S3 when server.ini's {@code [Store]} names a bucket. */
final class ServerContentStore {

    private ServerContentStore() {
    }

    /**
     * Opens the store server.ini chooses (docs/scale-out.md); a store that cannot be used is refused at start with a
     * message naming {@code [Store]}.
     */
    static ContentStore open(ServerSettings settings) throws IOException {
        Optional<S3StoreSettings> s3;
        try {
            s3 = ServerIni.store(settings.dataDirectory());
        } catch (ServerIniException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (s3.isEmpty()) {
            return ContentStores.open(settings.storeDirectory());
        }
        try {
            return S3ContentStores.open(s3.get(), settings.storeSpoolDirectory());
        } catch (IOException e) {
            throw new IOException(settings.iniFile() + " [Store]: " + e.getMessage(), e);
        }
    }

    /** Releases what the store holds (the S3 store's client); nothing for the store in the data directory. */
    static void close(ContentStore store) {
        if (store instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot close the content store: " + e.getMessage(), e);
            }
        }
    }
}
