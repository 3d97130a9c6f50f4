package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.OK;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.airgap.model.Job;
import org.airgap.model.Run;
import org.airgap.session.ClientSession;
import org.airgap.workspace.JobRepository;

import picocli.CommandLine.Command;

@Command(name = "status", description = "The session (user, server, time left) and the pending uploads.")
final class StatusCommand extends WorkspaceCommand {

    @Override
    int run(CommandContext context) throws CommandException, IOException {
        ClientSession session = context.session();
        JobRepository repository = context.repository();
        Output.StatusDocument status = document(context, session);
        PrintStream out = context.out;
        if (context.json) {
            Output.json(out, status);
            return OK;
        }
        out.println("Workspace:        " + repository.location());
        out.println("User:             " + session.user() + " (" + roleName(session) + ")");
        out.println("Session:          " + (session.online() ? "online, server " + session.server()
                : "offline (sync needs an online login)"));
        printLimits(out, session);
        Map<String, Job> jobs = CommandContext.jobsById(repository.synced());
        out.println("Pending uploads:  " + status.pendingUploadCount());
        for (Run run : status.pendingUploads()) {
            Job job = jobs.get(run.jobId());
            out.println("  " + run.id() + "  " + run.jobId() + (job == null ? "" : " (" + job.name() + ")") + "  "
                    + Output.time(run.end()) + "  " + run.outcome());
            Optional<String> refusal = repository.uploadRefusal(run.id());
            if (refusal.isPresent()) {
                out.println("    refused by the server at the last upload: " + refusal.get());
            }
        }
        if (!status.unreadablePendingUploads().isEmpty()) {
            out.println("Unreadable runs waiting for upload (not sent): " + status.unreadablePendingUploads().size());
            status.unreadablePendingUploads().values().forEach(reason -> out.println("  " + reason));
        }
        return OK;
    }

    /** {@code status --json}, also printed by {@code login --json}. */
    static Output.StatusDocument document(CommandContext context, ClientSession session)
            throws CommandException, IOException {
        JobRepository repository = context.repository();
        Instant now = Instant.now();
        List<Run> pending = repository.pendingUploads();
        return new Output.StatusDocument(repository.location().toString(), session.user(), roleName(session),
                session.online(), session.server() == null ? null : session.server().toString(), session.started(),
                session.lastActivity(), session.idleEndsAt(), session.absoluteEndsAt(),
                Math.max(0, Duration.between(now, session.idleEndsAt()).toSeconds()),
                Math.max(0, Duration.between(now, session.absoluteEndsAt()).toSeconds()), pending.size(), pending,
                repository.unreadableRuns(true));
    }

    static void printLimits(PrintStream out, ClientSession session) {
        Instant now = Instant.now();
        out.println("Idle limit:       " + Output.left(Duration.between(now, session.idleEndsAt())) + " left (ends "
                + Output.time(session.idleEndsAt()) + " without activity; " + Output.left(session.idleLimit())
                + " after the last command)");
        out.println("Absolute limit:   " + Output.left(Duration.between(now, session.absoluteEndsAt()))
                + " left (ends " + Output.time(session.absoluteEndsAt()) + " in any case)");
    }

    static String roleName(ClientSession session) {
        return session.role().name().toLowerCase(Locale.ROOT);
    }
}
