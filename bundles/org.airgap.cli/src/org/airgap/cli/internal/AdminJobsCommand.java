package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.OK;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.airgap.model.Job;
import org.airgap.model.JobOptions;
import org.airgap.protocol.Api;
import org.airgap.protocol.PlantJob;
import org.airgap.session.http.ServerClient;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code airgap admin jobs list|show|create|change|rename|delete|restore}: the backup jobs on the running
 * server. Options are set by their JSON names ({@code --option maxAttempts=3}, docs/formats.md "job"); a
 * new job takes the documented defaults for the rest, so it creates versions automatically unless told
 * {@code --option createVersionAutomatically=false}.
 */
@Command(name = "jobs", synopsisSubcommandLabel = "COMMAND", description = "The backup jobs of the plant.",
        subcommands = { HelpCommand.class, AdminJobsCommand.ListJobs.class, AdminJobsCommand.ShowJob.class,
                AdminJobsCommand.CreateJob.class, AdminJobsCommand.ChangeJob.class, AdminJobsCommand.RenameJob.class,
                AdminJobsCommand.DeleteJob.class, AdminJobsCommand.RestoreJob.class })
final class AdminJobsCommand extends AdminGroup {

    @Command(name = "list", description = "List the jobs with their components and technicians.")
    static final class ListJobs extends AdminSubcommand {
        @Option(names = "--archived", description = "list the archived ones (and those of archived components) too")
        boolean archived;

        @Override
        int run(CommandContext context, ServerClient server) throws IOException {
            List<PlantJob> jobs = server.getJsonList(Api.ADMIN_JOBS + (archived ? "?archived=true" : ""), PlantJob.class);
            if (context.json) {
                Output.json(context.out, jobs);
                return OK;
            }
            List<List<String>> rows = new ArrayList<>();
            rows.add(List.of("ID", "NAME", "COMPONENT", "FOLDER", "RUNS", "ASSIGNED TO", "ARCHIVED"));
            for (PlantJob entry : jobs) {
                rows.add(List.of(entry.job().id(), entry.job().name(), entry.job().componentId(), entry.folderId(),
                        String.valueOf(entry.runs()), entry.assignedTo().isEmpty() ? "-"
                                : String.join(", ", entry.assignedTo()), Output.time(entry.archived())));
            }
            Output.table(context.out, rows);
            return OK;
        }
    }

    @Command(name = "show", description = "Show one job with its parameters and options.")
    static final class ShowJob extends AdminSubcommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        int run(CommandContext context, ServerClient server) throws IOException {
            PlantJob entry = server.getJson(PlantCalls.item(Api.ADMIN_JOBS, id), PlantJob.class);
            Job job = entry.job();
            JobOptions o = job.options();
            PlantCalls.print(context, entry, "Job", job.id(), "Name", job.name(), "Component", job.componentId()
                    + " (folder " + entry.folderId() + ")", "Parameters", job.parameters().isEmpty() ? "-"
                            : job.parameters().toString(), "Attempts", o.maxAttempts() + ", " + o.pauseBetweenAttempts()
                                    + " apart", "Versions", o.createVersionAutomatically() ? "automatic" : "checked in by hand",
                    "Warn if older than", o.warnIfBackupOlderThan() == null ? "-" : o.warnIfBackupOlderThan().toString(),
                    "Includes", o.includes().toString(), "Excludes", o.excludes().toString(), "Ignore rules",
                    String.valueOf(o.ignoreRules().size()), "Runs", String.valueOf(entry.runs()), "Assigned to",
                    entry.assignedTo().isEmpty() ? "-" : String.join(", ", entry.assignedTo()), "Archived",
                    entry.archived() == null ? "no" : Output.time(entry.archived()));
            return OK;
        }
    }

    @Command(name = "create", description = "Create a job, from options or from --file (a job's JSON, as in an import file).",
            modelTransformer = DefinitionOptions.Wording.class)
    static final class CreateJob extends AdminSubcommand implements DefinitionOptions.Worded {
        @Parameters(paramLabel = "ID", arity = "0..1")
        String id;

        @Option(names = "--component", paramLabel = "COMPONENT")
        String component;

        @Option(names = "--name")
        String name;

        @Mixin
        DefinitionOptions definition;

        @Option(names = "--option", paramLabel = "NAME=VALUE", description = "a job option by its JSON name (repeatable)")
        List<String> options = new ArrayList<>();

        @Override
        public DefinitionOptions.Help help() {
            return new DefinitionOptions.Help("a driver parameter (repeatable)", null, "the whole job as JSON");
        }

        @Override
        int run(CommandContext context, ServerClient server) throws CommandException, IOException {
            Job job = definition.definition(Job.class, Map.of(),
                    driverParameters -> new Job(id, component, name, driverParameters, JobOptions.documentDefaults()));
            Job created = server.postJson(Api.ADMIN_JOBS, PlantCalls.withFields(job, Job.class, "options", options),
                    Job.class);
            PlantCalls.done(context, created, "Created job " + created.id() + " backing up component "
                    + created.componentId());
            return OK;
        }
    }

    @Command(name = "change", description = "Change a job's name, driver parameters or options.",
            modelTransformer = DefinitionOptions.Wording.class)
    static final class ChangeJob extends AdminSubcommand implements DefinitionOptions.Worded {
        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--name")
        String name;

        @Mixin
        DefinitionOptions.Changing definition;

        @Option(names = "--option", paramLabel = "NAME=VALUE", description = "set a job option by its JSON name (repeatable)")
        List<String> options = new ArrayList<>();

        @Override
        public DefinitionOptions.Help help() {
            return new DefinitionOptions.Help("set a driver parameter (repeatable)",
                    "remove a driver parameter (repeatable)", "the whole changed job as JSON");
        }

        @Override
        int run(CommandContext context, ServerClient server) throws CommandException, IOException {
            String path = PlantCalls.item(Api.ADMIN_JOBS, id);
            Job stored = server.getJson(path, PlantJob.class).job();
            Job changed = definition.definition(Job.class, stored.parameters(),
                    driverParameters -> new Job(id, stored.componentId(), name != null ? name : stored.name(),
                            driverParameters, stored.options()));
            Job result = PlantCalls.put(server, path, PlantCalls.withFields(changed, Job.class, "options", options),
                    Job.class);
            PlantCalls.done(context, result, "Changed job " + result.id());
            return OK;
        }
    }

    @Command(name = "rename", description = "Give a job another name (its id stays).")
    static final class RenameJob extends AdminSubcommand {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Parameters(index = "1", paramLabel = "NAME")
        String name;

        @Override
        int run(CommandContext context, ServerClient server) throws CommandException, IOException {
            String path = PlantCalls.item(Api.ADMIN_JOBS, id);
            Job job = server.getJson(path, PlantJob.class).job();
            Job renamed = PlantCalls.put(server, path, PlantCalls.model(() -> new Job(id, job.componentId(), name,
                    job.parameters(), job.options())), Job.class);
            PlantCalls.done(context, renamed, "Renamed job " + renamed.id() + " to \"" + renamed.name() + "\"");
            return OK;
        }
    }

    @Command(name = "delete", description = "Delete a job without runs; one with runs is archived (its runs stay"
            + " readable, back with restore).")
    static final class DeleteJob extends AdminSubcommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        int run(CommandContext context, ServerClient server) throws IOException {
            PlantCalls.printDeletion(context, PlantCalls.delete(server, PlantCalls.item(Api.ADMIN_JOBS, id)));
            return OK;
        }
    }

    @Command(name = "restore", description = "Bring an archived job back, with its assignments.")
    static final class RestoreJob extends AdminSubcommand {
        @Parameters(paramLabel = "ID")
        String id;

        @Override
        int run(CommandContext context, ServerClient server) throws IOException {
            Job restored = server.postJson(PlantCalls.item(Api.ADMIN_JOBS, id) + Api.RESTORE_SUFFIX, null, Job.class);
            PlantCalls.done(context, restored, "Restored job " + restored.id());
            return OK;
        }
    }
}
