package org.airgap.sync;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.airgap.workspace.PruneReport;

/**
 * What a push did.
 *
 * @param runs              the runs committed, in upload order
 * @param auditEntriesSent  audit entries sent
 * @param auditEntriesStored audit entries the server stored new (the rest it knew already)
 * @param held              runs left in the upload queue because their job was removed from this laptop
 *                          ({@link RemovedJob}): they are uploaded once the job is assigned again
 * @param pruned            what the prune after the upload removed (the workspace setting
 *                          {@code prune.after.upload}); {@code null} when the setting is off or it failed
 * @param pruneProblem      why the prune after the upload failed (the upload itself succeeded), else {@code null}
 * @param refused           runs the server refused as they are (a laptop signature that does not verify, a
 *                          revoked laptop: 422), by id with the server's message, in upload order; they stay
 *                          queued with that message ({@code JobRepository.uploadRefusal}) and the others upload
 *                          (since 0.2)
 * @param unreadable        runs waiting for upload whose record cannot be read on this laptop (damaged, or a
 *                          plain file put into an encrypted workspace), by id with the reason: nothing of them
 *                          was sent, they stay queued, and the others upload ({@code JobRepository.unreadableRuns};
 *                          since 0.2)
 */
public record PushReport(List<RunUpload> runs, int auditEntriesSent, int auditEntriesStored, List<String> held,
        PruneReport pruned, String pruneProblem, Map<String, String> refused, Map<String, String> unreadable) {

    public PushReport {
        runs = List.copyOf(runs);
        held = held == null ? List.of() : List.copyOf(held);
        refused = refused == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(refused));
        unreadable = unreadable == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(unreadable));
    }

    /** A push whose queued runs could all be read. */
    public PushReport(List<RunUpload> runs, int auditEntriesSent, int auditEntriesStored, List<String> held,
            PruneReport pruned, String pruneProblem, Map<String, String> refused) {
        this(runs, auditEntriesSent, auditEntriesStored, held, pruned, pruneProblem, refused, null);
    }

    /** A push that had no run refused. */
    public PushReport(List<RunUpload> runs, int auditEntriesSent, int auditEntriesStored, List<String> held,
            PruneReport pruned, String pruneProblem) {
        this(runs, auditEntriesSent, auditEntriesStored, held, pruned, pruneProblem, null);
    }

    /** A push without a prune after it. */
    public PushReport(List<RunUpload> runs, int auditEntriesSent, int auditEntriesStored, List<String> held) {
        this(runs, auditEntriesSent, auditEntriesStored, held, null, null);
    }

    /** A push that held back no run. */
    public PushReport(List<RunUpload> runs, int auditEntriesSent, int auditEntriesStored) {
        this(runs, auditEntriesSent, auditEntriesStored, List.of());
    }

    public long bytesSent() {
        return runs.stream().mapToLong(RunUpload::bytesSent).sum();
    }

    public int blobsSent() {
        return runs.stream().mapToInt(RunUpload::blobsSent).sum();
    }

    public long versionsCreated() {
        return runs.stream().filter(run -> run.result().versionCreated()).count();
    }
}
