package org.airgap.server.http.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.airgap.protocol.ProtocolJson;
import org.airgap.protocol.UploadRequest;
import org.airgap.server.core.UploadsInProgress;
import org.airgap.store.ManifestFormat;
import org.airgap.store.StoreException;

import com.google.gson.JsonParseException;

/**
 * The uploads in progress as garbage collection sees them: the blobs the planned runs name, and the lock
 * that plans and commits share and gc holds while it deletes (why: {@code GarbageCollection} in
 * server.core). A plan holds it while its run is saved, a commit until its run is in the database. What gc
 * dropped, the read rights cached by {@link Access} forget at once.
 */
final class UploadGuard implements UploadsInProgress {

    private final UploadArea uploads;
    private final Access access;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    UploadGuard(UploadArea uploads, Access access) {
        this.uploads = uploads;
        this.access = access;
    }

    @Override
    public void dropped(Set<String> snapshotIds) {
        access.forgetSnapshots(snapshotIds);
    }

    /** Taken by plans and commits. */
    Lock shared() {
        return lock.readLock();
    }

    @Override
    public Lock exclusive() {
        return lock.writeLock();
    }

    @Override
    public Set<String> blobs() throws IOException {
        Set<String> blobs = new HashSet<>();
        for (String json : uploads.allPending()) {
            try {
                UploadRequest request = ProtocolJson.read(json, PendingUpload.class).request();
                if (request != null && request.manifest() != null) {
                    blobs.addAll(ManifestFormat.parse(request.manifest().getBytes(StandardCharsets.UTF_8),
                            Path.of("pending-upload.json")).blobs());
                }
            } catch (JsonParseException | StoreException e) {
                // Checked when it was planned: a pending run that does not read back names nothing a
                // commit could use (its commit fails the same way).
            }
        }
        return blobs;
    }
}
