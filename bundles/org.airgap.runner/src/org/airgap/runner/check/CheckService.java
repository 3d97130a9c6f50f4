package org.airgap.runner.check;

import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Checks the synced jobs before anyone walks into the plant, as a run would see them: the component's
 * connection with the job's parameters over it, the driver of the component's device type, the driver's
 * own parameter check.
 */
@ProviderType
public interface CheckService {

    /** How many devices are tested at the same time, at most. */
    int PARALLEL_TESTS = 4;

    /**
     * The pre-flight check of every synced job, without contacting any device: whether its driver is
     * installed and its parameters are valid, and the device addresses and networks the laptop will need.
     */
    Preflight preflight();

    /**
     * Tests the connection of each job: its driver's {@code testConnection} with the job's parameters
     * (their timeout included), up to {@link #PARALLEL_TESTS} devices at once. A job that cannot run here
     * is not tested; its result says why. Results come in the order of {@code jobIds}.
     *
     * @param jobIds  synced jobs
     * @param monitor one unit of work per job, the finished job's name as sub-task; cancelling it ends
     *                the tests still running as cancelled (their drivers are told to stop)
     * @return one result per job; a test cancelled or overdue is a result too (CANCELLED, TIMEOUT)
     * @throws IllegalArgumentException naming the ids that are not synced jobs
     */
    List<ConnectionResult> testConnections(List<String> jobIds, IProgressMonitor monitor);
}
