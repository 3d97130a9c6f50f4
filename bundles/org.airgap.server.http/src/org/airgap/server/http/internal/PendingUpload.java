package org.airgap.server.http.internal;

import java.time.Instant;

import org.airgap.model.Run;
import org.airgap.protocol.RunSignature;
import org.airgap.protocol.UploadRequest;

/**
 * A planned upload as {@link UploadArea} keeps it until the commit: the laptop's request, when the
 * server received it (by the server's clock), so that the commit can record the laptop's clock skew, and
 * who planned it, whose run id it holds ({@link RunIds#requireOwnPlan}). Files written before
 * {@code received} or {@code user} existed read with them {@code null}.
 */
record PendingUpload(Run run, String manifest, Instant sentAt, Instant received, String user,
        RunSignature signature) {

    static PendingUpload of(UploadRequest request, Instant received, String user) {
        return new PendingUpload(request.run(), request.manifest(), request.sentAt(), received, user,
                request.signature());
    }

    UploadRequest request() {
        return new UploadRequest(run, manifest, sentAt, signature);
    }
}
