package org.airgap.workspace.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.airgap.audit.AuditAction;
import org.airgap.audit.AuditEntry;
import org.airgap.audit.AuditTrail;
import org.airgap.model.Run;
import org.airgap.model.RunSigning;
import org.airgap.workspace.LaptopIdentity;
import org.airgap.workspace.RunSeal;
import org.airgap.workspace.SealedFiles;

/**
 * The workspace's side of the laptop key (docs/formats.md, "Laptop key and run signatures"): making the key
 * and signing the runs that were waiting then, and signing each run as it ends; {@link RunSeals} keeps the
 * files. The caller ({@link LocalWorkspace}) serializes the calls.
 */
final class LaptopSigning {

    private final RunSeals seals;
    private final AuditTrail audit;

    LaptopSigning(Path location, AuditTrail audit, SealedFiles keyFiles) {
        this.seals = new RunSeals(location, keyFiles);
        this.audit = audit;
    }

    /**
     * The laptop's identity; the first call makes the key and signs the runs {@code waiting} for upload that
     * have no signature yet as {@link RunSigning#BEFORE_KEY}.
     */
    LaptopIdentity identity(String user, List<Run> waiting, Instant now) throws IOException {
        Optional<RunSeals.LaptopKey> existing = seals.key();
        if (existing.isPresent()) {
            return existing.get().identity();
        }
        RunSeals.LaptopKey key = seals.create(now);
        // Runs recorded before the key are signed now, as they are: only these may carry BEFORE_KEY.
        for (Run run : waiting) {
            if (seals.seal(run.id()).isEmpty()) {
                seals.seal(key, run, RunSigning.BEFORE_KEY, technicianOf(run.id()).orElse(user), "");
            }
        }
        return key.identity();
    }

    /** Signs a run that just ended, when the laptop has a key: {@code auditHead} is its JOB_FINISHED entry's hash. */
    void signFinished(Run run, String technician, String auditHead) throws IOException {
        Optional<RunSeals.LaptopKey> key = seals.key();
        if (key.isPresent()) {
            seals.seal(key.get(), run, RunSigning.RUN_END, technician, auditHead);
        }
    }

    Optional<RunSeal> seal(String runId) throws IOException {
        return seals.seal(runId);
    }

    /** Who finished the run, by its audit entry. */
    private Optional<String> technicianOf(String runId) throws IOException {
        String prefix = "run " + runId + " ";
        return audit.entries().stream().filter(entry -> entry.action() == AuditAction.JOB_FINISHED)
                .filter(entry -> entry.details().startsWith(prefix)).map(AuditEntry::user).reduce((a, b) -> b);
    }
}
