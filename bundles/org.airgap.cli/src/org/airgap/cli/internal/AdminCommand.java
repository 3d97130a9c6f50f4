package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.USAGE;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code airgap admin}: the administrator's commands, each a call of the running server's administration
 * API with the workspace's online session (docs/administration.md). Without a command it prints the usage.
 */
@Command(name = "admin", synopsisSubcommandLabel = "COMMAND [ARGS]",
        description = "Administer the running server (an online login as an administrator).",
        subcommands = { HelpCommand.class, AdminFoldersCommand.class, AdminComponentsCommand.class,
                AdminJobsCommand.class, AdminImportCommand.class, AdminUsersCommand.class,
                AdminAssignmentsCommand.class, AdminAssignmentsCommand.Assign.class,
                AdminAssignmentsCommand.Unassign.class, AdminRunsCommand.class, AdminVersionsCommand.class,
                AdminCheckinCommand.class, AdminCompareCommand.class, AdminOverviewCommand.class,
                AdminAuditCommand.class, AdminRetentionCommand.class, AdminGcCommand.class,
                AdminUpdatesCommand.class, AdminLaptopsCommand.class, AdminSessionsCommand.class })
final class AdminCommand extends Subcommand {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return USAGE;
    }
}
