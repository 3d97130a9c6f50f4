package org.airgap.cli.internal;

import static org.airgap.cli.internal.CommandLineApplication.FAILED;
import static org.airgap.cli.internal.CommandLineApplication.NOT_LOGGED_IN;
import static org.airgap.cli.internal.CommandLineApplication.OK;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.airgap.audit.AuditVerification;
import org.airgap.cli.internal.Output.JobLine;
import org.airgap.model.Job;
import org.airgap.model.Run;
import org.airgap.model.RunMessage;
import org.airgap.model.RunOutcome;
import org.airgap.runner.JobRunner;
import org.airgap.session.ClientSession;
import org.airgap.session.SessionException;
import org.airgap.session.SessionService;
import org.airgap.store.ContentStore;
import org.airgap.sync.PullReport;
import org.airgap.sync.PushReport;
import org.airgap.sync.RunUpload;
import org.airgap.sync.SyncService;
import org.airgap.workspace.JobRepository;
import org.airgap.workspace.ServerJob;
import org.airgap.workspace.SyncedData;
import org.airgap.workspace.Workspace;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.osgi.framework.FrameworkUtil;

/**
 * The commands on the local workspace and the session: login, logout, status, sync, upload, jobs, run,
 * verify. Each runs with its own {@link Services}; the workspace folder of {@code --workspace} is set as
 * the property {@value JobRepository#WORKSPACE_PROPERTY} before the first service is got (the job
 * repository reads it when DS activates it) and restored afterwards.
 */
final class WorkspaceCommands implements AutoCloseable {

    static final String LOGIN_HINT = "To log in: airgap login --server URL --user NAME (password on stdin), "
            + "or airgap login --offline --user NAME at the plant.";

    private final Invocation invocation;
    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Services services = new Services();
    private final String previousWorkspaceProperty;
    private boolean recoveryNotesShown;

    WorkspaceCommands(Invocation invocation, InputStream in, PrintStream out, PrintStream err) {
        this.invocation = invocation;
        this.in = in;
        this.out = out;
        this.err = err;
        this.previousWorkspaceProperty = System.getProperty(JobRepository.WORKSPACE_PROPERTY);
        if (invocation.workspace() != null) {
            System.setProperty(JobRepository.WORKSPACE_PROPERTY, invocation.workspace().toString());
        }
    }

    int execute() throws CommandException {
        List<String> args = invocation.arguments();
        try {
            return switch (invocation.command()) {
            case "login" -> login(args);
            case "logout" -> logout(args);
            case "status" -> status(args);
            case "sync" -> sync(args, true);
            case "upload" -> sync(args, false);
            case "jobs" -> jobs(args);
            case "run" -> run(args);
            case "verify" -> verify(args);
            default -> throw new IllegalArgumentException(invocation.command());
            };
        } catch (SessionException e) {
            throw sessionProblem(e);
        } catch (IOException e) {
            throw CommandException.failed(e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    static boolean handles(String command) {
        return Set.of("login", "logout", "status", "sync", "upload", "jobs", "run", "verify").contains(command);
    }

    // ---- login, logout, status

    private int login(List<String> args) throws CommandException, IOException {
        URI server = null;
        String user = null;
        boolean offline = false;
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
            case "--server" -> server = serverUri(value(args, i++, "--server", "a server URL, for example "
                    + "--server http://airgap.plant.local:8080"));
            case "--user" -> user = value(args, i++, "--user", "a user name, for example --user tech1");
            case "--offline" -> offline = true;
            default -> throw CommandException.usage("login: unknown argument '" + args.get(i) + "'");
            }
        }
        if (user == null) {
            throw CommandException.usage("login needs --user NAME");
        }
        if (offline == (server != null)) {
            throw CommandException.usage(offline ? "login: --offline logs in without a server; leave out --server"
                    : "login needs --server URL, or --offline for a login without the server");
        }
        repository();
        SessionService sessions = services.require(SessionService.class, "session");
        char[] password = readPassword();
        ClientSession session;
        try {
            session = offline ? sessions.loginOffline(user, password) : sessions.loginOnline(server, user, password);
        } catch (SessionException e) {
            throw CommandException.failed("login failed: " + e.getMessage());
        } finally {
            Arrays.fill(password, '\0');
        }
        if (invocation.json()) {
            Output.json(out, statusDocument(session));
        } else {
            out.println("Logged in as " + session.user() + " (" + roleName(session) + "), "
                    + (session.online() ? "online at " + session.server() : "offline") + ".");
            printLimits(session);
            if (session.online()) {
                out.println("Next: airgap sync (gets your jobs, uploads finished runs).");
            }
        }
        return OK;
    }

    private static URI serverUri(String text) throws CommandException {
        try {
            URI uri = new URI(text);
            if (!"http".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(uri.getScheme())
                    || uri.getHost() == null) {
                throw CommandException.usage("--server needs an http or https URL with a host, for example "
                        + "http://airgap.plant.local:8080; got '" + text + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw CommandException.usage("--server: not a URL: " + e.getMessage());
        }
    }

    /** The first line of stdin; without echo when stdin is the terminal. */
    private char[] readPassword() throws CommandException, IOException {
        Console console = System.console();
        if (in == System.in && console != null) {
            char[] password = console.readPassword("Password: ");
            if (password != null && password.length > 0) {
                return password;
            }
        } else {
            String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            if (line != null && !line.isEmpty()) {
                return line.toCharArray();
            }
        }
        throw CommandException.usage("login reads the password from the first line of stdin, and there was none; "
                + "for example: printf '%s\\n' \"$PASSWORD\" | airgap login ...");
    }

    private int logout(List<String> args) throws CommandException, IOException {
        noArguments("logout", args);
        ClientSession session = session();
        services.require(SessionService.class, "session").logout();
        if (invocation.json()) {
            Output.json(out, new Output.LogoutDocument(session.user(), true));
        } else {
            out.println("Logged out " + session.user() + ". Runs and pending uploads stay in the workspace.");
        }
        return OK;
    }

    private int status(List<String> args) throws CommandException, IOException {
        noArguments("status", args);
        ClientSession session = session();
        JobRepository repository = repository();
        Output.StatusDocument status = statusDocument(session);
        if (invocation.json()) {
            Output.json(out, status);
            return OK;
        }
        out.println("Workspace:        " + repository.location());
        out.println("User:             " + session.user() + " (" + roleName(session) + ")");
        out.println("Session:          " + (session.online() ? "online, server " + session.server()
                : "offline (sync needs an online login)"));
        printLimits(session);
        Map<String, Job> jobs = jobsById(repository.synced());
        out.println("Pending uploads:  " + status.pendingUploadCount());
        for (Run run : status.pendingUploads()) {
            Job job = jobs.get(run.jobId());
            out.println("  " + run.id() + "  " + run.jobId() + (job == null ? "" : " (" + job.name() + ")") + "  "
                    + Output.time(run.end()) + "  " + run.outcome());
        }
        return OK;
    }

    private Output.StatusDocument statusDocument(ClientSession session) throws CommandException, IOException {
        JobRepository repository = repository();
        Instant now = Instant.now();
        List<Run> pending = repository.pendingUploads();
        return new Output.StatusDocument(repository.location().toString(), session.user(), roleName(session),
                session.online(), session.server() == null ? null : session.server().toString(), session.started(),
                session.lastActivity(), session.idleEndsAt(), session.absoluteEndsAt(),
                Math.max(0, Duration.between(now, session.idleEndsAt()).toSeconds()),
                Math.max(0, Duration.between(now, session.absoluteEndsAt()).toSeconds()), pending.size(), pending);
    }

    private void printLimits(ClientSession session) {
        Instant now = Instant.now();
        out.println("Idle limit:       " + Output.left(Duration.between(now, session.idleEndsAt())) + " left (ends "
                + Output.time(session.idleEndsAt()) + " without activity; " + Output.left(session.idleLimit())
                + " after the last command)");
        out.println("Absolute limit:   " + Output.left(Duration.between(now, session.absoluteEndsAt()))
                + " left (ends " + Output.time(session.absoluteEndsAt()) + " in any case)");
    }

    private static String roleName(ClientSession session) {
        return session.role().name().toLowerCase(Locale.ROOT);
    }

    // ---- sync, upload

    private int sync(List<String> args, boolean pullFirst) throws CommandException, IOException {
        String command = pullFirst ? "sync" : "upload";
        noArguments(command, args);
        ClientSession session = session();
        if (!session.online()) {
            throw CommandException.failed(command + " needs the server, and " + session.user()
                    + " is logged in offline: connect to the plant network and log in with "
                    + "airgap login --server URL --user " + session.user());
        }
        SyncService sync = services.require(SyncService.class, "sync");
        PullReport pull = null;
        String pullError = null;
        if (pullFirst) {
            try {
                pull = sync.pull(session, new ConsoleProgress(err));
            } catch (SessionException e) {
                throw sessionProblem(e);
            } catch (IOException | OperationCanceledException e) {
                pullError = "pull failed: " + e.getMessage();
            }
        }
        PushReport push = null;
        String pushError = null;
        try {
            push = sync.push(session, new ConsoleProgress(err));
        } catch (SessionException e) {
            throw sessionProblem(e);
        } catch (IOException | OperationCanceledException e) {
            pushError = "upload failed: " + e.getMessage();
        }
        if (invocation.json()) {
            Output.json(out, new Output.SyncDocument(pull, pullError, push, pushError));
        } else {
            if (pull != null) {
                out.println("Pulled " + pull.jobs() + " jobs, " + pull.components() + " components, "
                        + pull.baselines() + " baselines; fetched " + pull.snapshotsFetched() + " snapshots ("
                        + pull.blobsFetched() + " blobs, " + pull.bytesFetched() + " bytes).");
            }
            if (push != null) {
                printPush(push);
            }
        }
        if (pullError != null || pushError != null) {
            String problems = String.join("; ", Stream.of(pullError, pushError).filter(Objects::nonNull).toList());
            throw CommandException.failed(problems + ". Nothing is lost: runs stay queued; run airgap " + command
                    + " again when the server is reachable.");
        }
        return OK;
    }

    private void printPush(PushReport push) {
        out.println("Uploaded " + push.runs().size() + " runs (" + push.blobsSent() + " blobs, " + push.bytesSent()
                + " bytes); " + push.versionsCreated() + " new versions; " + push.auditEntriesStored()
                + " new audit entries.");
        for (RunUpload upload : push.runs()) {
            out.println("  " + upload.runId() + "  " + upload.jobId() + "  " + Output.SERVER_VERSION_LABEL + ": "
                    + Output.label(upload.result().serverVersionResult()) + "  " + Output.PREVIOUS_BACKUP_LABEL + ": "
                    + Output.label(upload.result().previousBackupResult())
                    + (upload.result().versionCreated() && upload.result().version() != null
                            ? "  version " + upload.result().version().number() + " created" : ""));
        }
    }

    // ---- jobs

    private int jobs(List<String> args) throws CommandException, IOException {
        noArguments("jobs", args);
        ClientSession session = session();
        JobRepository repository = repository();
        List<ServerJob> serverJobs = List.of();
        boolean serverChecked = false;
        SyncService sync = session.online() ? services.find(SyncService.class, Services.WAIT) : null;
        if (session.online() && sync == null) {
            err.println("airgap: warning: jobs on the server not listed: the sync service did not start (the log "
                    + "says why)");
        } else if (session.online()) {
            try {
                serverJobs = sync.serverJobs(session).stream().map(job -> new ServerJob(job.id(), job.name(),
                        job.componentId(), job.componentName(), job.deviceType())).toList();
                serverChecked = true;
            } catch (SessionException e) {
                throw sessionProblem(e);
            } catch (IOException e) {
                err.println("airgap: warning: jobs on the server not listed: " + e.getMessage());
            }
        }
        List<JobLine> lines = repository.overview(serverJobs, Instant.now()).stream().map(JobLine::of).toList();
        if (invocation.json()) {
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
        return OK;
    }

    private static String stateText(JobLine line) {
        String state = line.state().toLowerCase(Locale.ROOT).replace('_', ' ');
        return line.uploadPending() ? state + " (upload pending)" : state;
    }

    private static String orDash(String text) {
        return text == null ? "-" : text;
    }

    // ---- run

    private int run(List<String> args) throws CommandException, IOException {
        boolean all = args.contains("--all");
        Set<String> jobIds = new LinkedHashSet<>(args);
        jobIds.remove("--all");
        Optional<String> option = jobIds.stream().filter(id -> id.startsWith("-")).findFirst();
        if (option.isPresent()) {
            throw CommandException.usage("run: unknown option '" + option.get() + "'");
        }
        if (all == !jobIds.isEmpty()) {
            throw CommandException.usage(all ? "run: give job ids or --all, not both"
                    : "run needs job ids (airgap jobs lists them) or --all");
        }
        ClientSession session = session();
        JobRepository repository = repository();
        Map<String, Job> jobs = jobsById(repository.synced());
        List<String> unknown = jobIds.stream().filter(id -> !jobs.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            throw CommandException.usage("unknown job " + String.join(", ", unknown) + ": not in workspace "
                    + repository.location() + "; airgap jobs lists the synced jobs, airgap sync gets newly "
                    + "assigned ones");
        }
        List<String> toRun = all ? new ArrayList<>(jobs.keySet()) : new ArrayList<>(jobIds);
        if (toRun.isEmpty()) {
            throw CommandException.failed("no jobs to run in workspace " + repository.location()
                    + ": airgap sync gets the jobs assigned to " + session.user());
        }
        JobRunner runner = services.require(JobRunner.class, "job runner");
        SessionService sessions = services.require(SessionService.class, "session");
        List<Run> runs = new ArrayList<>();
        for (String jobId : toRun) {
            if (sessions.current().isEmpty()) {
                // The absolute limit can pass during a long series: the rest waits for the next login.
                if (invocation.json()) {
                    Output.json(out, new Output.RunsDocument(runs, failedCount(runs)));
                }
                throw new CommandException(NOT_LOGGED_IN, "the session ended after " + runs.size() + " of "
                        + toRun.size() + " runs; not run: " + String.join(", ", toRun.subList(runs.size(),
                                toRun.size())) + ". " + LOGIN_HINT);
            }
            err.println(jobId + ": running " + jobs.get(jobId).name());
            Run run = runner.run(jobId, session.user(), new RunProgress(err, jobId));
            sessions.touch();
            runs.add(run);
            if (!invocation.json()) {
                printRun(run, jobs.get(jobId));
            }
        }
        int failed = failedCount(runs);
        if (invocation.json()) {
            Output.json(out, new Output.RunsDocument(runs, failed));
        }
        if (failed > 0) {
            err.println("airgap: " + failed + " of " + runs.size() + " runs did not succeed; their messages say why. "
                    + "Fix the cause and run the jobs again (failed runs are uploaded too).");
            return FAILED;
        }
        return OK;
    }

    private static int failedCount(List<Run> runs) {
        return (int) runs.stream().filter(run -> run.outcome() != RunOutcome.SUCCEEDED).count();
    }

    private void printRun(Run run, Job job) {
        Duration took = run.end() == null ? Duration.ZERO : Duration.between(run.start(), run.end());
        out.println(run.jobId() + " (" + job.name() + "): " + run.outcome() + " in " + Output.took(took) + ", "
                + run.attempts() + (run.attempts() == 1 ? " attempt" : " attempts")
                + ", run " + run.id() + (run.snapshotId() == null ? "" : ", snapshot " + run.snapshotId()));
        out.println("  " + Output.SERVER_VERSION_LABEL + ": " + Output.label(run.serverVersionResult()));
        out.println("  " + Output.PREVIOUS_BACKUP_LABEL + ":   " + Output.label(run.previousBackupResult()));
        if (run.outcome() != RunOutcome.SUCCEEDED) {
            run.messages().stream().filter(message -> message.level() != RunMessage.Level.INFO)
                    .forEach(message -> out.println("  " + message.level() + ": " + message.text()));
        }
    }

    // ---- verify

    private int verify(List<String> args) throws CommandException, IOException {
        noArguments("verify", args);
        session();
        JobRepository repository = repository();
        ContentStore.VerifyReport store = repository.store().verify(new NullProgressMonitor());
        AuditVerification audit = repository.audit().verify();
        List<String> problems = new ArrayList<>(store.problems());
        if (!audit.ok()) {
            problems.add(audit.summary());
        }
        if (invocation.json()) {
            Output.json(out, new Output.VerifyDocument(repository.location().toString(), problems.isEmpty(), store,
                    audit, problems));
        } else {
            out.println("Workspace " + repository.location());
            out.println("Store: " + store.manifests() + " manifests, " + store.blobs() + " blobs, "
                    + (store.ok() ? "all intact" : store.problems().size() + " problems"));
            store.problems().forEach(problem -> out.println("  " + problem));
            out.println("Audit: " + audit.summary());
        }
        if (!problems.isEmpty()) {
            err.println("airgap: verify found " + problems.size() + (problems.size() == 1 ? " problem" : " problems")
                    + " in " + repository.location() + ":");
            problems.forEach(problem -> err.println("  " + problem));
            err.println("Backups that use a damaged file cannot be trusted: run their jobs again, and keep this "
                    + "workspace folder for inspection.");
            return FAILED;
        }
        return OK;
    }

    // ---- shared

    /**
     * The job repository on the workspace of this invocation. Activation fails when the workspace cannot
     * be opened (another process holds it): the reason is then found by opening it here.
     */
    private JobRepository repository() throws CommandException {
        JobRepository repository = services.find(JobRepository.class, Services.WAIT);
        Path wanted = invocation.workspace() != null ? invocation.workspace() : environmentWorkspace();
        if (repository == null) {
            Path probable = wanted != null ? wanted : instanceAreaWorkspace();
            String reason = "the job repository did not start (the log says why)";
            if (probable != null) {
                try (Workspace workspace = Workspace.open(probable)) {
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
        if (!recoveryNotesShown) {
            recoveryNotesShown = true;
            // What opening repaired after a crash (a run cut off, a torn audit line): the user should know.
            repository.recoveryNotes().forEach(note -> err.println("airgap: note: " + note));
        }
        return repository;
    }

    /** Where the repository opens without --workspace and AIRGAP_WORKSPACE (unless configured otherwise). */
    private static Path instanceAreaWorkspace() {
        String instanceArea = FrameworkUtil.getBundle(WorkspaceCommands.class).getBundleContext()
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
    private ClientSession session() throws CommandException {
        repository();
        SessionService sessions = services.require(SessionService.class, "session");
        try {
            sessions.require();
        } catch (SessionException e) {
            throw sessionProblem(e);
        }
        sessions.touch();
        return sessions.current().orElseThrow(() -> new CommandException(NOT_LOGGED_IN,
                "the session ended just now — log in again. " + LOGIN_HINT));
    }

    private static CommandException sessionProblem(SessionException e) {
        if (e.kind() == SessionException.Kind.NOT_LOGGED_IN) {
            String message = e.getMessage().contains("log in") ? e.getMessage() : e.getMessage() + " — log in first";
            return new CommandException(NOT_LOGGED_IN, message + ". " + LOGIN_HINT);
        }
        return CommandException.failed(e.getMessage());
    }

    private static Map<String, Job> jobsById(SyncedData synced) {
        Map<String, Job> jobs = new LinkedHashMap<>();
        synced.jobs().forEach(job -> jobs.put(job.id(), job));
        return jobs;
    }

    private static String value(List<String> args, int index, String option, String what) throws CommandException {
        if (index + 1 >= args.size() || args.get(index + 1).startsWith("--")) {
            throw CommandException.usage(option + " needs " + what);
        }
        return args.get(index + 1);
    }

    private static void noArguments(String command, List<String> args) throws CommandException {
        if (!args.isEmpty()) {
            throw CommandException.usage(command + ": unknown arguments " + args);
        }
    }

    @Override
    public void close() {
        services.close();
        if (previousWorkspaceProperty == null) {
            System.clearProperty(JobRepository.WORKSPACE_PROPERTY);
        } else {
            System.setProperty(JobRepository.WORKSPACE_PROPERTY, previousWorkspaceProperty);
        }
    }
}
