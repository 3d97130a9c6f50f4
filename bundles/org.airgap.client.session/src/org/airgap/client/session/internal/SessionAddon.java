package org.airgap.client.session.internal;

import java.nio.file.Path;
import java.util.function.Consumer;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.airgap.client.events.EventSubscriptions;
import org.airgap.client.events.WorkbenchEvents;
import org.airgap.protocol.SessionEndReason;
import org.airgap.session.SessionEvent;
import org.airgap.session.SessionService;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Shell;

/**
 * The session in the workbench: asks for a login when the workbench opens without a session (unless
 * {@value #LOGIN_AT_STARTUP}{@code =false}), reports the technician's key and mouse activity to the
 * session service, and locks the workbench behind the login dialog when the session ends by a limit or
 * the server. Locking only blocks input: Eclipse Jobs (runs, uploads) go on behind the dialog.
 */
public class SessionAddon {

    /** System property: {@code false} opens the workbench without asking for a login (tests, demos). */
    public static final String LOGIN_AT_STARTUP = "airgap.login.atStartup";
    /** Activity is reported at most this often; the service writes it to disk less often still. */
    private static final long TOUCH_INTERVAL_NANOS = 1_000_000_000L;
    private static final System.Logger LOG = System.getLogger(SessionAddon.class.getName());
    private static final int[] ACTIVITY_EVENTS = { SWT.KeyDown, SWT.MouseDown, SWT.MouseWheel };

    @Inject
    private MApplication application;

    private SessionService sessions;
    private EventSubscriptions subscriptions;
    private IEventBroker broker;
    private Display display;
    private LoginDialog openDialog;
    /**
     * The server URL this start was launched with ({@link LaunchServer}), offered until the first online
     * login, which then is the one remembered; empty for none.
     */
    private volatile String launchServer = "";
    private long lastTouch;
    private final Listener activity = event -> activity();
    private final Consumer<SessionEvent> sessionListener = this::sessionChanged;

    @PostConstruct
    void start(IEclipseContext context, IEventBroker broker) {
        // Before anything asks for the job repository: the workspace folder chosen in the preferences.
        Path workspace = ClientPreferences.applyWorkspaceFolder();
        if (workspace != null) {
            LOG.log(System.Logger.Level.INFO, "workspace folder from the preferences: " + workspace);
        }
        context.set(SessionAddon.class, this);
        this.broker = broker;
        launchServer = LaunchServer.of(context.get(IApplicationContext.class));
        // Through this workbench's broker, not @UIEventTopic (see EventSubscriptions).
        subscriptions = new EventSubscriptions(broker).on(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE, Object.class,
                application -> startupComplete());
    }

    private void startupComplete() {
        display = Display.getCurrent();
        sessions = application.getContext().get(SessionService.class);
        if (sessions == null) {
            LOG.log(System.Logger.Level.ERROR, "no SessionService in the runtime: login and the session lock are off");
            return;
        }
        sessions.addListener(sessionListener);
        for (int type : ACTIVITY_EVENTS) {
            display.addFilter(type, activity);
        }
        if (!"false".equalsIgnoreCase(System.getProperty(LOGIN_AT_STARTUP)) && sessions.current().isEmpty()) {
            SessionEndReason reason = sessions.status().endReason();
            display.asyncExec(() -> openLogin(LoginDialog.Mode.STARTUP,
                    reason == SessionEndReason.LOGGED_OUT ? null : reason));
        }
    }

    @PreDestroy
    void stop() {
        subscriptions.close();
        if (sessions != null) {
            sessions.removeListener(sessionListener);
        }
        if (display != null && !display.isDisposed()) {
            for (int type : ACTIVITY_EVENTS) {
                display.removeFilter(type, activity);
            }
        }
    }

    /** The session service, once the workbench has started; {@code null} before or without one. */
    public SessionService sessions() {
        return sessions;
    }

    /** Whether a login dialog (or the lock screen) is open. */
    public boolean loginOpen() {
        return openDialog != null;
    }

    /**
     * Opens the login dialog unless one is open already (then a lock only updates its reason); on the UI
     * thread only. Returns at once: the dialog is application-modal, which blocks input to the workbench
     * without a nested event loop, so that whatever is running on the UI thread carries on.
     */
    public void openLogin(LoginDialog.Mode mode, SessionEndReason reason) {
        if (sessions == null || display == null || display.isDisposed()) {
            return;
        }
        if (openDialog != null) {
            if (reason != null) {
                openDialog.sessionEnded(reason);
            }
            return;
        }
        LoginDialog dialog = new LoginDialog(mainShell(), sessions, mode, reason, launchServer);
        dialog.setBlockOnOpen(false);
        openDialog = dialog;
        dialog.open();
        dialog.getShell().addListener(SWT.Dispose, event -> {
            if (openDialog == dialog) {
                openDialog = null;
            }
        });
    }

    private Shell mainShell() {
        MWindow window = application.getSelectedElement();
        if (window != null && window.getWidget() instanceof Shell shell && !shell.isDisposed()) {
            return shell;
        }
        return display.getActiveShell();
    }

    /** Called on the service's threads: a limit's timer, a sync refused by the server, a logout. */
    private void sessionChanged(SessionEvent event) {
        Display target = display;
        if (target == null || target.isDisposed()) {
            return;
        }
        // A login unlocks the encrypted workspace, a session's end locks it: the views read it again.
        broker.post(WorkbenchEvents.REPOSITORY_CHANGED, "session " + event.type().name().toLowerCase());
        if (event.type() == SessionEvent.Type.STARTED) {
            if (event.session().online()) {
                launchServer = "";
            }
            // Someone logged in elsewhere (another dialog, the command line on this workspace): unlock.
            target.asyncExec(() -> {
                if (openDialog != null && sessions.current().isPresent()) {
                    openDialog.sessionStarted();
                }
            });
        } else if (event.reason() != SessionEndReason.LOGGED_OUT) {
            target.asyncExec(() -> {
                if (sessions.current().isEmpty()) {
                    openLogin(LoginDialog.Mode.LOCK, event.reason());
                }
            });
        }
    }

    private void activity() {
        long now = System.nanoTime();
        if (now - lastTouch >= TOUCH_INTERVAL_NANOS) {
            lastTouch = now;
            sessions.touch();
        }
    }
}
