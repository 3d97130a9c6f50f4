package org.airgap.server.http.internal;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

import org.airgap.model.Run;
import org.airgap.server.core.ServerException;
import org.airgap.server.core.ServerException.Kind;
import org.airgap.store.ContentStore;
import org.airgap.store.EntryType;
import org.airgap.store.Manifest;
import org.airgap.store.ManifestEntry;
import org.airgap.store.SnapshotRules;

/**
 * What an upload must be before the server keeps it: a manifest the laptop's snapshot writer could have
 * written ({@link SnapshotRules}), whose file sizes are those of their blobs, and a run not dated ahead of
 * the server's clock beyond {@link #FUTURE_TOLERANCE}.
 */
final class UploadChecks {

    /** How far ahead of the server's clock a run may start: time zones and clocks that drift a little. */
    static final Duration FUTURE_TOLERANCE = Duration.ofDays(1);

    private UploadChecks() {
    }

    /** @throws ServerException BAD_REQUEST naming the first entry the laptop's snapshot writer would refuse */
    static void requireWritable(Manifest manifest, String runId) throws ServerException {
        try {
            SnapshotRules.check(manifest);
        } catch (IllegalArgumentException e) {
            throw new ServerException(Kind.BAD_REQUEST, "the manifest of run " + runId + " is not one a snapshot can"
                    + " have: " + e.getMessage() + " — nothing was stored", e);
        }
    }

    /**
     * Every file's size must be its blob's, or the snapshot's archive and compares break; call once all
     * blobs are stored.
     *
     * @throws ServerException BAD_REQUEST naming the first file whose size is not its blob's
     */
    static void requireBlobSizes(Manifest manifest, ContentStore store, String runId)
            throws ServerException, IOException {
        for (ManifestEntry entry : manifest.entries()) {
            if (entry.type() == EntryType.FILE && store.blobSize(entry.sha256()) != entry.size()) {
                throw new ServerException(Kind.BAD_REQUEST, "the manifest of run " + runId + " says file '"
                        + entry.path() + "' has " + entry.size() + " bytes, but its content " + entry.sha256()
                        + " has another size — nothing was stored");
            }
        }
    }

    /**
     * The latest backup is chosen by the server's clock, but a run dated far ahead is a laptop with a wrong
     * clock, whose run times would mislead everyone who reads them.
     *
     * @throws ServerException BAD_REQUEST saying to set the laptop's clock; the laptop keeps the run queued
     */
    static void refuseFutureRun(Run run, Instant serverNow) throws ServerException {
        if (run.start().isAfter(serverNow.plus(FUTURE_TOLERANCE))) {
            throw new ServerException(Kind.BAD_REQUEST, "run " + run.id() + " started at " + run.start()
                    + " by the laptop's clock, more than a day after the server's time " + serverNow
                    + ": the laptop's clock is wrong. Set the laptop's date, time and time zone right and run the"
                    + " backup again; this run was not uploaded and stays queued on the laptop");
        }
    }

    /** The laptop's clock minus the server's when it sent the plan, or {@code null} when it did not say. */
    static Duration clockSkew(Instant laptopSentAt, Instant serverReceivedAt) {
        return laptopSentAt == null || serverReceivedAt == null ? null
                : Duration.between(serverReceivedAt, laptopSentAt);
    }
}
