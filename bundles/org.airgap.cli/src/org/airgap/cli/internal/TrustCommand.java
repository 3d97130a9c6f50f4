package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.FAILED;
import static org.airgap.cli.internal.CommandLineApplication.OK;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.airgap.update.TrustedKeys;
import org.airgap.update.UpdateResult;
import org.airgap.update.UpdateResult.Outcome;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "trust", description = { "The keys whose signed updates and drivers this installation installs: "
        + "'trust list' shows them, 'trust add KEYFILE' adds a publisher's public key (run by an administrator)." })
final class TrustCommand extends Subcommand {

    @Parameters(paramLabel = "list | add KEYFILE", arity = "0..*")
    List<String> arguments = new ArrayList<>();

    @Override
    public Integer call() throws CommandException {
        boolean list = arguments.equals(List.of("list"));
        boolean add = arguments.size() == 2 && arguments.get(0).equals("add");
        if (!list && !add) {
            throw CommandException.usage("trust needs 'list' or 'add KEYFILE', for example: airgap trust add "
                    + "/media/usb/vendor-public-key.asc");
        }
        PrintStream out = airgap.console().out();
        try (Services services = new Services()) {
            TrustedKeys keys = services.find(TrustedKeys.class, Services.WAIT);
            if (keys == null) {
                throw CommandException.failed("the update service did not start; reinstall Airgap from its product "
                        + "archive.");
            }
            return list ? list(keys, out) : add(keys, Path.of(arguments.get(1)).toAbsolutePath(), out);
        }
    }

    private static Integer list(TrustedKeys keys, PrintStream out) throws CommandException {
        try {
            List<String> trusted = keys.list();
            out.println("Trusted keys (" + keys.location() + "):");
            trusted.forEach(key -> out.println("  " + key));
            if (trusted.isEmpty()) {
                out.println("  none: no signed update or driver can be installed");
            }
            return OK;
        } catch (IOException e) {
            throw CommandException.failed(keys.location() + " cannot be read: " + e.getMessage());
        }
    }

    private Integer add(TrustedKeys keys, Path keyFile, PrintStream out) throws CommandException {
        if (!Files.isReadable(keyFile)) {
            throw CommandException.failed("the key file " + keyFile + " cannot be read.");
        }
        UpdateResult result = keys.add(keyFile);
        UpdateCommand.refuseIfNotPermitted(result);
        result.changes().forEach(change -> out.println("  " + change));
        (result.outcome() == Outcome.FAILED ? airgap.console().err() : out).println(result.message());
        return result.outcome() == Outcome.FAILED ? FAILED : OK;
    }
}
