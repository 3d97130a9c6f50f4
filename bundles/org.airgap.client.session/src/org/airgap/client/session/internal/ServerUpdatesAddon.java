package org.airgap.client.session.internal;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.airgap.client.events.EventSubscriptions;
import org.airgap.protocol.Api;
import org.airgap.protocol.PublishedUpdates;
import org.airgap.protocol.Role;
import org.airgap.session.ClientSession;
import org.airgap.session.SessionEvent;
import org.airgap.session.SessionService;
import org.airgap.session.http.ServerClient;
import org.airgap.update.ServerUpdateOffer;
import org.airgap.update.SoftwareUpdates;
import org.airgap.update.UpdateResult;
import org.airgap.update.UpdateResult.Outcome;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.dialogs.ProgressMonitorDialog;
import org.eclipse.swt.widgets.Display;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * Client updates published on the server (docs/installing.md): after each online login, compares the
 * installed features with the server's and, when the server has newer ones, says so once the login dialog
 * is closed. An administrator installs them with one click (the server's repository is copied over the
 * session's connection into a temporary folder and installed from there, then Airgap offers a restart); a
 * technician is told to ask an administrator. Offline logins ask nothing.
 */
public class ServerUpdatesAddon {

    static final String TITLE = "Airgap Updates";
    private static final System.Logger LOG = System.getLogger(ServerUpdatesAddon.class.getName());

    @Inject
    private MApplication application;

    private SessionService sessions;
    private EventSubscriptions subscriptions;
    private Display display;
    private final Consumer<SessionEvent> listener = this::sessionChanged;

    @PostConstruct
    void start(IEventBroker broker) {
        subscriptions = new EventSubscriptions(broker).on(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE, Object.class,
                application -> startupComplete());
    }

    private void startupComplete() {
        display = Display.getCurrent();
        sessions = application.getContext().get(SessionService.class);
        if (sessions != null) {
            sessions.addListener(listener);
        }
    }

    @PreDestroy
    void stop() {
        subscriptions.close();
        if (sessions != null) {
            sessions.removeListener(listener);
        }
    }

    private void sessionChanged(SessionEvent event) {
        ClientSession session = event.session();
        SoftwareUpdates updates = application.getContext().get(SoftwareUpdates.class);
        if (event.type() != SessionEvent.Type.STARTED || !session.online() || updates == null) {
            return;
        }
        Job.create("Looking for client updates on the server", monitor -> {
            try {
                PublishedUpdates published = ServerClient.forSession(session).getJson(Api.UPDATES,
                        PublishedUpdates.class);
                List<String> changes = ServerUpdateOffer.newer(updates.installedFeatures(), published);
                if (!changes.isEmpty() && display != null && !display.isDisposed()) {
                    display.asyncExec(() -> tell(session, published, changes, updates));
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "could not ask the server for client updates", e);
            }
            return Status.OK_STATUS;
        }).schedule();
    }

    /** The notice's text: what is newer, and who installs it. */
    static String notice(ClientSession session, List<String> changes) {
        return "The Airgap server offers newer versions of this installation:\n\n  " + String.join("\n  ", changes)
                + "\n\n" + (session.role() == Role.ADMIN ? "Install them now? Airgap restarts afterwards."
                        : "Ask an administrator to install them on this computer (Airgap updates from the server"
                                + " when an administrator logs in here).");
    }

    /** On the UI thread, once the login dialog is closed. */
    private void tell(ClientSession session, PublishedUpdates published, List<String> changes,
            SoftwareUpdates updates) {
        SessionAddon addon = application.getContext().get(SessionAddon.class);
        if (addon != null && addon.loginOpen()) {
            display.timerExec(500, () -> tell(session, published, changes, updates));
            return;
        }
        if (session.role() != Role.ADMIN) {
            MessageDialog.openInformation(display.getActiveShell(), TITLE, notice(session, changes));
            return;
        }
        Optional<UpdateResult> refused = updates.updateRefusal();
        if (refused.isPresent()) {
            MessageDialog.openWarning(display.getActiveShell(), TITLE, notice(session, changes).replace(
                    "Install them now? Airgap restarts afterwards.", refused.get().message()));
            return;
        }
        if (!MessageDialog.openQuestion(display.getActiveShell(), TITLE, notice(session, changes))) {
            return;
        }
        UpdateResult result = install(session, published, updates);
        if (result.outcome() == Outcome.UPDATED) {
            if (MessageDialog.openQuestion(display.getActiveShell(), TITLE, result.message() + "\n\nRestart now?")) {
                application.getContext().get(IWorkbench.class).restart();
            }
        } else if (result.outcome() == Outcome.FAILED || result.outcome() == Outcome.NOT_PERMITTED) {
            MessageDialog.openError(display.getActiveShell(), TITLE, result.message());
        } else {
            MessageDialog.openInformation(display.getActiveShell(), TITLE, result.message());
        }
    }

    /** Copies the server's repository into a temporary folder and updates from it, with progress and cancel. */
    private UpdateResult install(ClientSession session, PublishedUpdates published, SoftwareUpdates updates) {
        AtomicReference<UpdateResult> result = new AtomicReference<>();
        try {
            new ProgressMonitorDialog(display.getActiveShell()).run(true, true, monitor -> {
                monitor.beginTask("Copying the server's update repository", IProgressMonitor.UNKNOWN);
                ServerClient server = ServerClient.forSession(session);
                try {
                    result.set(ServerUpdateOffer.install(published, path -> server.getStream(Api.UPDATES_P2 + path),
                            updates, monitor));
                } catch (IOException e) {
                    result.set(new UpdateResult(Outcome.FAILED, "Copying the server's updates failed: "
                            + e.getMessage(), List.of()));
                }
            });
        } catch (InvocationTargetException e) {
            return new UpdateResult(Outcome.FAILED, "The update failed: " + e.getCause(), List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new UpdateResult(Outcome.CANCELLED, "Cancelled; nothing was changed.", List.of());
        }
        return result.get();
    }
}
