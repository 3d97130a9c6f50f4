package org.airgap.sync;

import java.time.Duration;

import org.airgap.protocol.CommitResult;

/**
 * One run pushed and committed.
 *
 * @param runId       the run
 * @param jobId       its job
 * @param blobsSent   blobs (or rests of blobs) uploaded for it; 0 when the server had all of them
 * @param bytesSent   blob bytes uploaded for it
 * @param result      the server's answer to the commit (version created or not, compare results)
 * @param transfer    from the upload plan to the last blob byte acknowledged
 * @param commit      how long the server took to answer the commit (compare, store, version)
 */
public record RunUpload(String runId, String jobId, int blobsSent, long bytesSent, CommitResult result, Duration transfer,
        Duration commit) {
}
