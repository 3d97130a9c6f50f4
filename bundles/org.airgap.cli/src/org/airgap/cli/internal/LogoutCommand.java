package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.OK;

import java.io.IOException;

import org.airgap.session.ClientSession;
import org.airgap.session.SessionService;

import picocli.CommandLine.Command;

@Command(name = "logout", description = "End the session (runs and uploads stay).")
final class LogoutCommand extends WorkspaceCommand {

    @Override
    int run(CommandContext context) throws CommandException, IOException {
        ClientSession session = context.session();
        context.services.require(SessionService.class, "session").logout();
        if (context.json) {
            Output.json(context.out, new Output.LogoutDocument(session.user(), true));
        } else {
            context.out.println("Logged out " + session.user() + ". Runs and pending uploads stay in the workspace.");
        }
        return OK;
    }
}
