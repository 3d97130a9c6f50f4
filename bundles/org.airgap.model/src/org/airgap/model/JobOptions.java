package org.airgap.model;

import java.time.Duration;
import java.util.List;

/**
 * How a job runs and what its backup covers.
 *
 * @param maxAttempts               how often the backup is tried before the run fails, at least 1
 * @param pauseBetweenAttempts      wait before the next attempt, not negative
 * @param warnIfBackupOlderThan     warn when the newest backup of the component is older than this;
 *                                  {@code null} never warns
 * @param createVersionAutomatically whether a successful backup that differs from the server version
 *                                  becomes a new version without asking
 * @param includes                  globs of the snapshot paths to back up; empty means all
 * @param excludes                  globs of snapshot paths left out, applied after {@code includes}
 * @param ignoreRules               what the compare leaves out
 */
public record JobOptions(int maxAttempts, Duration pauseBetweenAttempts, Duration warnIfBackupOlderThan,
        boolean createVersionAutomatically, List<String> includes, List<String> excludes,
        List<IgnoreRule> ignoreRules) {

    public JobOptions {
        if (maxAttempts < 1) {
            throw Check.invalid("JobOptions.maxAttempts", "must be at least 1, was " + maxAttempts);
        }
        Check.notNegative(pauseBetweenAttempts, "JobOptions.pauseBetweenAttempts");
        if (warnIfBackupOlderThan != null && (warnIfBackupOlderThan.isNegative() || warnIfBackupOlderThan.isZero())) {
            throw Check.invalid("JobOptions.warnIfBackupOlderThan", "must be positive or absent, was "
                    + warnIfBackupOlderThan);
        }
        includes = Check.globs(includes, "JobOptions.includes");
        excludes = Check.globs(excludes, "JobOptions.excludes");
        ignoreRules = Check.list(ignoreRules, "JobOptions.ignoreRules");
    }

    /** One attempt, no age warning, no automatic version, everything included, nothing ignored. */
    public static JobOptions defaults() {
        return new JobOptions(1, Duration.ZERO, null, false, List.of(), List.of(), List.of());
    }
}
