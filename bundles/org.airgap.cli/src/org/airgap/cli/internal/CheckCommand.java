package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.FAILED;
import static org.airgap.cli.internal.CommandLineApplication.OK;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.airgap.driver.api.DeviceDriver;
import org.airgap.model.Job;
import org.airgap.runner.check.CheckService;
import org.airgap.runner.check.ConnectionResult;
import org.airgap.runner.check.Preflight;
import org.airgap.workspace.JobRepository;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "check", description = { "Test the connection of the jobs' devices (all synced jobs when none are "
        + "named): reachable, identity, time, problem; exit 1 when any is not reachable.",
        "With --offline, the pre-flight check without contacting any device: which jobs cannot run here and why, and "
                + "the device addresses and networks the laptop will need; exit 1 when any job cannot run." })
final class CheckCommand extends WorkspaceCommand {

    /** SCR registers the drivers as their bundles start: the first may need a moment. */
    static final Duration FIRST_DRIVER_WAIT = Duration.ofSeconds(5);

    @Option(names = "--offline", description = "the pre-flight check: contact no device")
    boolean offline;

    @Parameters(paramLabel = "JOB", arity = "0..*", description = "the job ids (airgap jobs lists them)")
    List<String> jobIds = new ArrayList<>();

    @Override
    int run(CommandContext context) throws CommandException, IOException {
        if (offline && !jobIds.isEmpty()) {
            throw CommandException.usage("check --offline checks every synced job: leave out the job ids");
        }
        context.session();
        JobRepository repository = context.repository();
        Map<String, Job> jobs = CommandContext.jobsById(repository.synced());
        Set<String> given = new LinkedHashSet<>(jobIds);
        CommandContext.requireSynced(given, jobs, repository);
        context.services.find(DeviceDriver.class, FIRST_DRIVER_WAIT);
        CheckService check = context.services.require(CheckService.class, "check");
        return offline ? preflight(context, check.preflight())
                : test(context, check, given.isEmpty() ? new ArrayList<>(jobs.keySet()) : new ArrayList<>(given));
    }

    private static int preflight(CommandContext context, Preflight preflight) {
        int blocked = preflight.blocked().size();
        if (context.json) {
            Output.json(context.out, new Output.PreflightDocument(preflight.jobs(), preflight.networks(), blocked));
        } else {
            PreflightText.table(context.out, preflight);
        }
        return blocked > 0 ? FAILED : OK;
    }

    private static int test(CommandContext context, CheckService check, List<String> ids) throws CommandException {
        if (ids.isEmpty()) {
            throw CommandException.failed("no jobs to check: airgap sync gets the jobs assigned to you");
        }
        List<ConnectionResult> results = check.testConnections(ids, new ConsoleProgress(context.err));
        int unreachable = (int) results.stream().filter(result -> !result.reachable()).count();
        if (context.json) {
            Output.json(context.out, new Output.CheckDocument(results.stream().map(Output.CheckLine::of).toList(),
                    unreachable));
        } else {
            print(context.out, results);
        }
        if (unreachable > 0) {
            context.err.println("airgap: " + unreachable + " of " + results.size() + " devices did not pass the "
                    + "connection test; the problem column says why.");
            return FAILED;
        }
        return OK;
    }

    private static void print(PrintStream out, List<ConnectionResult> results) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("JOB", "REACHABLE", "IDENTITY", "TIME", "PROBLEM"));
        for (ConnectionResult result : results) {
            rows.add(List.of(result.jobId(), result.reachable() ? "yes" : "no", result.identityText(),
                    Output.took(result.took()),
                    result.problemKind() == null ? "-" : result.problemKind() + ": " + result.problem()));
        }
        Output.table(out, rows);
    }
}
