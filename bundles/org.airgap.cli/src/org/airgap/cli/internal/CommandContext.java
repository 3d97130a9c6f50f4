package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.NOT_LOGGED_IN;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.airgap.model.Job;
import org.airgap.session.ClientSession;
import org.airgap.session.SessionException;
import org.airgap.session.SessionService;
import org.airgap.sync.RemovedJob;
import org.airgap.workspace.JobRepository;
import org.airgap.workspace.SyncedData;
import org.airgap.workspace.Workspace;
import org.osgi.framework.FrameworkUtil;

/**
 * What a command on the workspace works with: the streams, {@code --json}, and the OSGi services, held
 * until the command ends. The workspace folder of {@code --workspace} is set as the property
 * {@value JobRepository#WORKSPACE_PROPERTY} before the first service is got (the job repository reads it
 * when DS activates it) and restored on {@link #close()}.
 */
final class CommandContext implements AutoCloseable {

    static final String LOGIN_HINT = "To log in: airgap login --server URL --user NAME (password on stdin), "
            + "or airgap login --offline --user NAME at the plant.";

    final InputStream in;
    final PrintStream out;
    final PrintStream err;
    /** Where questions are asked; {@code null} when not on a terminal. */
    final Terminal terminal;
    final boolean json;
    final Services services = new Services();
    private final Path workspace;
    private final String previousWorkspaceProperty;
    private boolean recoveryNotesShown;
    /** The session service once {@link #session()} was asked: the command's end counts as activity too. */
    private SessionService usedSessions;

    CommandContext(Console console, Path workspace, boolean json) {
        this.in = console.in();
        this.out = console.out();
        this.err = console.err();
        this.terminal = console.terminal();
        this.workspace = workspace;
        this.json = json;
        this.previousWorkspaceProperty = System.getProperty(JobRepository.WORKSPACE_PROPERTY);
        if (workspace != null) {
            System.setProperty(JobRepository.WORKSPACE_PROPERTY, workspace.toString());
        }
    }

    /**
     * The job repository on the workspace of this invocation. Activation fails when the workspace cannot
     * be opened (another process holds it): the reason is then found by opening it here.
     */
    JobRepository repository() throws CommandException {
        JobRepository repository = services.find(JobRepository.class, Services.WAIT);
        Path wanted = workspace != null ? workspace : environmentWorkspace();
        if (repository == null) {
            Path probable = wanted != null ? wanted : instanceAreaWorkspace();
            String reason = "the job repository did not start (the log says why)";
            if (probable != null) {
                try (Workspace opened = Workspace.open(probable)) {
                    // It opens here: the service failed for another reason.
                } catch (IOException | RuntimeException e) {
                    reason = "cannot open workspace " + probable + ": " + e.getMessage();
                }
            }
            throw CommandException.failed(reason + ". A workspace is used by one Airgap process at a time: close "
                    + "the workbench or the other airgap command on it, or choose another with --workspace DIR.");
        }
        if (wanted != null && !repository.location().equals(wanted.toAbsolutePath().normalize())) {
            throw CommandException.failed("this Airgap process has workspace " + repository.location()
                    + " open, not " + wanted + "; run the command in a process of its own.");
        }
        if (repository.encrypted() && !repository.unlocked()) {
            // The session service unlocks an encrypted workspace with the active session's key, if any.
            services.find(SessionService.class, Services.WAIT);
        }
        if (!recoveryNotesShown) {
            recoveryNotesShown = true;
            // What opening repaired after a crash (a run cut off, a torn audit line): the user should know.
            repository.recoveryNotes().forEach(note -> err.println("airgap: note: " + note));
        }
        return repository;
    }

    /** Where the repository opens without --workspace and AIRGAP_WORKSPACE (unless configured otherwise). */
    private static Path instanceAreaWorkspace() {
        String instanceArea = FrameworkUtil.getBundle(CommandContext.class).getBundleContext()
                .getProperty("osgi.instance.area");
        if (instanceArea == null || !instanceArea.startsWith("file:")) {
            return null;
        }
        return Path.of(URI.create(instanceArea.replace(" ", "%20"))).resolve("repository");
    }

    private static Path environmentWorkspace() {
        String value = System.getenv(JobRepository.WORKSPACE_ENVIRONMENT);
        return value == null || value.isBlank() ? null : Path.of(value.strip()).toAbsolutePath().normalize();
    }

    /** The current session, its activity recorded now; exit 3 without one. */
    ClientSession session() throws CommandException {
        repository();
        SessionService sessions = services.require(SessionService.class, "session");
        try {
            sessions.require();
        } catch (SessionException e) {
            throw sessionProblem(e);
        }
        sessions.touch();
        usedSessions = sessions;
        return sessions.current().orElseThrow(() -> new CommandException(NOT_LOGGED_IN,
                "the session ended just now — log in again. " + LOGIN_HINT));
    }

    static CommandException sessionProblem(SessionException e) {
        if (e.kind() == SessionException.Kind.NOT_LOGGED_IN) {
            String message = e.getMessage().contains("log in") ? e.getMessage() : e.getMessage() + " — log in first";
            return new CommandException(NOT_LOGGED_IN, message + ". " + LOGIN_HINT);
        }
        return CommandException.failed(e.getMessage());
    }

    /** A usage error naming the ids that are not synced jobs of the workspace (nothing has run yet). */
    static void requireSynced(Collection<String> jobIds, Map<String, Job> jobs, JobRepository repository)
            throws CommandException {
        List<String> unknown = jobIds.stream().filter(id -> !jobs.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            List<RemovedJob> removed = removedJobs(repository).stream().filter(job -> unknown.contains(job.jobId()))
                    .toList();
            if (!removed.isEmpty()) {
                throw CommandException.failed(removed.stream().map(RemovedJob::message)
                        .collect(java.util.stream.Collectors.joining("; ")) + " (at the sync of "
                        + Output.time(removed.get(0).removed()) + "; ask an administrator to assign it again)");
            }
            throw CommandException.usage("unknown job " + String.join(", ", unknown) + ": not in workspace "
                    + repository.location() + "; airgap jobs lists the synced jobs, airgap sync gets newly "
                    + "assigned ones");
        }
    }

    /** The jobs syncs removed from this laptop; none when their file cannot be read (the message is then plainer). */
    private static List<RemovedJob> removedJobs(JobRepository repository) {
        try {
            return RemovedJob.read(repository.location());
        } catch (IOException e) {
            return List.of();
        }
    }

    static Map<String, Job> jobsById(SyncedData synced) {
        Map<String, Job> jobs = new LinkedHashMap<>();
        synced.jobs().forEach(job -> jobs.put(job.id(), job));
        return jobs;
    }

    @Override
    public void close() {
        if (usedSessions != null) {
            // The technician was waiting for the command: the idle limit counts from its end, not its start.
            usedSessions.touch();
        }
        services.close();
        if (previousWorkspaceProperty == null) {
            System.clearProperty(JobRepository.WORKSPACE_PROPERTY);
        } else {
            System.setProperty(JobRepository.WORKSPACE_PROPERTY, previousWorkspaceProperty);
        }
    }
}
