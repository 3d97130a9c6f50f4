package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.FAILED;
import static org.airgap.cli.internal.CommandLineApplication.OK;

import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;

import org.airgap.update.SoftwareUpdates;
import org.airgap.update.UpdateResult;
import org.airgap.update.UpdateResult.Outcome;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "update", description = { "Install newer Airgap features from the update repositories (p2.inf), "
        + "or from --repository; --check only lists them." })
final class UpdateCommand extends Subcommand {

    @Option(names = "--repository", paramLabel = "URI", description = "a p2 repository: a URI or a local path")
    String repository;

    @Option(names = "--check", description = "only list what would change")
    boolean checkOnly;

    @Option(names = "--from-server", description = "update from the updates published on the server of the online"
            + " login (administrators)")
    boolean fromServer;

    @Override
    public Integer call() throws CommandException {
        if (fromServer) {
            return fromServer();
        }
        URI uri = repository == null ? null : repositoryUri(repository);
        PrintStream out = airgap.console().out();
        try (Services services = new Services()) {
            SoftwareUpdates updates = updateService(services);
            if (uri == null) {
                out.println("Update repositories: " + updates.repositories());
            } else {
                out.println("Update repository: " + uri);
            }
            UpdateResult result = checkOnly ? updates.check(uri, new ConsoleProgress(out))
                    : updates.update(uri, new ConsoleProgress(out));
            refuseIfNotPermitted(result);
            result.changes().forEach(change -> out.println("  " + change));
            (result.outcome() == Outcome.FAILED ? airgap.console().err() : out).println(result.message());
            return result.outcome() == Outcome.FAILED || result.outcome() == Outcome.CANCELLED ? FAILED : OK;
        }
    }

    private int fromServer() throws CommandException {
        if (repository != null) {
            throw CommandException.usage("update: --from-server and --repository name two sources; use one");
        }
        try (CommandContext context = airgap.context()) {
            return ServerUpdates.update(context, updateService(context.services), checkOnly);
        } catch (org.airgap.session.http.ServerCallException e) {
            throw e.reason().isPresent() ? new CommandException(CommandLineApplication.NOT_LOGGED_IN, e.getMessage()
                    + ". " + CommandContext.LOGIN_HINT) : CommandException.failed(e.getMessage());
        } catch (java.io.IOException e) {
            throw CommandException.failed(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    /** An account that may not change the installation gets its own exit code (docs/server.md). */
    static void refuseIfNotPermitted(UpdateResult result) throws CommandException {
        if (result.outcome() == Outcome.NOT_PERMITTED) {
            throw new CommandException(CommandLineApplication.NOT_PERMITTED, result.message());
        }
    }

    static SoftwareUpdates updateService(Services services) throws CommandException {
        SoftwareUpdates updates = services.find(SoftwareUpdates.class, Services.WAIT);
        if (updates == null) {
            throw CommandException.failed("the update service did not start; reinstall Airgap from its product "
                    + "archive.");
        }
        return updates;
    }

    static URI repositoryUri(String text) throws CommandException {
        try {
            return toUri(text);
        } catch (URISyntaxException e) {
            throw CommandException.usage("--repository: not a URI or path: " + e.getMessage());
        }
    }

    /** Accepts a URI with a scheme, or a local path (made absolute). */
    static URI toUri(String text) throws URISyntaxException {
        if (text.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*")) {
            return new URI(text);
        }
        return Path.of(text).toAbsolutePath().normalize().toUri();
    }
}
