package org.airgap.client.admin.runs.internal;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.airgap.model.CompareResult;
import org.airgap.protocol.AdminRun;

/** How the Runs view words a run's values (times in the workbench's time zone). */
final class RunTexts {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private RunTexts() {
    }

    static String time(Instant time) {
        return time == null ? "-" : TIME.format(time);
    }

    static String result(CompareResult result) {
        return result == null ? "-" : result.label();
    }

    /** The version the run became, "refused" when its automatic version was refused, else "-". */
    static String version(AdminRun run) {
        return run.version() != null ? Integer.toString(run.version()) : run.versionRefusal() != null ? "refused" : "-";
    }

    /** The laptop's clock against the server's, in words. */
    static String skew(Long seconds) {
        if (seconds == null) {
            return "offset not known";
        }
        return seconds == 0 ? "on time" : Math.abs(seconds) + " s " + (seconds > 0 ? "fast" : "slow");
    }

    static String attempts(int attempts) {
        return attempts + (attempts == 1 ? " attempt" : " attempts");
    }
}
