package org.airgap.cli.internal;

import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.airgap.update.SoftwareUpdates;
import org.airgap.update.UpdateResult;
import org.airgap.update.UpdateResult.Outcome;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

/**
 * The headless {@code airgap} command: {@code bin/airgap COMMAND [ARGS]}. Exit codes: 0 success,
 * 1 the command failed, 2 wrong usage.
 */
public class CommandLineApplication implements IApplication {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    private static final String USAGE_TEXT = """
            Usage: airgap [COMMAND [ARGS]]
              (no command)                    open the Airgap workbench
              version                         print the version and the running Airgap bundles
              update [--repository URI] [--check]
                                              install newer Airgap features from the update
                                              repositories (p2.inf), or from URI; --check only lists them
              help                            print this text
            """;

    private final PrintStream out;
    private final PrintStream err;

    public CommandLineApplication() {
        this(System.out, System.err);
    }

    CommandLineApplication(PrintStream out, PrintStream err) {
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
        if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help")) {
            out.print(USAGE_TEXT);
            return args.isEmpty() ? USAGE : OK;
        }
        List<String> rest = args.subList(1, args.size());
        return switch (args.get(0)) {
        case "version", "--version" -> version();
        case "update" -> update(rest);
        default -> usage("unknown command '" + args.get(0) + "'");
        };
    }

    private int usage(String problem) {
        err.println("airgap: " + problem);
        err.print(USAGE_TEXT);
        return USAGE;
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
        SoftwareUpdates updates = service(SoftwareUpdates.class);
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

    /** Accepts a URI with a scheme, or a local path (made absolute). */
    static URI toUri(String text) throws URISyntaxException {
        if (text.matches("^[a-zA-Z][a-zA-Z0-9+.-]+:.*")) {
            return new URI(text);
        }
        return Path.of(text).toAbsolutePath().normalize().toUri();
    }

    private <T> T service(Class<T> type) {
        BundleContext context = FrameworkUtil.getBundle(getClass()).getBundleContext();
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        try {
            // DS activates lazily and in parallel with us: give it a moment.
            return tracker.waitForService(TimeUnit.SECONDS.toMillis(20));
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
