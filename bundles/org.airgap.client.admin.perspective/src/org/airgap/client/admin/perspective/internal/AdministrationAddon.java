package org.airgap.client.admin.perspective.internal;

import java.util.function.Consumer;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.airgap.client.admin.perspective.AdministratorSession;
import org.airgap.client.events.EventSubscriptions;
import org.airgap.session.SessionEvent;
import org.airgap.session.SessionService;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.swt.widgets.Display;

/**
 * Offers administration only to an administrator logged in online: the Administration menu and perspective
 * appear when such a session starts and go when it ends or another user logs in (a technician never sees
 * them; the perspective's handlers refuse anyway). Like the session add-on it asks the application context
 * for the session service only once the workbench has started.
 */
public class AdministrationAddon {

    @Inject
    private MApplication application;

    @Inject
    private EModelService models;

    private SessionService sessions;
    private EventSubscriptions subscriptions;
    private Display display;
    private final Consumer<SessionEvent> sessionListener = event -> {
        Display target = display;
        if (target != null && !target.isDisposed()) {
            target.asyncExec(this::apply);
        }
    };

    @PostConstruct
    void start(IEventBroker broker) {
        subscriptions = new EventSubscriptions(broker).on(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE, Object.class,
                started -> startupComplete());
    }

    private void startupComplete() {
        display = Display.getCurrent();
        sessions = application.getContext().get(SessionService.class);
        if (sessions != null) {
            sessions.addListener(sessionListener);
        }
        apply();
    }

    @PreDestroy
    void stop() {
        subscriptions.close();
        if (sessions != null) {
            sessions.removeListener(sessionListener);
        }
    }

    /** Shows or withdraws administration in every window for the current session (UI thread). */
    private void apply() {
        if (display == null || display.isDisposed()) {
            return;
        }
        boolean administrator = AdministratorSession.current(sessions).isPresent();
        for (MWindow window : application.getChildren()) {
            PerspectiveSwitch.offer(window, models, administrator);
        }
    }
}
