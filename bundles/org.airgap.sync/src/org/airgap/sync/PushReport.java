package org.airgap.sync;

import java.util.List;

/**
 * What a push did.
 *
 * @param runs              the runs committed, in upload order
 * @param auditEntriesSent  audit entries sent
 * @param auditEntriesStored audit entries the server stored new (the rest it knew already)
 */
public record PushReport(List<RunUpload> runs, int auditEntriesSent, int auditEntriesStored) {

    public PushReport {
        runs = List.copyOf(runs);
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
