package org.airgap.client.events;

import org.airgap.model.Run;

/**
 * A run ended.
 *
 * @param key     the run ({@link RunStarted#key()})
 * @param jobId   the job run
 * @param run     the finished run as the repository recorded it (outcome, attempts, results, messages with
 *                their levels); {@code null} when it could not be recorded
 * @param problem why the run could not be recorded (the workspace could not be written), else {@code null}
 */
public record RunFinished(String key, String jobId, Run run, String problem) {
}
