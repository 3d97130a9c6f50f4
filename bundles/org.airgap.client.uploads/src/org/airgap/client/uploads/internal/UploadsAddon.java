package org.airgap.client.uploads.internal;

import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

import org.airgap.client.events.EventSubscriptions;
import org.airgap.client.events.ServerJobs;
import org.airgap.client.events.WorkbenchEvents;
import org.airgap.session.ClientSession;
import org.airgap.session.SessionEvent;
import org.airgap.session.SessionService;
import org.airgap.sync.SyncService;
import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.UIEvents;

/**
 * Puts this workbench's {@link UploadActivity} into the application context, where the Sync handler and
 * the Uploads view find the same one (one per workbench, not per OSGi runtime). After each online login
 * it also asks the server which jobs the technician has there and posts them as
 * {@link WorkbenchEvents#SERVER_JOBS} (the Jobs view greys those not synced yet). A sync that removed jobs from
 * the laptop opens the {@link RemovedJobsNotice}.
 */
public class UploadsAddon {

    private IEclipseContext context;
    private IEventBroker broker;
    private EventSubscriptions subscriptions;
    private SessionService sessions;
    private final Consumer<SessionEvent> sessionListener = this::sessionChanged;

    @PostConstruct
    void start(IEclipseContext context, IEventBroker broker, UISynchronize ui, MApplication workbenchModel) {
        this.context = context;
        this.broker = broker;
        UploadActivity activity = new UploadActivity(broker);
        activity.addListener(new RemovedJobsNotice(activity, ui, workbenchModel));
        context.set(UploadActivity.class, activity);
        // Not before startup: the session service opens the job repository, which must wait until the
        // workspace folder preference is applied.
        subscriptions = new EventSubscriptions(broker).on(UIEvents.UILifeCycle.APP_STARTUP_COMPLETE, Object.class,
                application -> listenToSessions());
    }

    private void listenToSessions() {
        sessions = context.get(SessionService.class);
        if (sessions != null) {
            sessions.addListener(sessionListener);
            sessions.current().ifPresent(this::listServerJobs);
        }
    }

    /** Called on the session service's threads. */
    private void sessionChanged(SessionEvent event) {
        if (event.type() == SessionEvent.Type.STARTED) {
            listServerJobs(event.session());
        }
    }

    private void listServerJobs(ClientSession session) {
        SyncService sync = context.get(SyncService.class);
        if (!session.online() || sync == null) {
            return; // offline the server cannot be asked; the synced jobs are all there is
        }
        Job listing = Job.create("Listing the jobs of " + session.user() + " at " + session.server(), monitor -> {
            try {
                List<ServerJobs.Entry> jobs = sync.serverJobs(session).stream().map(job -> new ServerJobs.Entry(
                        job.id(), job.name(), job.componentId(), job.componentName(), job.deviceType())).toList();
                broker.post(WorkbenchEvents.SERVER_JOBS, new ServerJobs(session.user(), jobs));
            } catch (IOException | RuntimeException e) {
                // No dialog: the Jobs view still shows the synced jobs, and Sync reports server trouble.
                ILog.of(UploadsAddon.class).warn("Could not list the jobs at " + session.server() + ": " + e.getMessage());
            }
            return Status.OK_STATUS;
        });
        listing.setSystem(true);
        listing.schedule();
    }

    @PreDestroy
    void stop() {
        subscriptions.close();
        if (sessions != null) {
            sessions.removeListener(sessionListener);
        }
    }
}
