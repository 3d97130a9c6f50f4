package org.airgap.sync;

import java.util.List;

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
 */
public record PushReport(List<RunUpload> runs, int auditEntriesSent, int auditEntriesStored, List<String> held,
        PruneReport pruned, String pruneProblem) {

    public PushReport {
        runs = List.copyOf(runs);
        held = held == null ? List.of() : List.copyOf(held);
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
