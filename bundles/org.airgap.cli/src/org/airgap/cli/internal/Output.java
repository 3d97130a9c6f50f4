package org.airgap.cli.internal;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.airgap.audit.AuditVerification;
import org.airgap.driver.api.Pacing;
import org.airgap.model.CompareResult;
import org.airgap.model.DeviceIdentity;
import org.airgap.model.IdentityCheck;
import org.airgap.model.JobOptions;
import org.airgap.model.Run;
import org.airgap.protocol.ProtocolJson;
import org.airgap.runner.check.ConnectionResult;
import org.airgap.runner.check.DeviceNetwork;
import org.airgap.runner.check.JobReadiness;
import org.airgap.store.ContentStore;
import org.airgap.sync.PullReport;
import org.airgap.sync.PushReport;
import org.airgap.workspace.JobOverview;

/**
 * What the commands print: the JSON documents of {@code --json} (records written with the protocol's
 * Gson, so times are ISO-8601 instants and model records have their documented fields; absent values
 * are left out) and the helpers of the text form.
 */
final class Output {

    static final String SERVER_VERSION_LABEL = "Server version \u2194 Backup";
    static final String PREVIOUS_BACKUP_LABEL = "Prev. backup \u2194 Backup";

    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private Output() {
    }

    /** {@code airgap jobs --json}. */
    record JobsDocument(String workspace, boolean serverChecked, List<JobLine> jobs) {
    }

    /**
     * One job. {@code state}: NEVER_RUN, RUNNING, SUCCEEDED, FAILED, CANCELLED (its last run), or
     * NOT_SYNCED for a job on the server that this workspace does not have. {@code ageWarning}: why the
     * device's newest backup is too old for the job, absent when it is not. {@code deviceCheck}: the last
     * run's identity finding ({@code DIFFERENT_DEVICE}, {@code FIRMWARE_CHANGED}), absent when none.
     * {@code gentleMode}: the job's pause between requests and bandwidth cap in words, absent when it has
     * neither.
     */
    record JobLine(String id, String name, String componentId, String component, String deviceType, String state,
            boolean synced, Instant lastRun, String lastRunId, boolean uploadPending, CompareResult serverVersionResult,
            CompareResult previousBackupResult, String ageWarning, IdentityCheck.Kind deviceCheck, String gentleMode) {

        static JobLine of(JobOverview job) {
            Run last = job.lastRun();
            String state = !job.synced() ? "NOT_SYNCED" : last == null ? "NEVER_RUN" : last.outcome().name();
            IdentityCheck check = last == null ? null : last.identityCheck();
            return new JobLine(job.id(), job.name(), job.componentId(), job.componentName(), job.deviceType(), state,
                    job.synced(), last == null ? null : last.start(), last == null ? null : last.id(),
                    job.uploadPending(), job.serverVersionResult(), job.previousBackupResult(), job.ageWarning(),
                    check == null ? null : check.kind(), gentleMode(job.job().options()));
        }

        private static String gentleMode(JobOptions options) {
            return options.gentle() ? Pacing.describe(options.pauseBetweenRequests(), options.maxBytesPerSecond())
                    : null;
        }
    }

    /** {@code airgap run --json}. */
    record RunsDocument(List<Run> runs, int failed) {
    }

    /** {@code airgap check --json}: one line per job, and how many did not pass. */
    record CheckDocument(List<CheckLine> jobs, int unreachable) {
    }

    /**
     * One job's connection test. {@code problemKind}: a driver's problem kind (UNREACHABLE, TIMEOUT, …),
     * CANCELLED, or CANNOT_RUN when the job cannot run here; absent when reachable.
     */
    record CheckLine(String id, String name, boolean reachable, DeviceIdentity identity, long tookMillis,
            String problemKind, String problem) {

        static CheckLine of(ConnectionResult result) {
            return new CheckLine(result.jobId(), result.jobName(), result.reachable(), result.identity(),
                    result.took().toMillis(), result.problemKind(), result.problem());
        }
    }

    /** {@code airgap check --offline --json}: every job, the device networks, how many jobs cannot run here. */
    record PreflightDocument(List<JobReadiness> jobs, List<DeviceNetwork> networks, int cannotRun) {
    }

    /** {@code airgap status --json}. */
    record StatusDocument(String workspace, String user, String role, boolean online, String server, Instant started,
            Instant lastActivity, Instant idleEndsAt, Instant absoluteEndsAt, long idleSecondsLeft,
            long absoluteSecondsLeft, int pendingUploadCount, List<Run> pendingUploads,
            Map<String, String> unreadablePendingUploads) {
    }

    /** {@code airgap verify --json}. */
    record VerifyDocument(String workspace, boolean ok, ContentStore.VerifyReport store, AuditVerification audit,
            int prunedSnapshots, List<String> problems) {
    }

    /** {@code airgap sync --json} and {@code airgap upload --json} (no pull then). */
    record SyncDocument(PullReport pull, String pullError, PushReport push, String pushError) {
    }

    /** {@code airgap logout --json}. */
    record LogoutDocument(String user, boolean loggedOut) {
    }

    static void json(PrintStream out, Object document) {
        out.println(ProtocolJson.write(document));
    }

    static String time(Instant instant) {
        return instant == null ? "-" : LOCAL_TIME.format(instant);
    }

    static String label(CompareResult result) {
        return result == null ? "-" : result.label();
    }

    /** "1 h 59 min", "4 min 10 s", "0 s" for a time that has passed. */
    static String left(Duration duration) {
        if (duration.isNegative() || duration.isZero()) {
            return "0 s";
        }
        long hours = duration.toHours();
        if (hours > 0) {
            return hours + " h " + duration.toMinutesPart() + " min";
        }
        long minutes = duration.toMinutes();
        return minutes > 0 ? minutes + " min " + duration.toSecondsPart() + " s" : duration.toSeconds() + " s";
    }

    /** How long a run took: "850 ms", "12 s", "3 min 5 s". */
    static String took(Duration duration) {
        return duration.toMillis() < 1_000 ? duration.toMillis() + " ms" : left(duration);
    }

    /** Prints rows as columns padded to the widest cell; the first row is the header. */
    static void table(PrintStream out, List<List<String>> rows) {
        List<Integer> widths = new ArrayList<>();
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                int length = row.get(i).length();
                if (i == widths.size()) {
                    widths.add(length);
                } else if (length > widths.get(i)) {
                    widths.set(i, length);
                }
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.size(); i++) {
                line.append(row.get(i));
                if (i < row.size() - 1) {
                    line.append(" ".repeat(widths.get(i) - row.get(i).length() + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
