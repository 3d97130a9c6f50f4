package org.airgap.cli.internal;

import java.io.IOException;

import org.airgap.session.SessionException;

/**
 * A command on the workspace and the session: it runs with a {@link CommandContext} of its own, and a
 * session problem or an I/O failure ends it with the matching exit code and message.
 */
abstract class WorkspaceCommand extends Subcommand {

    @Override
    public final Integer call() throws CommandException {
        try (CommandContext context = airgap.context()) {
            return run(context);
        } catch (SessionException e) {
            throw CommandContext.sessionProblem(e);
        } catch (IOException e) {
            throw CommandException.failed(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    abstract int run(CommandContext context) throws CommandException, IOException;
}
