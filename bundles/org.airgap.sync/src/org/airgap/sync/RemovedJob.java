package org.airgap.sync;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.airgap.sync.internal.RemovedJobsFile;

/**
 * A job a sync removed from this laptop because the server no longer gives it to the user who synced (the
 * assignment was removed, or the job deleted). Its runs stay; runs of it waiting for upload stay queued
 * and are not sent (the server would refuse them) until the job is assigned again.
 *
 * @param jobId          the job
 * @param name           its name as last synced
 * @param user           who synced when it went
 * @param removed        when (the laptop's clock)
 * @param pendingUploads runs of it waiting for upload then
 * @since 0.2
 */
public record RemovedJob(String jobId, String name, String user, Instant removed, int pendingUploads) {

    /** What the laptop says about it: "job X is no longer assigned to you: removed from this laptop". */
    public String message() {
        return "job " + jobId + " is no longer assigned to you (" + user + "): removed from this laptop"
                + (pendingUploads == 0 ? ""
                        : "; its " + pendingUploads + " run(s) waiting for upload stay on this laptop until it is"
                                + " assigned again");
    }

    /**
     * Why it is gone, as the workbench tells the technician: "it is no longer assigned to you (USER): an
     * administrator removed the assignment or the job" (the laptop cannot tell which of the two).
     */
    public String reason() {
        return "it is no longer assigned to you (" + user + "): an administrator removed the assignment or the job";
    }

    /** The jobs the syncs of the workspace at {@code workspace} removed and that did not come back since. */
    public static List<RemovedJob> read(Path workspace) throws IOException {
        return RemovedJobsFile.of(workspace).read();
    }
}
