package org.airgap.protocol;

import java.time.Instant;
import java.util.List;
import org.airgap.model.Baseline;
import org.airgap.model.Component;
import org.airgap.model.Folder;
import org.airgap.model.Job;

/**
 * GET /api/sync: the jobs assigned to the user with their components and folders, and per component the
 * server version and previous backup to compare with on site (their manifests and blobs are fetched by
 * id). {@code offlineRefused} names those of the users the laptop asked about ({@code ?offline=NAME,…})
 * who may no longer log in: disabled or unknown; the laptop deletes their offline logins. {@code signedVerifier}
 * is the caller's offline login signed by the server; the whole answer is signed too, in the header
 * {@link ServerSignature#SIGNATURE_HEADER} (docs/formats.md, "Server signatures").
 */
public record PullResponse(SessionPolicy policy, OfflineVerifier verifier, List<Folder> folders, List<Component> components, List<Job> jobs, List<Baseline> baselines, Instant serverTime, List<String> offlineRefused, SignedVerifier signedVerifier) {

    /** A response without a signed verifier (the laptop then stores no offline login). */
    public PullResponse(SessionPolicy policy, OfflineVerifier verifier, List<Folder> folders, List<Component> components, List<Job> jobs, List<Baseline> baselines, Instant serverTime, List<String> offlineRefused) {
        this(policy, verifier, folders, components, jobs, baselines, serverTime, offlineRefused, null);
    }

    /** A response that refuses no offline login. */
    public PullResponse(SessionPolicy policy, OfflineVerifier verifier, List<Folder> folders, List<Component> components, List<Job> jobs, List<Baseline> baselines, Instant serverTime) {
        this(policy, verifier, folders, components, jobs, baselines, serverTime, List.of());
    }

    public PullResponse {
        folders = folders == null ? List.of() : List.copyOf(folders);
        components = components == null ? List.of() : List.copyOf(components);
        jobs = jobs == null ? List.of() : List.copyOf(jobs);
        baselines = baselines == null ? List.of() : List.copyOf(baselines);
        offlineRefused = offlineRefused == null ? List.of() : List.copyOf(offlineRefused);
    }
}
