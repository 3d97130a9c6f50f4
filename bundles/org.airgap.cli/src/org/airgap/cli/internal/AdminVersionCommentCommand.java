package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.OK;

import java.io.IOException;

import org.airgap.protocol.AdminVersion;
import org.airgap.protocol.Api;
import org.airgap.protocol.CommentRequest;
import org.airgap.session.http.ServerClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code airgap admin versions comment COMPONENT NUMBER TEXT}: replaces a version's comment (audited). */
@Command(name = "comment", description = "Replace a version's comment.")
final class AdminVersionCommentCommand extends AdminSubcommand {

    @Parameters(index = "0", paramLabel = "COMPONENT", description = "the component's id")
    String componentId;

    @Parameters(index = "1", paramLabel = "NUMBER", description = "the version's number")
    int number;

    @Parameters(index = "2", paramLabel = "TEXT", description = "the new comment")
    String comment;

    @Override
    int run(CommandContext context, ServerClient server) throws IOException {
        AdminVersion version = server.postJson(Api.ADMIN_VERSIONS + "/" + AdminRunsCommand.segment(componentId) + "/"
                + number + "/comment", new CommentRequest(comment), AdminVersion.class);
        if (context.json) {
            Output.json(context.out, version);
        } else {
            context.out.println("Version " + version.number() + " of " + version.componentId() + ": "
                    + version.comment());
        }
        return OK;
    }
}
