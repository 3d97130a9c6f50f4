package org.airgap.client.uploads.internal;

import org.airgap.client.WorkbenchIds;
import org.airgap.session.ClientSession;
import org.airgap.session.SessionService;
import org.airgap.sync.SyncService;
import org.airgap.workspace.JobRepository;
import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Shell;

/**
 * Sync (M1+M2+S): pulls the assigned jobs and baselines, then uploads the runs waiting for upload, in an
 * Eclipse Job; the Uploads view shows the progress and has the Cancel button.
 */
public class SyncHandler {

    public static final String TITLE = "Sync";

    @CanExecute
    public boolean canExecute(@Optional UploadActivity activity) {
        return activity != null && !activity.isRunning();
    }

    @Execute
    public void execute(Shell shell, UploadActivity activity, EPartService parts,
            @Optional @Service SessionService sessions, @Optional @Service SyncService sync,
            @Optional @Service JobRepository repository) {
        java.util.Optional<ClientSession> session = sessions == null ? java.util.Optional.empty()
                : sessions.current();
        if (session.isEmpty()) {
            MessageDialog.openInformation(shell, TITLE, "Not logged in: log in online first (File > Log In\u2026), "
                    + "then sync.");
            return;
        }
        if (!session.get().online()) {
            MessageDialog.openInformation(shell, TITLE, "You are logged in offline as " + session.get().user()
                    + ": sync needs the server. Log in online (File > Log In\u2026) where the server can be reached; "
                    + "finished runs stay queued for upload until then.");
            return;
        }
        parts.showPart(WorkbenchIds.PART_UPLOADS, PartState.VISIBLE);
        activity.start(session.get(), true, sync, repository);
    }
}
