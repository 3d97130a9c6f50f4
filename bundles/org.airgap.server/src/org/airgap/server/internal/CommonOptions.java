package org.airgap.server.internal;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The options of every {@code airgap-server} command, mixed into each so that they may stand before or
 * after it: {@code --data} is kept on the {@link ServerCommand}, whichever command it was given to.
 */
final class CommonOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = { "-h", "--help" }, usageHelp = true, description = "print this text")
    boolean help;

    @Option(names = "--data", paramLabel = "DIR", description = "the server's data directory (default: "
            + "$" + ServerOptions.DATA_ENVIRONMENT + "); init creates it")
    void data(String directory) {
        root().data = directory;
    }

    ServerCommand root() {
        return (ServerCommand) mixee.root().userObject();
    }
}
