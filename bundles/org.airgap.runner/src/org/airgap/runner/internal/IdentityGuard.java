package org.airgap.runner.internal;

import java.io.IOException;
import java.util.Optional;

import org.airgap.model.Baseline;
import org.airgap.model.DeviceIdentity;
import org.airgap.model.IdentityCheck;
import org.airgap.model.Job;
import org.airgap.model.Run;
import org.airgap.model.RunOutcome;
import org.airgap.model.Version;
import org.airgap.workspace.JobRepository;

/**
 * The device identity guard on the laptop: compares the identity a run read with its reference's, the
 * identity of the component's latest version as of the last sync, else that of the previous successful
 * backup of the job on this laptop ({@link IdentityCheck#of} is the rule).
 */
final class IdentityGuard {

    private IdentityGuard() {
    }

    /** The finding for {@code run}, which read {@code found}; {@code null} when there is nothing to say. */
    static IdentityCheck check(JobRepository repository, Job job, Run run, DeviceIdentity found) throws IOException {
        if (found.equals(DeviceIdentity.UNKNOWN)) {
            return null;
        }
        Optional<Version> version = repository.synced().baselines().stream()
                .filter(baseline -> baseline.componentId().equals(job.componentId())).findFirst()
                .map(Baseline::serverVersion).filter(v -> !v.device().equals(DeviceIdentity.UNKNOWN));
        if (version.isPresent()) {
            return IdentityCheck.of(version.get().device(), found, "version " + version.get().number());
        }
        for (Run candidate : repository.runs()) {
            boolean earlier = candidate.start().isBefore(run.start())
                    || candidate.start().equals(run.start()) && candidate.id().compareTo(run.id()) < 0;
            if (earlier && candidate.jobId().equals(run.jobId()) && candidate.outcome() == RunOutcome.SUCCEEDED
                    && !candidate.device().equals(DeviceIdentity.UNKNOWN)) {
                return IdentityCheck.of(candidate.device(), found, "the previous backup");
            }
        }
        return null;
    }

    /** The finding in the run's log, in plain words; what it means for the backup, when there is one. */
    static String logText(IdentityCheck check, Job job, boolean backedUp) {
        if (check.allowsAutomaticVersion() || !backedUp) {
            return check.describe();
        }
        return check.describe() + (job.options().createVersionAutomatically()
                ? " The backup will not become a version automatically."
                : " Check the cable and the device before making a version of this backup.");
    }
}
