package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.FAILED;
import static org.airgap.cli.internal.CommandLineApplication.NOT_LOGGED_IN;
import static org.airgap.cli.internal.CommandLineApplication.OK;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.airgap.model.Job;
import org.airgap.model.Run;
import org.airgap.model.RunMessage;
import org.airgap.model.RunOutcome;
import org.airgap.runner.JobRunner;
import org.airgap.session.ClientSession;
import org.airgap.session.SessionException;
import org.airgap.session.SessionService;
import org.airgap.workspace.JobRepository;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run", description = "Back the jobs' devices up now and compare; progress on stderr, results on "
        + "stdout.")
final class RunCommand extends WorkspaceCommand {

    @Option(names = "--all", description = "run every synced job")
    boolean all;

    @Parameters(paramLabel = "JOB", arity = "0..*", description = "the job ids (airgap jobs lists them)")
    List<String> jobIds = new ArrayList<>();

    @Override
    int run(CommandContext context) throws CommandException, IOException {
        Set<String> given = new LinkedHashSet<>(jobIds);
        if (all == !given.isEmpty()) {
            throw CommandException.usage(all ? "run: give job ids or --all, not both"
                    : "run needs job ids (airgap jobs lists them) or --all");
        }
        ClientSession session = context.session();
        JobRepository repository = context.repository();
        Map<String, Job> jobs = CommandContext.jobsById(repository.synced());
        CommandContext.requireSynced(given, jobs, repository);
        List<String> toRun = all ? new ArrayList<>(jobs.keySet()) : new ArrayList<>(given);
        if (toRun.isEmpty()) {
            throw CommandException.failed("no jobs to run in workspace " + repository.location()
                    + ": airgap sync gets the jobs assigned to " + session.user());
        }
        JobRunner runner = context.services.require(JobRunner.class, "job runner");
        SessionService sessions = context.services.require(SessionService.class, "session");
        try {
            // After server.ini [Client] offlineLoginDays without a sync, running jobs needs one.
            sessions.requireCurrentSync(session.user());
        } catch (SessionException e) {
            throw CommandException.failed("run refused: " + e.getMessage());
        }
        List<Run> runs = new ArrayList<>();
        for (String jobId : toRun) {
            if (sessions.current().isEmpty()) {
                // The absolute limit can pass during a long series: the rest waits for the next login.
                if (context.json) {
                    Output.json(context.out, new Output.RunsDocument(runs, failedCount(runs)));
                }
                throw new CommandException(NOT_LOGGED_IN, "the session ended after " + runs.size() + " of "
                        + toRun.size() + " runs; not run: " + String.join(", ", toRun.subList(runs.size(),
                                toRun.size())) + ". " + CommandContext.LOGIN_HINT);
            }
            context.err.println(jobId + ": running " + jobs.get(jobId).name());
            Run run = runner.run(jobId, session.user(), new RunProgress(context.err, jobId));
            sessions.touch();
            runs.add(run);
            if (!context.json) {
                print(context.out, run, jobs.get(jobId));
            }
        }
        int failed = failedCount(runs);
        if (context.json) {
            Output.json(context.out, new Output.RunsDocument(runs, failed));
        }
        if (failed > 0) {
            context.err.println("airgap: " + failed + " of " + runs.size() + " runs did not succeed; their messages "
                    + "say why. Fix the cause and run the jobs again (failed runs are uploaded too).");
            return FAILED;
        }
        return OK;
    }

    private static int failedCount(List<Run> runs) {
        return (int) runs.stream().filter(run -> run.outcome() != RunOutcome.SUCCEEDED).count();
    }

    private static void print(PrintStream out, Run run, Job job) {
        Duration took = run.end() == null ? Duration.ZERO : Duration.between(run.start(), run.end());
        out.println(run.jobId() + " (" + job.name() + "): " + run.outcome() + " in " + Output.took(took) + ", "
                + run.attempts() + (run.attempts() == 1 ? " attempt" : " attempts")
                + ", run " + run.id() + (run.snapshotId() == null ? "" : ", snapshot " + run.snapshotId()));
        out.println("  " + Output.SERVER_VERSION_LABEL + ": " + Output.label(run.serverVersionResult()));
        out.println("  " + Output.PREVIOUS_BACKUP_LABEL + ":   " + Output.label(run.previousBackupResult()));
        if (run.identityCheck() != null) {
            out.println("  Device:                     " + run.identityCheck().kind().label() + " — "
                    + run.identityCheck().describe());
        }
        if (run.outcome() != RunOutcome.SUCCEEDED) {
            run.messages().stream().filter(message -> message.level() != RunMessage.Level.INFO)
                    .forEach(message -> out.println("  " + message.level() + ": " + message.text()));
        }
    }
}
