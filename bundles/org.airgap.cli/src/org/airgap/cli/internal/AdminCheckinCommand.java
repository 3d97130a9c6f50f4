package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.OK;

import java.io.IOException;

import org.airgap.protocol.AdminVersion;
import org.airgap.protocol.Api;
import org.airgap.protocol.CommentRequest;
import org.airgap.session.http.ServerClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code airgap admin checkin RUN --comment TEXT}: makes an uploaded run's backup its component's next
 * version by hand (for jobs that do not create versions automatically). The server refuses a run that is a
 * version already, whose backup is gone or older than the latest version's, naming why.
 */
@Command(name = "checkin", description = "Make an uploaded run's backup the component's next version, with a comment.")
final class AdminCheckinCommand extends AdminSubcommand {

    @Parameters(paramLabel = "RUN", description = "the run's id (airgap admin runs lists them)")
    String runId;

    @Option(names = "--comment", paramLabel = "TEXT", required = true, description = "what the version is")
    String comment;

    @Override
    int run(CommandContext context, ServerClient server) throws IOException {
        AdminVersion version = server.postJson(Api.ADMIN_RUNS + "/" + AdminRunsCommand.segment(runId)
                + Api.CHECKIN_SUFFIX, new CommentRequest(comment), AdminVersion.class);
        if (context.json) {
            Output.json(context.out, version);
        } else {
            context.out.println("Run " + runId + " is version " + version.number() + " of " + version.componentId()
                    + " now: " + version.comment());
        }
        return OK;
    }
}
