package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.OK;

import java.io.IOException;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.airgap.protocol.Api;
import org.airgap.protocol.PublishedUpdates;
import org.airgap.session.http.ServerClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Parameters;

/**
 * {@code airgap admin updates publish|list|withdraw}: the client updates the running server offers to the
 * laptops (docs/administration.md, "Client updates from the server"); administrators of the whole plant.
 */
@Command(name = "updates", synopsisSubcommandLabel = "COMMAND",
        description = "The client updates the server offers to the laptops (a p2 repository).",
        subcommands = { HelpCommand.class, AdminUpdatesCommand.Publish.class, AdminUpdatesCommand.ListUpdates.class,
                AdminUpdatesCommand.Withdraw.class })
final class AdminUpdatesCommand extends AdminGroup {

    /** A repository zip of a few hundred MB over a slow plant network. */
    private static final Duration UPLOAD_TIMEOUT = Duration.ofHours(1);

    @Command(name = "publish", description = "Publish a p2 repository zip (the build's, or a vendor's you approved)"
            + " for the clients; it replaces the one published before.")
    static final class Publish extends AdminSubcommand {
        @Parameters(paramLabel = "REPO.zip", description = "the p2 repository as a zip")
        Path zip;

        @Override
        int run(CommandContext context, ServerClient server) throws CommandException, IOException {
            if (!Files.isRegularFile(zip)) {
                throw CommandException.usage("publish: " + zip + " is not a file; name the p2 repository zip");
            }
            PublishedUpdates published = server.json(server.send(server.request(Api.ADMIN_UPDATES)
                    .timeout(UPLOAD_TIMEOUT).header("Content-Type", "application/zip")
                    .PUT(BodyPublishers.ofFile(zip)).build(), BodyHandlers.ofString()), PublishedUpdates.class);
            if (context.json) {
                Output.json(context.out, published);
                return OK;
            }
            context.out.println("Published " + zip.getFileName() + " (" + published.files().size() + " files, "
                    + AdminGcCommand.bytes(published.bytes()) + "): the clients are offered");
            print(context, published);
            return OK;
        }
    }

    @Command(name = "list", description = "Show the published client updates.")
    static final class ListUpdates extends AdminSubcommand {
        @Override
        int run(CommandContext context, ServerClient server) throws IOException {
            PublishedUpdates published = server.getJson(Api.ADMIN_UPDATES, PublishedUpdates.class);
            if (context.json) {
                Output.json(context.out, published);
            } else if (!published.published()) {
                context.out.println("No client updates are published (airgap admin updates publish REPO.zip).");
            } else {
                context.out.println("Published by " + published.publishedBy() + " at "
                        + Output.time(published.publishedAt()) + " (" + published.files().size() + " files, "
                        + AdminGcCommand.bytes(published.bytes()) + ", zip SHA-256 " + published.sha256() + "):");
                print(context, published);
            }
            return OK;
        }
    }

    @Command(name = "withdraw", description = "Stop offering the published client updates.")
    static final class Withdraw extends AdminSubcommand {
        @Override
        int run(CommandContext context, ServerClient server) throws IOException {
            PublishedUpdates none = server.json(server.send(server.request(Api.ADMIN_UPDATES).DELETE().build(),
                    BodyHandlers.ofString()), PublishedUpdates.class);
            if (context.json) {
                Output.json(context.out, none);
            } else {
                context.out.println("Withdrawn: the server offers no client updates now.");
            }
            return OK;
        }
    }

    private static void print(CommandContext context, PublishedUpdates published) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("FEATURE", "VERSION", "NAME"));
        published.features().forEach(f -> rows.add(List.of(f.id(), f.version(), f.name())));
        Output.table(context.out, rows);
    }
}
