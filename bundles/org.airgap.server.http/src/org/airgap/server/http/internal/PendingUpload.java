package org.airgap.server.http.internal;

import java.time.Instant;

import org.airgap.model.Run;
import org.airgap.protocol.UploadRequest;

/**
 * A planned upload as {@link UploadArea} keeps it until the commit: the laptop's request and when the
 * server received it (by the server's clock), so that the commit can record the laptop's clock skew.
 * Files written before {@code received} existed read with it {@code null}.
 */
record PendingUpload(Run run, String manifest, Instant sentAt, Instant received) {

    static PendingUpload of(UploadRequest request, Instant received) {
        return new PendingUpload(request.run(), request.manifest(), request.sentAt(), received);
    }

    UploadRequest request() {
        return new UploadRequest(run, manifest, sentAt);
    }
}
