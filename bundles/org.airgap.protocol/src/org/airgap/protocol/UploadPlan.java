package org.airgap.protocol;

import java.util.List;

/** The blobs the server lacks for the run (with how much of each it already received), or committed = true when the run was committed before. */
public record UploadPlan(String runId, List<BlobStatus> missing, long missingBytes, boolean committed) {

    public UploadPlan {
        missing = missing == null ? List.of() : List.copyOf(missing);
    }
}
