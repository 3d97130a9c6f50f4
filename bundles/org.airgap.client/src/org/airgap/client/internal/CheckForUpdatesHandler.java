package org.airgap.client.internal;

import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import org.airgap.update.SoftwareUpdates;
import org.airgap.update.UpdateResult;
import org.airgap.update.UpdateResult.Outcome;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.dialogs.ProgressMonitorDialog;
import org.eclipse.swt.widgets.Shell;

/**
 * Help > Check for Updates…: looks in the product's update repositories (p2.inf), shows what would
 * change, installs on confirmation and offers a restart; an account that may not change the installation
 * is told that an administrator must install the updates (SoftwareUpdates.updateRefusal). Work runs off
 * the UI thread with progress and cancel.
 */
public class CheckForUpdatesHandler {

    static final String TITLE = "Check for Updates";

    @Execute
    public void execute(Shell shell, IWorkbench workbench, @Optional @Service SoftwareUpdates updates) {
        if (updates == null) {
            MessageDialog.openError(shell, TITLE, "The update service is not running. Restart Airgap; if this "
                    + "stays, reinstall it from the product archive.");
            return;
        }
        UpdateResult check = runWithProgress(shell, monitor -> updates.check(null, monitor));
        switch (check.outcome()) {
        case UPDATES_AVAILABLE -> {
            java.util.Optional<UpdateResult> refused = updates.updateRefusal();
            if (refused.isPresent()) {
                // Checking is for everyone; installing only for an account that may write the installation.
                MessageDialog.openWarning(shell, TITLE, check.message() + "\n\n" + String.join("\n", check.changes())
                        + "\n\n" + refused.get().message());
                return;
            }
            String question = check.message() + "\n\n" + String.join("\n", check.changes())
                    + "\n\nInstall them now?";
            if (!MessageDialog.openQuestion(shell, TITLE, question)) {
                return;
            }
            UpdateResult installed = runWithProgress(shell, monitor -> updates.update(null, monitor));
            if (installed.outcome() == Outcome.UPDATED) {
                if (MessageDialog.openQuestion(shell, TITLE, installed.message() + "\n\nRestart now?")) {
                    workbench.restart();
                }
            } else {
                show(shell, installed);
            }
        }
        default -> show(shell, check);
        }
    }

    private static void show(Shell shell, UpdateResult result) {
        if (result.outcome() == Outcome.FAILED || result.outcome() == Outcome.NOT_PERMITTED) {
            MessageDialog.openError(shell, TITLE, result.message());
        } else {
            MessageDialog.openInformation(shell, TITLE, result.message());
        }
    }

    private static UpdateResult runWithProgress(Shell shell, Function<IProgressMonitor, UpdateResult> work) {
        AtomicReference<UpdateResult> result = new AtomicReference<>();
        try {
            new ProgressMonitorDialog(shell).run(true, true, monitor -> result.set(work.apply(monitor)));
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new UpdateResult(Outcome.FAILED, "The update failed: " + cause, java.util.List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new UpdateResult(Outcome.CANCELLED, "Cancelled; nothing was changed.", java.util.List.of());
        }
        return result.get();
    }
}
