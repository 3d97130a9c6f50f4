package org.airgap.cli.internal;

import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.airgap.driver.api.DeviceDriver;
import org.airgap.driver.api.ParameterDescriptor;
import org.airgap.update.SoftwareUpdates;
import org.airgap.update.UpdateResult;
import org.airgap.update.UpdateResult.Outcome;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The headless {@code airgap} command: {@code bin/airgap [--workspace DIR] [--json] COMMAND [ARGS]}.
 * Exit codes (docs/server.md, "Command line"): 0 success, 1 the command failed, 2 wrong usage, 3 not
 * logged in or the session ended.
 */
public class CommandLineApplication implements IApplication {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int NOT_LOGGED_IN = 3;

    private static final String USAGE_TEXT = """
            Usage: airgap [--workspace DIR] [--json] [COMMAND [ARGS]]
              (no command)                    open the Airgap workbench
              login --server URL --user NAME  log in at the Airgap server; the password is the first
                                              line of stdin
              login --offline --user NAME     log in without the server (after a sync as NAME)
              sync                            get the assigned jobs from the server, then upload
                                              finished runs (needs an online login)
              upload                          only upload finished runs
              jobs                            list the jobs: state, last run, the last results; with an
                                              online login also the server's jobs not synced yet
              run JOB... | run --all          back the jobs' devices up now and compare
              status                          the session (user, server, time left) and pending uploads
              verify                          check the workspace's store and audit trail
              logout                          end the session (runs and uploads stay)
              version                         print the version and the running Airgap bundles
              update [--repository URI] [--check]
                                              install newer Airgap features from the update
                                              repositories (p2.inf), or from URI; --check only lists them
              install FEATURE --repository URI
                                              install a feature (a vendor's driver) from a p2 repository
              drivers                         list the installed device drivers and their parameters
              help                            print this text
            Global options, before or after the command:
              --workspace DIR                 the workspace folder (else $AIRGAP_WORKSPACE, else the
                                              workbench's, ~/.airgap/workspace/repository)
              --json                          machine-readable JSON on stdout (jobs, run, status, sync,
                                              upload, verify, login, logout)
            Exit codes: 0 ok, 1 failed, 2 wrong usage, 3 not logged in or session ended (log in again).
            """;

    private static final Duration SERVICE_WAIT = Services.WAIT;

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;

    public CommandLineApplication() {
        this(System.in, System.out, System.err);
    }

    CommandLineApplication(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
    }

    @Override
    public Object start(IApplicationContext context) throws Exception {
        context.applicationRunning();
        String[] args = (String[]) context.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS, new String[0]);
        return run(Arrays.asList(args));
    }

    int run(List<String> args) {
        Invocation invocation;
        try {
            invocation = Invocation.parse(args);
        } catch (CommandException e) {
            return usage(e.getMessage());
        }
        String command = invocation.command();
        if (command == null || command.equals("help") || command.equals("--help")) {
            out.print(USAGE_TEXT);
            return command == null ? USAGE : OK;
        }
        List<String> rest = invocation.arguments();
        if (WorkspaceCommands.handles(command)) {
            try (WorkspaceCommands commands = new WorkspaceCommands(invocation, in, out, err)) {
                return commands.execute();
            } catch (CommandException e) {
                return fail(e);
            } catch (RuntimeException e) {
                // A bug, not a situation the user can fix: the trace is what a report needs.
                err.println("airgap: " + command + " failed unexpectedly: " + e
                        + "; nothing was lost (runs and uploads are written before they are shown). Please report "
                        + "this with the trace below.");
                e.printStackTrace(err);
                return FAILED;
            }
        }
        return switch (command) {
        case "version", "--version" -> version();
        case "update" -> update(rest);
        case "install" -> install(rest);
        case "drivers" -> drivers();
        default -> usage("unknown command '" + command + "'");
        };
    }

    private int usage(String problem) {
        err.println("airgap: " + problem);
        err.print(USAGE_TEXT);
        return USAGE;
    }

    private int fail(CommandException e) {
        err.println("airgap: " + e.getMessage());
        if (e.exitCode() == USAGE) {
            err.println("airgap help lists the commands and their options.");
        }
        return e.exitCode();
    }

    private int version() {
        BundleContext context = FrameworkUtil.getBundle(getClass()).getBundleContext();
        out.println("Airgap " + context.getBundle().getVersion());
        for (Bundle bundle : context.getBundles()) {
            String name = bundle.getSymbolicName();
            if (name != null && name.startsWith("org.airgap.")) {
                out.println("  " + name + " " + bundle.getVersion() + " " + stateName(bundle.getState()));
            }
        }
        return OK;
    }

    private int update(List<String> args) {
        URI repository = null;
        boolean checkOnly = false;
        List<String> unknown = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            switch (args.get(i)) {
            case "--check" -> checkOnly = true;
            case "--repository" -> {
                if (i + 1 >= args.size()) {
                    return usage("--repository needs a URI, for example file:/media/usb/airgap-repository");
                }
                try {
                    repository = toUri(args.get(++i));
                } catch (URISyntaxException e) {
                    return usage("--repository: not a URI or path: " + e.getMessage());
                }
            }
            default -> unknown.add(args.get(i));
            }
        }
        if (!unknown.isEmpty()) {
            return usage("update: unknown arguments " + unknown);
        }
        SoftwareUpdates updates = service(SoftwareUpdates.class, SERVICE_WAIT);
        if (updates == null) {
            err.println("airgap: the update service did not start; reinstall Airgap from its product archive.");
            return FAILED;
        }
        if (repository == null) {
            out.println("Update repositories: " + updates.repositories());
        } else {
            out.println("Update repository: " + repository);
        }
        UpdateResult result = checkOnly ? updates.check(repository, new ConsoleProgress(out))
                : updates.update(repository, new ConsoleProgress(out));
        result.changes().forEach(change -> out.println("  " + change));
        (result.outcome() == Outcome.FAILED ? err : out).println(result.message());
        return result.outcome() == Outcome.FAILED || result.outcome() == Outcome.CANCELLED ? FAILED : OK;
    }

    private int install(List<String> args) {
        if (args.size() != 3 || !args.get(1).equals("--repository")) {
            return usage("install needs a feature id and --repository URI, for example: airgap install "
                    + "com.example.airgap.driver.http.feature --repository /media/usb/vendor-repository");
        }
        URI repository;
        try {
            repository = toUri(args.get(2));
        } catch (URISyntaxException e) {
            return usage("--repository: not a URI or path: " + e.getMessage());
        }
        SoftwareUpdates updates = service(SoftwareUpdates.class, SERVICE_WAIT);
        if (updates == null) {
            err.println("airgap: the update service did not start; reinstall Airgap from its product archive.");
            return FAILED;
        }
        UpdateResult result = updates.install(args.get(0), repository, new ConsoleProgress(out));
        result.changes().forEach(change -> out.println("  " + change));
        (result.outcome() == Outcome.UPDATED ? out : err).println(result.message());
        return result.outcome() == Outcome.UPDATED ? OK : FAILED;
    }

    /** Lists driver services; SCR registers them as bundles start, so wait briefly for the first. */
    private int drivers() {
        BundleContext context = FrameworkUtil.getBundle(getClass()).getBundleContext();
        service(DeviceDriver.class, Duration.ofSeconds(5));
        try {
            List<ServiceReference<DeviceDriver>> references = new ArrayList<>(
                    context.getServiceReferences(DeviceDriver.class, null));
            references.sort(Comparator.comparing(r -> String.valueOf(r.getProperty(DeviceDriver.ID))));
            if (references.isEmpty()) {
                out.println("No device drivers are installed.");
            }
            for (ServiceReference<DeviceDriver> reference : references) {
                DeviceDriver driver = context.getService(reference);
                if (driver == null) {
                    continue;
                }
                try {
                    out.println(reference.getProperty(DeviceDriver.ID) + "\t" + reference.getProperty(DeviceDriver.NAME)
                            + "\t" + reference.getProperty(DeviceDriver.VENDOR) + "\t"
                            + reference.getBundle().getSymbolicName() + " " + reference.getBundle().getVersion());
                    for (ParameterDescriptor parameter : driver.parameters()) {
                        out.println("    " + parameter.name() + (parameter.required() ? " (required)" : "")
                                + (parameter.secret() ? " (secret)" : "")
                                + (parameter.defaultValue() == null ? "" : " = " + parameter.defaultValue())
                                + "  " + parameter.description());
                    }
                } finally {
                    context.ungetService(reference);
                }
            }
            return OK;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Accepts a URI with a scheme, or a local path (made absolute). */
    static URI toUri(String text) throws URISyntaxException {
        if (text.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*")) {
            return new URI(text);
        }
        return Path.of(text).toAbsolutePath().normalize().toUri();
    }

    private <T> T service(Class<T> type, Duration wait) {
        BundleContext context = FrameworkUtil.getBundle(getClass()).getBundleContext();
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            return tracker.waitForService(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } finally {
            tracker.close();
        }
    }

    private static String stateName(int state) {
        return switch (state) {
        case Bundle.ACTIVE -> "active";
        case Bundle.STARTING -> "starting";
        case Bundle.RESOLVED -> "resolved";
        case Bundle.INSTALLED -> "installed";
        default -> "state " + state;
        };
    }

    @Override
    public void stop() {
        // Commands are short; the framework stops with the JVM.
    }
}
