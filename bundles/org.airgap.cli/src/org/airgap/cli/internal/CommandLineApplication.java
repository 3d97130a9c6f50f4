package org.airgap.cli.internal;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;

/**
 * The headless {@code airgap} command: {@code bin/airgap [--workspace DIR] [--json] COMMAND [ARGS]}, parsed
 * and run by {@link AirgapCommand}. Exit codes (docs/server.md, "Command line"): 0 success, 1 the command
 * failed, 2 wrong usage, 3 not logged in or the session ended, 4 not permitted to change the installation.
 */
public class CommandLineApplication implements IApplication {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int NOT_LOGGED_IN = 3;
    /** update or install by an account that may not change the installation: an administrator must run it. */
    static final int NOT_PERMITTED = 4;

    private final Console console;

    public CommandLineApplication() {
        this(System.in, System.out, System.err);
    }

    CommandLineApplication(InputStream in, PrintStream out, PrintStream err) {
        this(new Console(in, out, err));
    }

    CommandLineApplication(Console console) {
        this.console = console;
    }

    @Override
    public Object start(IApplicationContext context) throws Exception {
        context.applicationRunning();
        String[] args = (String[]) context.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS, new String[0]);
        return run(Arrays.asList(args));
    }

    int run(List<String> args) {
        String[] words = args.toArray(String[]::new);
        return AirgapCommand.commandLine(console, words).execute(words);
    }

    @Override
    public void stop() {
        // Commands are short; the framework stops with the JVM.
    }
}
