package org.airgap.client.uploads.internal;

import java.util.List;

import org.airgap.sync.PullReport;
import org.airgap.sync.RemovedJob;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/**
 * Tells the technician, once per sync, which jobs the sync removed from this laptop and why (the server no
 * longer gives them): a dialog listing each job with its reason. Listens to the {@link UploadActivity}; the
 * sync's status line and the Jobs view say it too, this makes sure it is not missed.
 */
final class RemovedJobsNotice implements Runnable {

    static final String TITLE = "Jobs removed from this laptop";

    private final UploadActivity activity;
    private final UISynchronize ui;
    private final MApplication application;
    /** The pull whose removals were shown last: each pull's report is a new object. */
    private PullReport shown;

    RemovedJobsNotice(UploadActivity activity, UISynchronize ui, MApplication application) {
        this.activity = activity;
        this.ui = ui;
        this.application = application;
    }

    /** Called on the sync Job's thread at every change of the activity. */
    @Override
    public synchronized void run() {
        UploadActivity.State state = activity.state();
        PullReport pull = state.lastPull();
        if (state.phase() != UploadActivity.Phase.IDLE || pull == null || pull == shown) {
            return;
        }
        shown = pull;
        if (!pull.removedJobs().isEmpty()) {
            ui.asyncExec(() -> open(pull.removedJobs()));
        }
    }

    private void open(List<RemovedJob> removed) {
        // Not blocking the UI thread: whatever runs there (a lock screen, another sync's progress) carries on.
        MessageDialog dialog = new MessageDialog(mainShell(), TITLE, null, message(removed), MessageDialog.WARNING, 0,
                "OK");
        dialog.setBlockOnOpen(false);
        dialog.open();
    }

    private Shell mainShell() {
        MWindow window = application.getSelectedElement();
        if (window != null && window.getWidget() instanceof Shell shell && !shell.isDisposed()) {
            return shell;
        }
        return Display.getCurrent().getActiveShell();
    }

    /** The dialog's text: each removed job with its reason and what happens to its runs. */
    static String message(List<RemovedJob> removed) {
        StringBuilder text = new StringBuilder(removed.size() == 1 ? "The sync removed a job from this laptop:"
                : "The sync removed " + removed.size() + " jobs from this laptop:");
        for (RemovedJob job : removed) {
            text.append("\n\n\u2022 ").append(line(job));
        }
        text.append(removed.size() == 1
                ? "\n\nThe Jobs view lists it (greyed, it cannot be run). If you still need to back up this device,"
                        + " ask an administrator to assign the job to you again: the next sync brings it back."
                : "\n\nThe Jobs view lists them (greyed, they cannot be run). If you still need to back up these"
                        + " devices, ask an administrator to assign the jobs to you again: the next sync brings them"
                        + " back.");
        return text.toString();
    }

    /** "Job 'X' was removed: it is no longer assigned to you (alice): …", with its held runs. */
    static String line(RemovedJob job) {
        String line = "Job '" + job.name() + "' was removed: " + job.reason() + ".";
        if (job.pendingUploads() > 0) {
            line += " Its " + (job.pendingUploads() == 1 ? "run" : job.pendingUploads() + " runs")
                    + " waiting for upload " + (job.pendingUploads() == 1 ? "stays" : "stay")
                    + " on this laptop, not uploaded, until the job is assigned to you again.";
        }
        return line;
    }

    /** The sync's status line: how many jobs it removed, empty when none. */
    static String summary(PullReport pull) {
        if (pull == null || pull.removedJobs().isEmpty()) {
            return "";
        }
        int count = pull.removedJobs().size();
        return (count == 1 ? "'" + pull.removedJobs().get(0).name() + "'" : count + " jobs")
                + " removed: no longer assigned to you";
    }
}
