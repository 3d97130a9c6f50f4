package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.OK;

import java.io.IOException;
import java.io.PrintStream;

import org.airgap.model.DeviceIdentity;
import org.airgap.model.Run;
import org.airgap.model.RunMessage;
import org.airgap.protocol.AdminRun;
import org.airgap.protocol.AdminRunDetail;
import org.airgap.protocol.Api;
import org.airgap.session.http.ServerClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code airgap admin runs show RUN}: one uploaded run with its results, attempts, clock skew, version and log. */
@Command(name = "show", description = "Print one uploaded run: results, attempts, clock skew, version, its log.")
final class AdminRunShowCommand extends AdminSubcommand {

    @Parameters(paramLabel = "RUN", description = "the run's id (airgap admin runs lists them)")
    String runId;

    @Override
    int run(CommandContext context, ServerClient server) throws IOException {
        AdminRunDetail detail = server.getJson(Api.ADMIN_RUNS + "/" + AdminRunsCommand.segment(runId),
                AdminRunDetail.class);
        if (context.json) {
            Output.json(context.out, detail);
        } else {
            print(context.out, detail);
        }
        return OK;
    }

    static void print(PrintStream out, AdminRunDetail detail) {
        AdminRun summary = detail.summary();
        Run run = detail.run();
        out.println("Run:          " + summary.id() + " (job " + summary.jobId() + ", component "
                + summary.componentId() + ")");
        out.println("Technician:   " + summary.user());
        out.println("Outcome:      " + summary.outcome() + " after " + summary.attempts()
                + (summary.attempts() == 1 ? " attempt" : " attempts"));
        out.println("Started:      " + Output.time(summary.start()) + ", ended " + Output.time(summary.end())
                + " (laptop's clock)");
        out.println("Backup time:  " + Output.time(summary.backupTime()) + " (server's clock; laptop's clock "
                + skew(summary.clockSkewSeconds()) + ")");
        out.println("Uploaded:     " + Output.time(summary.committed()));
        out.println("Snapshot:     " + (summary.snapshotId() == null ? "none" : summary.snapshotId()));
        if (!run.device().equals(DeviceIdentity.UNKNOWN)) {
            out.println("Device:       " + run.device());
        }
        out.println(Output.SERVER_VERSION_LABEL + ": " + Output.label(summary.serverVersionResult()));
        out.println(Output.PREVIOUS_BACKUP_LABEL + ":   " + Output.label(summary.previousBackupResult()));
        out.println("Version:      " + (summary.version() != null ? summary.version()
                : summary.versionRefusal() != null ? "none — " + summary.versionRefusal() : "none"));
        out.println("Log:");
        for (RunMessage message : run.messages()) {
            out.println("  " + Output.time(message.time()) + "  " + message.level() + "  " + message.text());
        }
    }

    private static String skew(Long seconds) {
        if (seconds == null) {
            return "offset not known";
        }
        return seconds == 0 ? "on time" : Math.abs(seconds) + " s " + (seconds > 0 ? "fast" : "slow");
    }
}
