package org.airgap.client.session.internal;

import org.airgap.session.SessionService;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;

/**
 * File > Log out: ends the session here and at the server. In a Job: telling the server may wait for the
 * network. Runs and queued uploads are not touched.
 */
public class LogoutHandler {

    @CanExecute
    public boolean canExecute(@Optional @Service SessionService sessions) {
        return sessions != null && sessions.current().isPresent();
    }

    @Execute
    public void execute(@Optional @Service SessionService sessions) {
        if (sessions == null) {
            return; // gone since canExecute: nothing to log out of
        }
        Job logout = Job.create("Logging out", monitor -> {
            sessions.logout();
            return Status.OK_STATUS;
        });
        logout.setSystem(true);
        logout.schedule();
    }
}
