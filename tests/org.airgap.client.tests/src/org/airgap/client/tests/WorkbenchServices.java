package org.airgap.client.tests;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;

import org.airgap.session.SessionService;
import org.airgap.testing.workbench.WorkbenchHarness;
import org.airgap.workspace.JobRepository;
import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Shell;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.util.tracker.ServiceTracker;

/** What the view tests share: the runtime's DS services, commands with parameters, waiting. */
final class WorkbenchServices {

    /** The login dialog's title. */
    static final String LOGIN_TITLE = "Log in to Airgap";
    /** The session add-on's switch for the login dialog at startup (off in this test runtime). */
    private static final String LOGIN_AT_STARTUP = "airgap.login.atStartup";

    private WorkbenchServices() {
    }

    /** The DS service of this type in the test runtime (the workbench's own), waiting for it to come up. */
    static <T> T service(Class<T> type) throws InterruptedException, InvalidSyntaxException {
        return service(type, null);
    }

    /** Likewise, the service whose properties match an LDAP {@code filter} ({@code null} for any). */
    static <T> T service(Class<T> type, String filter) throws InterruptedException, InvalidSyntaxException {
        BundleContext context = FrameworkUtil.getBundle(WorkbenchServices.class).getBundleContext();
        String objectClass = "(objectClass=" + type.getName() + ")";
        ServiceTracker<T, T> tracker = new ServiceTracker<>(context,
                context.createFilter(filter == null ? objectClass : "(&" + objectClass + filter + ")"), null);
        tracker.open();
        T service = tracker.waitForService(Duration.ofSeconds(30).toMillis());
        if (service == null) {
            throw new AssertionError("No " + type.getName() + " service " + (filter == null ? "" : filter + " ") + "in the test runtime within 30 s");
        }
        return service; // the tracker stays open: the service stays in use for the whole test class
    }

    /**
     * Starts the product's workbench as it opens on a laptop, asking for the login (the test runtime turns
     * that off for the view tests), and waits for the login dialog: the add-on reads the switch when the
     * startup is complete, which may come after the window is open, so it stays on until the dialog is there.
     */
    static WorkbenchHarness startAtTheLoginDialog(Duration timeout, String... arguments) {
        String loginAtStartup = System.getProperty(LOGIN_AT_STARTUP);
        System.setProperty(LOGIN_AT_STARTUP, "true");
        try {
            WorkbenchHarness workbench = WorkbenchHarness.start("org.airgap.client.product", arguments);
            workbench.waitForShell(LOGIN_TITLE, timeout);
            return workbench;
        } finally {
            if (loginAtStartup == null) {
                System.clearProperty(LOGIN_AT_STARTUP);
            } else {
                System.setProperty(LOGIN_AT_STARTUP, loginAtStartup);
            }
        }
    }

    /**
     * Ends a test class that ran the workbench on a workspace of its own: logs out (the next class's
     * workbench starts without a session), closes the workbench and goes back to the runtime's workspace.
     * Either may be {@code null} when the class failed to start.
     */
    static void logOutAndClose(SessionService sessions, WorkbenchHarness workbench) throws BundleException {
        if (sessions != null) {
            sessions.logout();
        }
        if (workbench != null) {
            workbench.close();
        }
        useRuntimeWorkspace();
    }

    /** Executes a command with parameters as a menu item or another view would, and returns when it has run. */
    static void execute(WorkbenchHarness workbench, String commandId, Map<String, Object> parameters) {
        execute(workbench, commandId, parameters, () -> {
        });
    }

    /** Likewise, then runs {@code next} in the same turn of the UI thread, before any other event. */
    static void execute(WorkbenchHarness workbench, String commandId, Map<String, Object> parameters, Runnable next) {
        workbench.run(() -> {
            IEclipseContext context = workbench.mainWindow().getContext();
            ECommandService commands = context.get(ECommandService.class);
            EHandlerService handlers = context.get(EHandlerService.class);
            handlers.executeHandler(commands.createCommand(commandId, parameters));
            next.run();
        });
        workbench.settle();
    }

    /**
     * A screenshot of what is on screen once GTK has painted the latest state: the harness copies the
     * screen right away, and a frame painted a moment earlier can still be there under load.
     */
    static Path paintedScreenshot(WorkbenchHarness workbench, String name) {
        return paintedScreenshot(workbench, name, workbench.ui(() -> workbench.display().getBounds()));
    }

    /** Likewise, only {@code area} of the screen (a dialog with a margin of the workbench around it). */
    static Path paintedScreenshot(WorkbenchHarness workbench, String name, Rectangle area) {
        for (int round = 0; round < 3; round++) {
            workbench.run(() -> {
                for (Shell shell : workbench.display().getShells()) {
                    if (shell.isVisible()) {
                        shell.redraw();
                        shell.update();
                    }
                }
            });
            workbench.settle();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return workbench.screenshot(name, area);
    }

    /** Polls {@code condition} on the UI thread (events processed in between) until it holds. */
    static void waitUntil(WorkbenchHarness workbench, Duration timeout, String what, Callable<Boolean> condition) {
        waitFor(workbench, timeout, what, () -> workbench.ui(condition));
    }

    /**
     * Polls {@code condition} from the test thread (it may use {@code workbench.ui} itself), settling the
     * UI between tries, until it holds.
     */
    static void waitFor(WorkbenchHarness workbench, Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            workbench.settle();
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw timedOut(workbench, timeout, what);
    }

    /** The failure, with a screenshot of what the screen showed: the best clue to why. */
    private static AssertionError timedOut(WorkbenchHarness workbench, Duration timeout, String what) {
        Path shot = workbench.screenshot("timeout-" + what.replaceAll("[^A-Za-z0-9]+", "-"));
        return new AssertionError("Not within " + timeout.toSeconds() + " s: " + what + " (screen: " + shot + ")");
    }

    /**
     * The workbench's job repository: the DS service on {@code repository/} in the OSGi instance area,
     * which the test runtime puts in the module's {@code target/work/data} (tycho-surefire's
     * {@code osgiDataDirectory}, emptied before every run) — never the technician's own workspace.
     */
    static JobRepository repository() throws InterruptedException, InvalidSyntaxException {
        JobRepository repository = service(JobRepository.class);
        Path home = Path.of(System.getProperty("user.home"), ".airgap");
        if (repository.location().toAbsolutePath().startsWith(home)) {
            throw new AssertionError("The test runtime's job repository is " + repository.location()
                    + ", inside the user's own Airgap folder: the test runtime has no instance area (-data)");
        }
        return repository;
    }

    /**
     * Points the runtime's job repository (and the session and sync services on it) at {@code folder}, a
     * workspace of the test class's own, so that the runs other classes leave queued stay out of its way;
     * {@link #useRuntimeWorkspace()} undoes it. Call before the workbench starts.
     */
    static JobRepository useWorkspace(Path folder) throws Exception {
        System.setProperty(JobRepository.WORKSPACE_PROPERTY, folder.toString());
        restartJobRepository();
        JobRepository repository = service(JobRepository.class);
        if (!repository.location().equals(folder)) {
            throw new AssertionError("The job repository stayed at " + repository.location() + ", not " + folder);
        }
        return repository;
    }

    /** The runtime's own workspace again, as the next test classes expect it. */
    static void useRuntimeWorkspace() throws BundleException {
        System.clearProperty(JobRepository.WORKSPACE_PROPERTY);
        restartJobRepository();
    }

    /** The repository service reads {@value JobRepository#WORKSPACE_PROPERTY} when its bundle starts. */
    private static void restartJobRepository() throws BundleException {
        Bundle bundle = FrameworkUtil.getBundle(JobRepository.class);
        bundle.stop();
        bundle.start();
    }
}
