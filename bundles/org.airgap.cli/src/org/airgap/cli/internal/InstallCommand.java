package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.FAILED;
import static org.airgap.cli.internal.CommandLineApplication.OK;

import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.airgap.update.SoftwareUpdates;
import org.airgap.update.UpdateResult;
import org.airgap.update.UpdateResult.Outcome;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "install", description = "Install a feature (a vendor's driver) from a p2 repository.")
final class InstallCommand extends Subcommand {

    @Parameters(paramLabel = "FEATURE", arity = "0..*", description = "the feature id")
    List<String> features = new ArrayList<>();

    @Option(names = "--repository", paramLabel = "URI", description = "the p2 repository: a URI or a local path")
    String repository;

    @Override
    public Integer call() throws CommandException {
        if (features.size() != 1 || repository == null) {
            throw CommandException.usage("install needs a feature id and --repository URI, for example: airgap "
                    + "install com.example.airgap.driver.http.feature --repository /media/usb/vendor-repository");
        }
        URI uri = UpdateCommand.repositoryUri(repository);
        PrintStream out = airgap.console().out();
        try (Services services = new Services()) {
            SoftwareUpdates updates = UpdateCommand.updateService(services);
            UpdateResult result = updates.install(features.get(0), uri, new ConsoleProgress(out));
            UpdateCommand.refuseIfNotPermitted(result);
            result.changes().forEach(change -> out.println("  " + change));
            (result.outcome() == Outcome.UPDATED ? out : airgap.console().err()).println(result.message());
            return result.outcome() == Outcome.UPDATED ? OK : FAILED;
        }
    }
}
