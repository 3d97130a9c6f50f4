package org.airgap.runner;

import java.io.IOException;

import org.airgap.driver.api.DriverProgress;
import org.airgap.model.Run;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Runs a synced job once, as "Execute selected jobs once" and {@code airgap run} do: finds the driver of
 * the component's device type, checks the parameters, backs the device up with up to the job's maximum
 * attempts (pausing between them, retrying only problems that may pass), commits the snapshot, compares
 * it with the server version and with the previous backup under the job's ignore rules, and records the
 * finished run in the job repository (queued for upload). A failure is a finished run too, with its
 * reason in the messages; only the repository's own I/O errors are thrown.
 */
@ProviderType
public interface JobRunner {

    /**
     * @param progress the driver's progress and the run's log; cancelling ends the run as cancelled
     */
    Run run(String jobId, String user, DriverProgress progress) throws IOException;
}
