package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.OK;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import org.airgap.protocol.AdminImport;
import org.airgap.protocol.Api;
import org.airgap.protocol.ImportSummary;
import org.airgap.session.http.ServerClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code airgap admin import FILE [--prune] [--dry-run]}: the import file on the running server (the same
 * file as {@code airgap-server import}); {@code --prune} removes what the file no longer defines (archiving
 * what has runs or versions), {@code --dry-run} shows what would change and changes nothing.
 */
@Command(name = "import", description = { "Create and update the folders, components, jobs and assignments of an"
        + " import file on the running server.", "--prune also removes what the file does not define (components"
        + " with versions and jobs with runs are archived, not purged); --dry-run shows what would change." })
final class AdminImportCommand extends AdminSubcommand {

    @Parameters(paramLabel = "FILE", description = "the import file (JSON, docs/server.md)")
    Path file;

    @Option(names = "--prune", description = "remove what the file no longer defines")
    boolean prune;

    @Option(names = "--dry-run", description = "only show what the import would change")
    boolean dryRun;

    @Override
    int run(CommandContext context, ServerClient server) throws CommandException, IOException {
        AdminImport definitions = PlantCalls.file(file, AdminImport.class);
        String query = (prune ? "&prune=true" : "") + (dryRun ? "&dryRun=true" : "");
        ImportSummary summary = server.postJson(Api.ADMIN_IMPORT + query.replaceFirst("^&", "?"), definitions,
                ImportSummary.class, Duration.ofMinutes(10));
        if (context.json) {
            Output.json(context.out, summary);
            return OK;
        }
        summary.changes().forEach(change -> context.out.println((dryRun ? "would " : "") + change));
        context.out.println((dryRun ? "Dry run, nothing changed: would have " : "") + summary.created() + " created, "
                + summary.updated() + " updated, " + summary.unchanged() + " unchanged" + (prune ? ", "
                        + summary.removed() + " removed, " + summary.archived() + " archived" : ""));
        return OK;
    }
}
