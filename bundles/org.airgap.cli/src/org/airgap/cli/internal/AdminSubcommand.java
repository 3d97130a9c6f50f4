package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.NOT_LOGGED_IN;

import java.io.IOException;
import java.util.concurrent.Callable;

import org.airgap.session.ClientSession;
import org.airgap.session.SessionException;
import org.airgap.session.http.ServerCallException;
import org.airgap.session.http.ServerClient;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command under {@code airgap admin} (at any depth): it runs with the workspace's session, which must be
 * an online login, and calls the server with it. The server decides who may do what; its refusal (403
 * for a technician or outside an administrator's folders) is the command's message.
 */
abstract class AdminSubcommand implements Callable<Integer> {

    @Mixin
    GlobalOptions globals;

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() throws CommandException {
        AirgapCommand airgap = (AirgapCommand) spec.root().userObject();
        try (CommandContext context = airgap.context()) {
            ClientSession session = context.session();
            if (!session.online()) {
                throw new CommandException(NOT_LOGGED_IN, "airgap admin works on the running server: log in online"
                        + " as an administrator (airgap login --server URL --user NAME); user " + session.user()
                        + " is logged in offline");
            }
            return run(context, ServerClient.forSession(session));
        } catch (SessionException e) {
            throw CommandContext.sessionProblem(e);
        } catch (ServerCallException e) {
            throw e.reason().isPresent()
                    ? new CommandException(NOT_LOGGED_IN, e.getMessage() + ". " + CommandContext.LOGIN_HINT)
                    : CommandException.failed(e.getMessage());
        } catch (IOException e) {
            throw CommandException.failed(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** Does the command's work with the online session's {@code server}; returns the exit code. */
    abstract int run(CommandContext context, ServerClient server) throws CommandException, IOException;
}
