package org.airgap.client.session.internal;

import static org.airgap.client.WorkbenchIds.TEST_ID;

import java.time.Instant;
import java.util.function.Consumer;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.airgap.session.SessionEvent;
import org.airgap.session.SessionService;
import org.airgap.session.SessionStatus;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/**
 * The session in the status bar: who is logged in, online or offline, and the time left until the idle
 * and the absolute limit, updated every second. Asking the service each second also ends a session
 * past its limit, which locks the workbench (see {@link SessionAddon}).
 */
public class SessionIndicator {

    private static final int REFRESH_MILLIS = 1000;

    private SessionService sessions;

    private Label label;
    private final Consumer<SessionEvent> listener = this::sessionChanged;

    /** A service that comes later (or again) is listened to, and shown at the next tick. */
    @Inject
    void sessions(@Optional @Service SessionService sessions) {
        if (this.sessions != null) {
            this.sessions.removeListener(listener);
        }
        this.sessions = sessions;
        if (sessions != null && label != null) {
            sessions.addListener(listener);
        }
    }

    @PostConstruct
    public void create(Composite parent) {
        Composite box = new Composite(parent, SWT.NONE);
        GridLayoutFactory.fillDefaults().margins(8, 2).applyTo(box);
        label = new Label(box, SWT.NONE);
        label.setData(TEST_ID, "session.indicator");
        GridDataFactory.fillDefaults().align(SWT.END, SWT.CENTER).grab(true, false).applyTo(label);
        if (sessions != null) {
            sessions.addListener(listener);
        }
        refresh();
    }

    private void refresh() {
        if (label.isDisposed()) {
            return;
        }
        try {
            update();
        } finally {
            label.getDisplay().timerExec(REFRESH_MILLIS, this::refresh);
        }
    }

    /** A login or an end shows at once, not at the next tick. */
    private void sessionChanged(SessionEvent event) {
        if (!label.isDisposed()) {
            label.getDisplay().asyncExec(() -> {
                if (!label.isDisposed()) {
                    update();
                }
            });
        }
    }

    private void update() {
        try {
            show(text());
        } catch (RuntimeException e) {
            show("Session state unreadable: " + e.getMessage());
        }
    }

    @PreDestroy
    void dispose() {
        if (sessions != null) {
            sessions.removeListener(listener);
        }
    }

    private String text() {
        if (sessions == null) {
            return "Sessions unavailable: the session service is not installed";
        }
        sessions.current(); // ends a session past its limit, so that status() reports it
        SessionStatus status = sessions.status();
        label.setToolTipText(status.session() != null && status.session().online()
                ? "Server: " + status.session().server() : null);
        return SessionTexts.indicator(status, Instant.now());
    }

    private void show(String text) {
        if (!text.equals(label.getText())) {
            int before = label.getText().length();
            label.setText(text);
            if (text.length() != before) {
                label.requestLayout();
            }
        }
    }
}
