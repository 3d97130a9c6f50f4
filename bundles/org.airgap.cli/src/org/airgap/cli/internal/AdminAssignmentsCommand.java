package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.OK;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.airgap.protocol.Api;
import org.airgap.protocol.Assignment;
import org.airgap.protocol.AssignmentChange;
import org.airgap.session.http.ServerClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code airgap admin assignments [--job ID] [--user NAME]}, and with {@link Assign} and {@link Unassign}
 * {@code airgap admin assign|unassign JOB USER…}: which technicians run which jobs. A folder-scoped
 * administrator sees and changes the jobs of their folders.
 */
@Command(name = "assignments", description = "List which technicians are assigned to which jobs.")
final class AdminAssignmentsCommand extends AdminSubcommand {

    @Option(names = "--job", paramLabel = "JOB", description = "only this job")
    String job;

    @Option(names = "--user", paramLabel = "NAME", description = "only this technician")
    String user;

    @Override
    int run(CommandContext context, ServerClient server) throws IOException {
        StringBuilder query = new StringBuilder();
        if (job != null) {
            query.append("?job=").append(URLEncoder.encode(job, StandardCharsets.UTF_8));
        }
        if (user != null) {
            query.append(query.isEmpty() ? "?" : "&").append("user=").append(URLEncoder.encode(user, StandardCharsets.UTF_8));
        }
        List<Assignment> assignments = server.getJsonList(Api.ADMIN_ASSIGNMENTS + query, Assignment.class);
        if (context.json) {
            Output.json(context.out, assignments);
            return OK;
        }
        if (assignments.isEmpty()) {
            context.out.println("No assignments.");
            return OK;
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("JOB", "USER"));
        assignments.forEach(assignment -> rows.add(List.of(assignment.jobId(), assignment.user())));
        Output.table(context.out, rows);
        return OK;
    }

    /** {@code assign} and {@code unassign}: one job, its technicians, the endpoint that changes them. */
    abstract static class Change extends AdminSubcommand {
        @Parameters(index = "0", paramLabel = "JOB")
        String job;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "USER")
        List<String> users;

        abstract String path();

        @Override
        int run(CommandContext context, ServerClient server) throws IOException {
            return print(context, job, server.postJson(path(), new AssignmentChange(job, users), Assignment[].class));
        }
    }

    @Command(name = "assign", description = "Assign a job to technicians; it reaches their laptops at the next sync.")
    static final class Assign extends Change {
        @Override
        String path() {
            return Api.ADMIN_ASSIGNMENTS;
        }
    }

    @Command(name = "unassign", description = "Remove technicians from a job: their reads stop at once, the job"
            + " leaves their laptops at the next sync.")
    static final class Unassign extends Change {
        @Override
        String path() {
            return Api.ADMIN_UNASSIGN;
        }
    }

    /** The job's assignments after the change. */
    private static int print(CommandContext context, String job, Assignment[] assignments) {
        if (context.json) {
            Output.json(context.out, assignments);
            return OK;
        }
        List<String> users = new ArrayList<>();
        for (Assignment assignment : assignments) {
            users.add(assignment.user());
        }
        context.out.println("Job " + job + " is assigned to " + (users.isEmpty() ? "nobody" : String.join(", ", users))
                + ".");
        return OK;
    }
}
