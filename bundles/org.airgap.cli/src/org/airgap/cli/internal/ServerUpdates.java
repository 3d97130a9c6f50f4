package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.FAILED;
import static org.airgap.cli.internal.CommandLineApplication.NOT_LOGGED_IN;
import static org.airgap.cli.internal.CommandLineApplication.NOT_PERMITTED;
import static org.airgap.cli.internal.CommandLineApplication.OK;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

import org.airgap.protocol.Api;
import org.airgap.protocol.PublishedUpdates;
import org.airgap.protocol.Role;
import org.airgap.session.ClientSession;
import org.airgap.session.http.ServerClient;
import org.airgap.update.ServerUpdateOffer;
import org.airgap.update.SoftwareUpdates;
import org.airgap.update.UpdateResult;
import org.airgap.update.UpdateResult.Outcome;

/**
 * Client updates published on the server (docs/installing.md): the notice {@code airgap login} prints when
 * the server offers newer features than this installation has, and {@code airgap update --from-server}, which
 * copies the server's p2 repository into a temporary folder over the session's connection and updates from
 * there.
 */
final class ServerUpdates {

    static final String COMMAND = "airgap update --from-server";
    /** How long the login waits for the update service: the notice is not worth a slow login. */
    private static final Duration SERVICE_WAIT = Duration.ofSeconds(5);

    private ServerUpdates() {
    }

    /** The installed features the server has newer, as "id old → new"; empty when there are none. */
    static List<String> newer(PublishedUpdates published, SoftwareUpdates updates) {
        return ServerUpdateOffer.newer(updates.installedFeatures(), published);
    }

    /**
     * After an online login: tells what the server offers that is newer, and who may install it. A failure
     * to ask is only mentioned: the login itself succeeded.
     */
    static void printNotice(CommandContext context, ClientSession session) {
        SoftwareUpdates updates = context.services.find(SoftwareUpdates.class, SERVICE_WAIT);
        if (updates == null || !session.online()) {
            return;
        }
        List<String> changes;
        try {
            changes = newer(ServerClient.forSession(session).getJson(Api.UPDATES, PublishedUpdates.class), updates);
        } catch (IOException e) {
            context.out.println("Could not ask the server for client updates: " + e.getMessage());
            return;
        }
        if (changes.isEmpty()) {
            return;
        }
        context.out.println("The server offers newer Airgap features:");
        changes.forEach(change -> context.out.println("  " + change));
        context.out.println(session.role() == Role.ADMIN ? "Install them with: " + COMMAND + " (then restart Airgap)."
                : "Ask an administrator to install them on this computer (" + COMMAND + ").");
    }

    /** {@code airgap update --from-server [--check]}. */
    static int update(CommandContext context, SoftwareUpdates updates, boolean checkOnly)
            throws CommandException, IOException {
        ClientSession session = context.session();
        if (!session.online()) {
            throw new CommandException(NOT_LOGGED_IN, "--from-server needs an online login at the server (airgap"
                    + " login --server URL --user NAME); user " + session.user() + " is logged in offline");
        }
        if (!checkOnly && session.role() != Role.ADMIN) {
            throw new CommandException(NOT_PERMITTED, "updates from the server are installed by an administrator:"
                    + " user " + session.user() + " is a technician; ask an administrator to log in and run "
                    + COMMAND + " on this computer");
        }
        if (!checkOnly) {
            java.util.Optional<UpdateResult> refusal = updates.updateRefusal();
            if (refusal.isPresent()) {
                UpdateCommand.refuseIfNotPermitted(refusal.get());
            }
        }
        PrintStream out = context.out;
        ServerClient server = ServerClient.forSession(session);
        PublishedUpdates published = server.getJson(Api.UPDATES, PublishedUpdates.class);
        if (!published.published()) {
            out.println("The server at " + session.server() + " offers no client updates.");
            return OK;
        }
        List<String> changes = newer(published, updates);
        out.println("Updates published on " + session.server() + " by " + published.publishedBy() + " at "
                + Output.time(published.publishedAt()) + ":");
        if (changes.isEmpty()) {
            out.println("Airgap is up to date with them.");
            return OK;
        }
        changes.forEach(change -> out.println("  " + change));
        if (checkOnly) {
            out.println(session.role() == Role.ADMIN ? "Install them with: " + COMMAND
                    : "Ask an administrator to install them (" + COMMAND + ").");
            return OK;
        }
        out.println("Copying the server's update repository (" + published.files().size() + " files, "
                + AdminGcCommand.bytes(published.bytes()) + ") ...");
        UpdateResult result = ServerUpdateOffer.install(published, path -> server.getStream(Api.UPDATES_P2 + path),
                updates, new ConsoleProgress(out));
        UpdateCommand.refuseIfNotPermitted(result);
        (result.outcome() == Outcome.FAILED ? context.err : out).println(result.message());
        return result.outcome() == Outcome.FAILED || result.outcome() == Outcome.CANCELLED ? FAILED : OK;
    }
}
