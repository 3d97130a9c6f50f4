package org.airgap.cli.internal;

import java.nio.file.Path;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The global options and {@code --help}, mixed into every command so that they may stand before or after the command and
 * its arguments; whichever command picocli matches them on, they are kept on the {@link AirgapCommand}.
 */
final class GlobalOptions {

    static final String WORKSPACE_OPTION = "--workspace";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec mixee;

    @Option(names = { "-h", "--help" }, usageHelp = true, description = "print the usage of the command")
    boolean help;

    @Option(names = WORKSPACE_OPTION, paramLabel = "DIR", description = "the workspace folder (else "
            + "$AIRGAP_WORKSPACE, else the workbench's, ~/.airgap/workspace/repository)")
    void workspace(String folder) {
        if (folder.isBlank()) {
            throw new ParameterException(mixee.commandLine(), WORKSPACE_OPTION + " needs "
                    + UsageErrors.NEEDS.get(WORKSPACE_OPTION));
        }
        AirgapCommand airgap = (AirgapCommand) mixee.root().userObject();
        if (airgap.workspace() != null) {
            throw new ParameterException(mixee.commandLine(), WORKSPACE_OPTION + " is given twice");
        }
        airgap.workspace(Path.of(folder).toAbsolutePath().normalize());
    }

    @Option(names = "--json", description = "machine-readable JSON on stdout (jobs, run, status, sync, upload, "
            + "verify, login, logout)")
    void json(boolean json) {
        if (json) {
            ((AirgapCommand) mixee.root().userObject()).json(true);
        }
    }
}
