package org.airgap.protocol;

import java.time.Instant;

import org.airgap.model.Run;

/**
 * POST /api/uploads: a finished run and, when it has a snapshot, the manifest's exact JSON text (its SHA-256 is the run's snapshot id).
 *
 * @param sentAt the laptop's clock when it sent the request, so that the server can record how far the
 *               laptop's clock is off (its run times are the laptop's); {@code null} from older clients
 * @param signature the laptop's signature of the run (since 0.2); {@code null} from older clients, and for
 *                  a run recorded before the laptop had a key
 */
public record UploadRequest(Run run, String manifest, Instant sentAt, RunSignature signature) {

    /** A request without the laptop's clock, as older clients send it. */
    public UploadRequest(Run run, String manifest) {
        this(run, manifest, null, null);
    }

    /** A request without a signature, as clients before laptop keys send it. */
    public UploadRequest(Run run, String manifest, Instant sentAt) {
        this(run, manifest, sentAt, null);
    }
}
