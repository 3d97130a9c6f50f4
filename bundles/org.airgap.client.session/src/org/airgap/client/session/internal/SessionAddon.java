package org.airgap.client.session.internal;

import java.nio.file.Path;
import java.util.function.Consumer;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.airgap.protocol.SessionEndReason;
import org.airgap.session.SessionEvent;
import org.airgap.session.SessionService;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Shell;
import org.osgi.service.event.Event;

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
    private Display display;
    private LoginDialog openDialog;
    private long lastTouch;
    private final Listener activity = event -> activity();
    private final Consumer<SessionEvent> sessionListener = this::sessionChanged;

    @PostConstruct
    void start(IEclipseContext context) {
        // Before anything asks for the job repository: the workspace folder chosen in the preferences.
        Path workspace = ClientPreferences.applyWorkspaceFolder();
        if (workspace != null) {
            LOG.log(System.Logger.Level.INFO, "workspace folder from the preferences: " + workspace);
        }
        context.set(SessionAddon.class, this);
    }

    @Inject
    @Optional
    void startupComplete(@UIEventTopic(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE) Event event) {
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
     * Opens the login dialog unless one is open already (then a lock only updates its reason). Returns
     * when the dialog closes; on the UI thread only.
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
        openDialog = new LoginDialog(mainShell(), sessions, mode, reason);
        try {
            openDialog.open();
        } finally {
            openDialog = null;
        }
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
        if (event.type() != SessionEvent.Type.ENDED || event.reason() == SessionEndReason.LOGGED_OUT) {
            return;
        }
        Display target = display;
        if (target != null && !target.isDisposed()) {
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
