package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.OK;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.airgap.cli.internal.Output.JobLine;
import org.airgap.session.ClientSession;
import org.airgap.session.SessionException;
import org.airgap.sync.SyncService;
import org.airgap.workspace.JobRepository;
import org.airgap.workspace.ServerJob;

import picocli.CommandLine.Command;

/** Formats the job repository's overview; with an online session it includes the server's job list. */
@Command(name = "jobs", description = { "List the jobs: state, last run, the last results, backup age warnings; "
        + "with an online login also the server's jobs not synced yet." })
final class JobsCommand extends WorkspaceCommand {

    @Override
    int run(CommandContext context) throws CommandException, IOException {
        ClientSession session = context.session();
        JobRepository repository = context.repository();
        List<ServerJob> serverJobs = List.of();
        boolean serverChecked = false;
        SyncService sync = session.online() ? context.services.find(SyncService.class, Services.WAIT) : null;
        if (session.online() && sync == null) {
            context.err.println("airgap: warning: jobs on the server not listed: the sync service did not start "
                    + "(the log says why)");
        } else if (session.online()) {
            try {
                serverJobs = sync.serverJobs(session).stream().map(job -> new ServerJob(job.id(), job.name(),
                        job.componentId(), job.componentName(), job.deviceType())).toList();
                serverChecked = true;
            } catch (SessionException e) {
                throw CommandContext.sessionProblem(e);
            } catch (IOException e) {
                context.err.println("airgap: warning: jobs on the server not listed: " + e.getMessage());
            }
        }
        List<JobLine> lines = repository.overview(serverJobs, Instant.now()).stream().map(JobLine::of).toList();
        PrintStream out = context.out;
        if (context.json) {
            Output.json(out, new Output.JobsDocument(repository.location().toString(), serverChecked, lines));
            return OK;
        }
        if (lines.isEmpty()) {
            out.println("No jobs in workspace " + repository.location() + ": airgap sync gets the jobs assigned to "
                    + session.user() + ".");
            return OK;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("ID", "NAME", "COMPONENT", "DEVICE TYPE", "STATE", "LAST RUN", Output.SERVER_VERSION_LABEL,
                Output.PREVIOUS_BACKUP_LABEL));
        for (JobLine line : lines) {
            rows.add(List.of(line.id(), line.name(), orDash(line.component()), orDash(line.deviceType()),
                    stateText(line), Output.time(line.lastRun()), Output.label(line.serverVersionResult()),
                    Output.label(line.previousBackupResult())));
        }
        Output.table(out, rows);
        lines.stream().filter(line -> line.ageWarning() != null)
                .forEach(line -> out.println("\u26a0 " + line.id() + ": " + line.ageWarning()));
        lines.stream().filter(line -> line.gentleMode() != null)
                .forEach(line -> out.println("Gentle mode for " + line.id() + ": " + line.gentleMode()));
        return OK;
    }

    private static String stateText(JobLine line) {
        String state = line.state().toLowerCase(Locale.ROOT).replace('_', ' ');
        if (line.deviceCheck() != null) {
            state += ", " + line.deviceCheck().label();
        }
        return line.uploadPending() ? state + " (upload pending)" : state;
    }

    private static String orDash(String text) {
        return text == null ? "-" : text;
    }
}
