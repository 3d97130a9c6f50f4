package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.OK;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.airgap.protocol.AdminVersion;
import org.airgap.protocol.Api;
import org.airgap.session.http.ServerClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code airgap admin versions COMPONENT}: the component's versions, newest first, with who made each, its
 * comment and the run it came from; {@code versions comment} changes a comment, {@code versions download}
 * saves a version's archive.
 */
@Command(name = "versions", description = "List a component's versions, newest first; 'versions comment' "
        + "changes a comment, 'versions download' saves an archive.",
        subcommands = { AdminVersionCommentCommand.class, AdminVersionDownloadCommand.class })
final class AdminVersionsCommand extends AdminSubcommand {

    /** A component's history, for {@code --json}. */
    record VersionsDocument(String componentId, List<AdminVersion> versions) {
    }

    @Parameters(paramLabel = "COMPONENT", arity = "0..1", description = "the component's id")
    String componentId;

    @Override
    int run(CommandContext context, ServerClient server) throws CommandException, IOException {
        if (componentId == null) {
            throw CommandException.usage("airgap admin versions needs a COMPONENT (or: comment, download)");
        }
        List<AdminVersion> versions = server.getJsonList(Api.ADMIN_VERSIONS + "/"
                + AdminRunsCommand.segment(componentId), AdminVersion.class);
        if (context.json) {
            Output.json(context.out, new VersionsDocument(componentId, versions));
            return OK;
        }
        if (versions.isEmpty()) {
            context.out.println("Component " + componentId + " has no versions yet.");
            return OK;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("VERSION", "TIME", "USER", "SOURCE RUN", "COMMENT"));
        for (AdminVersion version : versions) {
            rows.add(List.of(Integer.toString(version.number()), Output.time(version.time()), version.user(),
                    version.runId() == null ? "-" : version.runId(), version.comment().replace('\n', ' ')));
        }
        Output.table(context.out, rows);
        return OK;
    }
}
