package org.airgap.protocol;

import org.airgap.model.Run;

/** POST /api/uploads: a finished run and, when it has a snapshot, the manifest's exact JSON text (its SHA-256 is the run's snapshot id). */
public record UploadRequest(Run run, String manifest) {
}
