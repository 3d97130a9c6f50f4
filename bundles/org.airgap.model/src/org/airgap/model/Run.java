package org.airgap.model;

import java.time.Instant;
import java.util.List;

/**
 * One execution of a job on site.
 *
 * @param id                    unique id, assigned where the run starts (the laptop)
 * @param jobId                 the job executed
 * @param start                 when it started
 * @param end                   when it ended; {@code null} while running (and for a run that was cut off
 *                              without an end being recorded)
 * @param attempts              attempts made so far, not negative
 * @param outcome               running, or how it ended
 * @param device                what the device reported about itself; {@link DeviceIdentity#UNKNOWN} when
 *                              nothing ({@code null} is taken as that)
 * @param snapshotId            the backup's snapshot, or {@code null} when there is none
 * @param serverVersionResult   the backup compared with the component's current version on the server
 * @param previousBackupResult  the backup compared with the previous backup of the component
 * @param messages              the run's log, oldest first
 * @param identityCheck         the device's identity compared with its reference's; {@code null} when there
 *                              is nothing to say (the same device, or nothing known to compare)
 */
public record Run(String id, String jobId, Instant start, Instant end, int attempts, RunOutcome outcome,
        DeviceIdentity device, String snapshotId, CompareResult serverVersionResult,
        CompareResult previousBackupResult, List<RunMessage> messages, IdentityCheck identityCheck) {

    public Run {
        Check.text(id, "Run.id");
        Check.text(jobId, "Run.jobId");
        Check.present(start, "Run.start");
        if (end != null && end.isBefore(start)) {
            throw Check.invalid("Run.end", "is before Run.start: " + end + " < " + start);
        }
        if (attempts < 0) {
            throw Check.invalid("Run.attempts", "must not be negative, was " + attempts);
        }
        Check.present(outcome, "Run.outcome");
        if (outcome == RunOutcome.RUNNING && end != null) {
            throw Check.invalid("Run.end", "is set but Run.outcome is RUNNING");
        }
        device = device == null ? DeviceIdentity.UNKNOWN : device;
        Check.optionalSnapshotId(snapshotId, "Run.snapshotId");
        Check.present(serverVersionResult, "Run.serverVersionResult");
        Check.present(previousBackupResult, "Run.previousBackupResult");
        messages = Check.list(messages, "Run.messages");
    }

    /** A run without an identity finding. */
    public Run(String id, String jobId, Instant start, Instant end, int attempts, RunOutcome outcome,
            DeviceIdentity device, String snapshotId, CompareResult serverVersionResult,
            CompareResult previousBackupResult, List<RunMessage> messages) {
        this(id, jobId, start, end, attempts, outcome, device, snapshotId, serverVersionResult, previousBackupResult,
                messages, null);
    }

    /** Whether a different device was found: then the backup does not become a version automatically. */
    public boolean differentDevice() {
        return identityCheck != null && !identityCheck.allowsAutomaticVersion();
    }

    /** Whether the run has ended and its end was recorded. */
    public boolean complete() {
        return end != null && outcome != RunOutcome.RUNNING;
    }
}
