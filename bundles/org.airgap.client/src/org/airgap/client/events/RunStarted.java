package org.airgap.client.events;

import java.time.Instant;

/**
 * A run began.
 *
 * @param key           identifies the run in the other run events of this workbench (the run's id in the
 *                      repository is only known when it ends)
 * @param jobId         the job run
 * @param jobName       the job's name
 * @param componentName the component backed up
 * @param deviceType    the driver's id
 * @param maxAttempts   how often the job may try before it fails
 * @param start         when it began
 * @param cancel        asks the run to stop; the driver stops soon after and the run ends as cancelled
 */
public record RunStarted(String key, String jobId, String jobName, String componentName, String deviceType,
        int maxAttempts, Instant start, Runnable cancel) {
}
