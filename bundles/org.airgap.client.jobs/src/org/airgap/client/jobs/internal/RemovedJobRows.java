package org.airgap.client.jobs.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.model.Run;
import org.airgap.sync.RemovedJob;
import org.airgap.workspace.JobRepository;

/**
 * The Jobs view's rows of the jobs syncs removed from this laptop ({@link RemovedJob}: the server no longer
 * gives them to the technician), so that a job that is gone says why instead of vanishing: greyed, not
 * runnable, with the reason and the runs of it held back from upload.
 */
final class RemovedJobRows {

    private RemovedJobRows() {
    }

    /**
     * {@code rows} with the removed jobs of the workspace added. A job the server listed at the login but a
     * later sync removed becomes a removed row (keeping the component the listing named); a synced job is
     * never one (a sync that brings a job back takes it off the removed list).
     */
    static List<JobRow> add(List<JobRow> rows, JobRepository repository) throws IOException {
        List<RemovedJob> removed = read(repository);
        if (removed.isEmpty()) {
            return rows;
        }
        Map<String, JobRow> byId = new LinkedHashMap<>();
        rows.forEach(row -> byId.put(row.id(), row));
        Map<String, Run> lastRun = new HashMap<>();
        for (Run run : repository.runs()) { // newest first
            lastRun.putIfAbsent(run.jobId(), run);
        }
        Map<String, Integer> held = new HashMap<>();
        repository.pendingUploads().forEach(run -> held.merge(run.jobId(), 1, Integer::sum));
        for (RemovedJob job : removed) {
            JobRow listed = byId.get(job.jobId());
            if (listed != null && listed.runnable()) {
                continue;
            }
            String componentId = listed == null ? "" : listed.componentId();
            int heldRuns = held.getOrDefault(job.jobId(), 0);
            byId.put(job.jobId(), new JobRow(new Job(job.jobId(), componentId, job.name(), Map.of(),
                    JobOptions.defaults()), componentId, listed == null ? "" : listed.componentName(),
                    listed == null ? "" : listed.deviceType(), lastRun.get(job.jobId()), null, null, false, null,
                    reason(job, heldRuns), heldRuns));
        }
        return new ArrayList<>(byId.values());
    }

    /** The removed jobs; none when their file cannot be read (the rows then only lack them). */
    private static List<RemovedJob> read(JobRepository repository) {
        try {
            return RemovedJob.read(repository.location());
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The tooltip and summary text: when, why, and what happens to its held runs. */
    static String reason(RemovedJob job, int heldRuns) {
        String text = "Removed from this laptop by the sync of " + JobsModel.format(job.removed()) + ": "
                + job.reason() + ".";
        if (heldRuns > 0) {
            text += " " + (heldRuns == 1 ? "1 run" : heldRuns + " runs") + " of it waiting for upload "
                    + (heldRuns == 1 ? "is" : "are") + " held here, not uploaded, until the job is assigned to you"
                    + " again.";
        }
        return text;
    }
}
